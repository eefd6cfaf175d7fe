// @vitest-environment node
// `npm run test:stress`: the upload's streaming SHA-1 (the path every file over one chunk
// takes in the hashing worker) on a file over 2 GB, past every 32-bit offset and bit length,
// against node:crypto; memory stays at two chunks whatever the size.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HASH_CHUNK_BYTES, hashFile } from './hash-file';

const SIZE = 2 ** 31 + 100 * 2 ** 20 + 13; // 2.1 GiB and a partial block

describe('hashFile on a file over 2 GB', () => {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-hash-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('streams it in chunks and agrees with node:crypto', async () => {
    // Sparse: random bytes at the start, around 2^31 and at the end, a hole between.
    const file = path.join(dir, 'big.mov');
    const fd = fs.openSync(file, 'w');
    for (const offset of [0, 2 ** 31 - 100, SIZE - 4096]) {
      fs.writeSync(fd, randomBytes(4096), 0, undefined, offset);
    }
    fs.closeSync(fd);
    const expected = createHash('sha1');
    for await (const chunk of fs.createReadStream(file)) expected.update(chunk as Buffer);

    let reported = 0;
    let peakRss = 0;
    const checksum = await hashFile(await fs.openAsBlob(file), {
      // With the native digest at hand, as in the browser: a big file still streams.
      subtle: globalThis.crypto.subtle,
      onProgress: (bytes) => {
        reported = bytes;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      },
    });
    expect(checksum).toBe(expected.digest('hex'));
    expect(reported).toBe(SIZE);
    // Two chunks in flight, not the file: far below its 2.1 GB.
    expect(peakRss).toBeLessThan(SIZE / 4);
    console.log(
      `streaming SHA-1 of ${(SIZE / 2 ** 30).toFixed(2)} GiB in ${HASH_CHUNK_BYTES / 2 ** 20} MiB chunks, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
    );
  });
});
