// An original over 2 GB (past every 32-bit offset and length) goes through the real server
// process: streamed in, checked against its SHA-1, stored byte for byte, and streamed back out
// whole and by ranges. The browser's side of the same promise (its streaming SHA-1 of a file
// over 2 GB) is src/features/upload/hashing/large-file.test.ts, run by `npm run test:stress`.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg, uploadFields } from '../assets-helpers.ts';
import { signIn, startServer, type ServerProcess } from './stress-helpers.ts';

const SIZE = 2 ** 31 + 300 * 2 ** 20; // 2.29 GiB
const TAIL = randomBytes(64 * 1024);

async function sha1OfStream(
  stream: AsyncIterable<Uint8Array>,
): Promise<{ hex: string; bytes: number }> {
  const hash = createHash('sha1');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { hex: hash.digest('hex'), bytes };
}

describe('an original over 2 GB', () => {
  let dataDir: string;
  let sourceDir: string;
  let file: string;
  let server: ServerProcess;
  let token: string;
  let expected: { hex: string; bytes: number };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-large-'));
    sourceDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-large-src-'));
    // A real JPEG, then a sparse hole (no disk used for the source), random bytes past the
    // 2 GiB mark and at the very end, so a mistake at any large offset changes the digest.
    file = path.join(sourceDir, 'panorama.jpg');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, await makeJpeg(7), 0, undefined, 0);
    fs.writeSync(fd, randomBytes(4096), 0, undefined, 2 ** 31 - 2048);
    fs.writeSync(fd, TAIL, 0, undefined, SIZE - TAIL.length);
    fs.closeSync(fd);
    expected = await sha1OfStream(fs.createReadStream(file));
    server = await startServer(dataDir);
    token = await signIn(server.url, true);
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(sourceDir, { recursive: true, force: true });
  });

  it('is stored byte for byte and served back whole and by ranges', async () => {
    expect(expected.bytes).toBe(SIZE);
    const form = new FormData();
    for (const [name, value] of Object.entries(uploadFields())) form.append(name, value);
    // A file-backed Blob: the request body streams from disk, never held in memory.
    form.append('assetData', await fs.openAsBlob(file), 'panorama.jpg');
    const created = await fetch(`${server.url}/api/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-immich-checksum': expected.hex },
      body: form,
    });
    const answer = (await created.json()) as { id: string; status: string };
    expect(created.status, JSON.stringify(answer)).toBe(201);
    expect(answer.status).toBe('created');

    const info = await fetch(`${server.url}/api/assets/${answer.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const asset = (await info.json()) as { checksum: string; originalFileName: string };
    expect(asset.originalFileName).toBe('panorama.jpg');
    expect(Buffer.from(asset.checksum, 'base64').toString('hex')).toBe(expected.hex);

    const original = await fetch(`${server.url}/api/assets/${answer.id}/original`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-length')).toBe(String(SIZE));
    expect(await sha1OfStream(original.body!)).toEqual(expected);

    // The last bytes, by a range that starts past 2^31.
    const range = await fetch(`${server.url}/api/assets/${answer.id}/original`, {
      headers: { authorization: `Bearer ${token}`, range: `bytes=${SIZE - TAIL.length}-` },
    });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(
      `bytes ${SIZE - TAIL.length}-${SIZE - 1}/${SIZE}`,
    );
    expect(Buffer.from(await range.arrayBuffer()).equals(TAIL)).toBe(true);
    console.log(
      `large original: ${(SIZE / 2 ** 30).toFixed(2)} GiB stored and read back, SHA-1 equal`,
    );
  });
});
