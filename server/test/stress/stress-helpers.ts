import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { makeJpeg, multipart, uploadFields } from '../assets-helpers.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export const ADMIN = { email: 'stress@example.com', password: 'stress-password', name: 'Stress' };

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** Everything the process printed (stdout and stderr), line by line. */
  output: string[];
  /** Sends the signal and waits for the process to end; resolves with its exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<string>;
}

export interface StartOptions {
  /** Largest file the process may write, in bytes (RLIMIT_FSIZE, set with prlimit). */
  maxFileSize?: number;
}

/**
 * Starts the real server (`node --import tsx server/src/main.ts`, as `npm start` runs it) on the
 * data folder and a free port, and resolves once it listens.
 */
export async function startServer(
  dataDir: string,
  options: StartOptions = {},
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LIGHTBOX_DATA: dataDir,
    // No built gallery: only the API.
    LIGHTBOX_STATIC: path.join(dataDir, 'no-build'),
  };
  delete env.IMMICH_URL;
  const node = [process.execPath, '--import', 'tsx', 'server/src/main.ts'];
  const [command, ...args] =
    options.maxFileSize === undefined
      ? node
      : ['prlimit', `--fsize=${options.maxFileSize}`, '--', ...node];
  const child = spawn(command!, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line === '') continue;
        output.push(line);
        const match = /running on (http:\/\/[\d.]+:\d+)/.exec(line);
        if (match) resolve(match[1]!);
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    void exited.then((how) =>
      reject(new Error(`the server ended (${how}) before listening:\n${output.join('\n')}`)),
    );
  });
  return {
    url,
    child,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Signs the admin up (first start only) and logs in; returns a Bearer token. */
export async function signIn(url: string, signUp: boolean): Promise<string> {
  if (signUp) {
    const res = await fetch(`${url}/api/auth/admin-sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  }
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (res.status !== 201) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export const sha1Hex = (data: Buffer | Uint8Array) => createHash('sha1').update(data).digest('hex');

export interface TestFile {
  name: string;
  data: Buffer;
  sha1: string;
}

/**
 * A real JPEG made with sharp (its colour from `seed`) followed by `extra` random bytes, so the
 * file is large (in flight for a while) and unique; decoders stop at the JPEG's end marker.
 */
export async function makeFile(seed: number, extra: number): Promise<TestFile> {
  const data = Buffer.concat([await makeJpeg(seed), randomBytes(extra)]);
  return { name: `stress-${seed}.jpg`, data, sha1: sha1Hex(data) };
}

export interface UploadAnswer {
  status: number;
  body: { id?: string; status?: string; message?: unknown; error?: string; statusCode?: number };
}

export interface StreamOptions {
  /** Bytes per chunk written to the connection. */
  chunkSize?: number;
  /** When given, the last chunk waits for it (the upload stays in flight until then). */
  holdLastChunk?: Promise<void>;
  /** Called once everything but the held last chunk has been handed to the connection. */
  onHeld?: () => void;
}

/**
 * POST /api/assets with the multipart body a browser's FormData makes, streamed in chunks (each
 * after the event loop turns) so that many uploads are on the wire at once.
 */
export async function upload(
  url: string,
  token: string,
  file: TestFile,
  options: StreamOptions = {},
): Promise<UploadAnswer> {
  const { body, contentType } = await multipart(uploadFields(), [
    { field: 'assetData', data: file.data, fileName: file.name },
  ]);
  const chunkSize = options.chunkSize ?? 64 * 1024;
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve));
      const last = offset + chunkSize >= body.length;
      if (last && options.holdLastChunk) {
        options.onHeld?.();
        await options.holdLastChunk;
      }
      controller.enqueue(new Uint8Array(body.subarray(offset, offset + chunkSize)));
      offset += chunkSize;
      if (offset >= body.length) controller.close();
    },
  });
  // A stream body needs `duplex: 'half'` (Node's fetch), which RequestInit does not list.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: stream,
    duplex: 'half',
  };
  const res = await fetch(`${url}/api/assets`, init);
  return { status: res.status, body: (await res.json()) as UploadAnswer['body'] };
}

export async function getJson<T>(url: string, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

/** Which of the files the server holds (Immich's bulk upload check): sha1 → asset id. */
export async function storedIds(
  url: string,
  token: string,
  files: readonly TestFile[],
): Promise<Map<string, string>> {
  const res = await fetch(`${url}/api/assets/bulk-upload-check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ assets: files.map((f) => ({ id: f.sha1, checksum: f.sha1 })) }),
  });
  if (res.status !== 200) throw new Error(`bulk-upload-check: ${res.status}`);
  const { results } = (await res.json()) as {
    results: { id: string; action: string; assetId?: string }[];
  };
  return new Map(
    results
      .filter((r) => r.action === 'reject' && r.assetId)
      .map((r) => [r.id, r.assetId!] as const),
  );
}

