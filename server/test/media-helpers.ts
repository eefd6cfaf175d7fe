import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { StoragePaths } from '../src/storage/paths.ts';
import type { MediaJob } from '../src/media/index.ts';

/** A temporary data folder with the server's storage layout; `remove()` deletes it. */
export function tempStorage(): { paths: StoragePaths; dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lightbox-media-test-'));
  return {
    paths: new StoragePaths(dir),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes `data` as a new asset's original and returns the job describing it. */
export async function storeOriginal(
  paths: StoragePaths,
  data: Buffer,
  fileName: string,
  overrides: Partial<MediaJob> = {},
): Promise<MediaJob> {
  const assetId = randomUUID();
  const ownerId = randomUUID();
  const originalPath = paths.original(ownerId, assetId, path.extname(fileName));
  await fs.mkdir(path.dirname(originalPath), { recursive: true });
  await fs.writeFile(originalPath, data);
  return {
    assetId,
    ownerId,
    originalPath,
    originalFileName: fileName,
    mimeType: 'application/octet-stream',
    type: 'IMAGE',
    sidecarPath: null,
    fileCreatedAt: '2020-01-02T03:04:05.000Z',
    fileModifiedAt: '2020-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/**
 * A test picture: the top half red, the bottom half blue, so a test can tell which way up a
 * thumbnail came out.
 */
export function twoTone(width: number, height: number): Sharp {
  const half = Math.floor(height / 2);
  return sharp({
    create: { width, height, channels: 3, background: { r: 255, g: 0, b: 0 } },
  }).composite([
    {
      input: {
        create: { width, height: height - half, channels: 3, background: { r: 0, g: 0, b: 255 } },
      },
      top: half,
      left: 0,
    },
  ]);
}

/** The colour of one pixel of an encoded image. */
export async function pixel(
  file: string,
  x: number,
  y: number,
): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(file)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (x < 0 || y < 0 || x >= info.width || y >= info.height) {
    throw new RangeError(`pixel ${x},${y} is outside the ${info.width}×${info.height} image`);
  }
  const offset = (y * info.width + x) * info.channels;
  return { r: data[offset] ?? 0, g: data[offset + 1] ?? 0, b: data[offset + 2] ?? 0 };
}

/** Whether a program is installed (it runs with `args` and exits 0). */
export function hasProgram(program: string, args: string[] = ['--version']): boolean {
  return spawnSync(program, args).status === 0;
}

interface JxlEncoder {
  default: (
    image: { data: Uint8ClampedArray; width: number; height: number },
    options?: { quality?: number },
  ) => Promise<ArrayBuffer>;
  init: (options: { wasmBinary: Uint8Array }) => Promise<unknown>;
}

/** Encodes a picture as JPEG XL with the WebAssembly encoder from @jsquash/jxl. */
export async function encodeJxl(image: Sharp): Promise<Buffer> {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const encodePath = createRequire(import.meta.url).resolve('@jsquash/jxl/encode.js');
  const encoder = (await import(pathToFileURL(encodePath).href)) as JxlEncoder;
  const wasm = path.join(path.dirname(encodePath), 'codec', 'enc', 'jxl_enc.wasm');
  await encoder.init({ wasmBinary: await fs.readFile(wasm) });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  const encoded = await encoder.default(
    { data: pixels, width: info.width, height: info.height },
    { quality: 90 },
  );
  return Buffer.from(encoded);
}
