import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AssetRow } from '../src/db/assets.ts';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Creates a user through POST /admin/users and returns a Bearer token for it. */
export async function createUser(
  app: FastifyInstance,
  adminToken: string,
  user: { email: string; password?: string; name?: string },
): Promise<{ id: string; token: string }> {
  const password = user.password ?? 'user-password';
  const created = await app.inject({
    method: 'POST',
    url: '/api/admin/users',
    headers: bearer(adminToken),
    payload: { email: user.email, password, name: user.name ?? 'User' },
  });
  if (created.statusCode !== 201) throw new Error(`create user failed: ${created.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password },
  });
  if (login.statusCode !== 201) throw new Error(`login failed: ${login.body}`);
  return {
    id: created.json<{ id: string }>().id,
    token: login.json<{ accessToken: string }>().accessToken,
  };
}

/** Creates an API key with these permissions and returns its secret and id. */
export async function createApiKey(
  app: FastifyInstance,
  token: string,
  permissions: string[] = ['all'],
  name?: string,
): Promise<{ id: string; secret: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/api-keys',
    headers: bearer(token),
    payload: { permissions, ...(name === undefined ? {} : { name }) },
  });
  if (response.statusCode !== 201) throw new Error(`create key failed: ${response.body}`);
  const body = response.json<{ secret: string; apiKey: { id: string } }>();
  return { id: body.apiKey.id, secret: body.secret };
}

export const userIdOf = async (app: FastifyInstance, token: string): Promise<string> =>
  (await app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(token) })).json<{
    id: string;
  }>().id;

/**
 * Stores an original on disk and its row, the way a finished upload leaves them (used until the
 * upload route is the seeding path for these tests).
 */
export function seedAsset(
  app: FastifyInstance,
  ownerId: string,
  options: {
    fileName: string;
    bytes?: Buffer;
    livePhotoVideoId?: string | null;
    visibility?: AssetRow['visibility'];
    trashed?: boolean;
    type?: AssetRow['type'];
  },
): AssetRow {
  const id = randomUUID();
  const bytes = options.bytes ?? Buffer.from(`original of ${options.fileName} ${id}`);
  const extension = path.extname(options.fileName).toLowerCase();
  const absolute = app.paths.original(ownerId, id, extension);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, bytes);
  const now = new Date().toISOString();
  const row: AssetRow = {
    id,
    owner_id: ownerId,
    device_asset_id: `test-${id}`,
    device_id: 'test',
    type: options.type ?? (extension === '.mp4' || extension === '.mov' ? 'VIDEO' : 'IMAGE'),
    original_path: path.relative(app.paths.dataDir, absolute),
    original_file_name: options.fileName,
    original_mime_type: extension === '.mp4' ? 'video/mp4' : 'image/jpeg',
    checksum: createHash('sha1').update(bytes).digest(),
    file_size_in_byte: bytes.length,
    file_created_at: '2024-05-01T10:00:00.000Z',
    file_modified_at: '2024-05-01T10:00:00.000Z',
    local_date_time: '2024-05-01T10:00:00.000Z',
    created_at: now,
    updated_at: now,
    is_favorite: 0,
    visibility: options.visibility ?? 'timeline',
    deleted_at: options.trashed ? now : null,
    duration: null,
    live_photo_video_id: options.livePhotoVideoId ?? null,
    duplicate_id: null,
    thumbhash: null,
    thumbnail_path: null,
    preview_path: null,
    fullsize_path: null,
    encoded_video_path: null,
    sidecar_path: null,
    width: null,
    height: null,
    media_status: 'ready',
    media_error: null,
  };
  if (!app.repos.assets.create(row, {})) throw new Error('seedAsset: duplicate checksum');
  return row;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * Reads a stored (uncompressed) zip through its central directory: the entries' names and bytes.
 * Enough to check what /download/archive streamed; it throws on anything it does not expect.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (method !== 0) throw new Error(`entry ${name} is compressed (method ${method})`);
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error('bad local header');
    const localName = zip.readUInt16LE(localOffset + 26);
    const localExtra = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    entries.push({ name, data: zip.subarray(start, start + compressedSize) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