/** SHA-1 of the original the server sends back for an asset. */
export async function originalSha1(url: string, token: string, id: string): Promise<string> {
  const res = await fetch(`${url}/api/assets/${id}/original`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`original of ${id}: ${res.status}`);
  return sha1Hex(new Uint8Array(await res.arrayBuffer()));
}

export async function totalAssets(url: string, token: string): Promise<number> {
  const { body } = await getJson<{ total: number }>(`${url}/api/assets/statistics`, token);
  return body.total;
}

/** Asks for the thumbnail until the server has made it (the route itself waits a while). */
export async function waitForThumbnail(url: string, token: string, id: string): Promise<Buffer> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const res = await fetch(`${url}/api/assets/${id}/thumbnail`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status === 200) return Buffer.from(await res.arrayBuffer());
    if (res.status !== 404) throw new Error(`thumbnail of ${id}: ${res.status}`);
    await res.arrayBuffer();
  }
  throw new Error(`the thumbnail of ${id} was never made`);
}

/** Every file under a folder, relative to `base`. */
export function filesUnder(dir: string, base: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(base, path.join(e.parentPath, e.name)));
}

export interface DataDirState {
  integrity: string;
  assets: { id: string; checksum: string }[];
  /** Files under library/, thumbs/ and encoded-video/ that no row names. */
  orphans: string[];
  /** Paths rows name that are not on disk. */
  missing: string[];
  /** Files left in the upload folder. */
  temporary: string[];
}

/**
 * Looks at a stopped server's data folder: SQLite's integrity check, the assets, and how the
 * files on disk compare with the paths the rows name.
 */
export function inspectDataDir(dataDir: string): DataDirState {
  const db = new Database(path.join(dataDir, 'lightbox.db'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const rows = db
      .prepare(
        `SELECT id, checksum, original_path, sidecar_path, thumbnail_path, preview_path,
                fullsize_path, encoded_video_path FROM assets`,
      )
      .all() as ({ id: string; checksum: Buffer } & Record<string, string | null>)[];
    const named = new Set<string>();
    for (const row of rows) {
      for (const column of [
        'original_path',
        'sidecar_path',
        'thumbnail_path',
        'preview_path',
        'fullsize_path',
        'encoded_video_path',
      ]) {
        const value = row[column];
        if (typeof value === 'string') named.add(path.normalize(value));
      }
    }
    const onDisk = ['library', 'thumbs', 'encoded-video'].flatMap((folder) =>
      filesUnder(path.join(dataDir, folder), dataDir),
    );
    const present = new Set(onDisk);
    return {
      integrity,
      assets: rows.map((r) => ({ id: r.id, checksum: r.checksum.toString('hex') })),
      orphans: onDisk.filter((file) => !named.has(file)),
      missing: [...named].filter((file) => !present.has(file)),
      temporary: filesUnder(path.join(dataDir, 'upload-tmp'), dataDir),
    };
  } finally {
    db.close();
  }
}

/** One line of figures for docs/reliability.md, easy to find in the test output. */
export function printFigures(name: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
  console.log(`[stress figures] ${name}: ${text}`);
}
