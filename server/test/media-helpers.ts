import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
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
  const offset = (y * info.width + x) * info.channels;
  return { r: data[offset] ?? 0, g: data[offset + 1] ?? 0, b: data[offset + 2] ?? 0 };
}
