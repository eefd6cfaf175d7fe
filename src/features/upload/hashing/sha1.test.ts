// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha1, sha1Hex } from './sha1';
import { hashFile } from './hash-file';

const nodeSha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');

describe('Sha1', () => {
  it('matches the FIPS 180 test vectors', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(sha1Hex(text(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex(text('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
  });

  it('matches node:crypto at every length around the block and padding edges', () => {
    const data = randomBytes(300);
    for (let length = 0; length <= 300; length++) {
      const part = data.subarray(0, length);
      expect(sha1Hex(part), `length ${length}`).toBe(nodeSha1(part));
    }
  });

  it('gives the same digest however the input is split into updates', () => {
    const data = randomBytes(10_000);
    const expected = nodeSha1(data);
    for (const step of [1, 3, 63, 64, 65, 127, 1000, 4096]) {
      const sha = new Sha1();
      for (let offset = 0; offset < data.length; offset += step) {
        sha.update(data.subarray(offset, offset + step));
      }
      expect(sha.hex(), `step ${step}`).toBe(expected);
    }
  });

  it('refuses to be used after digest()', () => {
    const sha = new Sha1().update(new Uint8Array([1, 2, 3]));
    sha.digest();
    expect(() => sha.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => sha.digest()).toThrow(/twice/);
  });
});

describe('hashFile', () => {
  const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

  it('streams a file in chunks and matches node:crypto, reporting progress per chunk', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 17);
    const progress: number[] = [];
    const checksum = await hashFile(blob(data), {
      chunkBytes: 1024 * 1024,
      onProgress: (bytes) => progress.push(bytes),
    });
    expect(checksum).toBe(nodeSha1(data));
    expect(progress).toEqual([1, 2, 3, 4, 5].map((n) => n * 1024 * 1024).concat(data.length));
  }, 60_000);

  it('uses the native digest for a file that fits in one chunk, and agrees with the script SHA-1', async () => {
    const data = randomBytes(200_000);
    const calls: number[] = [];
    const subtle = {
      digest: (algorithm: AlgorithmIdentifier, buffer: BufferSource) => {
        calls.push((buffer as ArrayBuffer).byteLength);
        return crypto.subtle.digest(algorithm, buffer);
      },
    };
    expect(await hashFile(blob(data), { subtle })).toBe(nodeSha1(data));
    expect(calls).toEqual([200_000]);
    // Larger than a chunk: never read whole, the script SHA-1 is used.
    expect(await hashFile(blob(data), { subtle, chunkBytes: 65_536 })).toBe(nodeSha1(data));
    expect(calls).toHaveLength(1);
  });

  it('hashes an empty file', async () => {
    expect(await hashFile(blob(new Uint8Array(0)))).toBe(nodeSha1(new Uint8Array(0)));
  });

  it('stops between chunks when aborted', async () => {
    const controller = new AbortController();
    const data = randomBytes(4 * 65_536);
    const promise = hashFile(blob(data), {
      chunkBytes: 65_536,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop')),
    });
    await expect(promise).rejects.toThrow('stop');
  });
});
