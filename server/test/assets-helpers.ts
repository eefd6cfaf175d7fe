import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { hashPassword, newUserRow } from '../src/routes/api/auth.ts';

/** A JPEG made at run time; `seed` changes its colour, hence its bytes and checksum. */
export async function makeJpeg(seed = 0, width = 640, height = 480): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (seed * 37) % 256, g: (seed * 91 + 40) % 256, b: (seed * 53 + 90) % 256 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export async function makePng(seed = 0): Promise<Buffer> {
  return sharp({
    create: {
      width: 300,
      height: 500,
      channels: 4,
      background: { r: seed % 256, g: 10, b: 200, alpha: 1 },
    },
  })
    .png()
    .toBuffer();
}

export const sha1 = (data: Buffer) => createHash('sha1').update(data).digest();

export interface UploadPart {
  field: string;
  data: Buffer;
  fileName: string;
}

/** A multipart body as a browser's FormData would send it. */
export async function multipart(
  fields: Record<string, string>,
  files: UploadPart[],
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files)
    form.append(file.field, new Blob([new Uint8Array(file.data)]), file.fileName);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

export const uploadFields = (overrides: Record<string, string> = {}) => ({
  deviceAssetId: `asset-${Math.random().toString(36).slice(2)}`,
  deviceId: 'test-device',
  fileCreatedAt: '2024-03-05T10:00:00.000Z',
  fileModifiedAt: '2024-03-05T10:00:00.000Z',
  ...overrides,
});

export interface UploadOptions {
  fields?: Record<string, string>;
  fileName?: string;
  headers?: Record<string, string>;
  sidecar?: { data: Buffer; fileName: string };
  method?: 'POST' | 'PUT';
  url?: string;
}

/** Uploads through app.inject, as POST /api/assets (or PUT …/original with `url`). */
export async function injectUpload(
  app: FastifyInstance,
  token: string,
  data: Buffer,
  options: UploadOptions = {},
) {
  const files: UploadPart[] = [
    { field: 'assetData', data, fileName: options.fileName ?? 'photo.jpg' },
  ];
  if (options.sidecar) files.push({ field: 'sidecarData', ...options.sidecar });
  const { body, contentType } = await multipart(options.fields ?? uploadFields(), files);
  return app.inject({
    method: options.method ?? 'POST',
    url: options.url ?? '/api/assets',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...options.headers },
    payload: body,
  });
}

/** A second, non-admin user, created straight in the database, and a Bearer token for them. */
export async function createUser(
  app: FastifyInstance,
  email = 'second@example.com',
  password = 'second-password',
): Promise<{ id: string; token: string }> {
  const row = newUserRow({
    email,
    name: 'Second',
    passwordHash: await hashPassword(password),
    isAdmin: false,
  });
  app.repos.users.insert(row);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (login.statusCode !== 201) throw new Error(`login failed: ${login.body}`);
  return { id: row.id, token: login.json<{ accessToken: string }>().accessToken };
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
