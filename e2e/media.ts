import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, type APIRequestContext } from '@playwright/test';

// Media the end-to-end specs make at run time (sharp, ffmpeg), and the upload that puts it
// in a library with a known capture time, as another device would.

export interface Media {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

let seed = 0;

/** A small JPEG of noise over a colour that changes each call: every one has its own checksum. */
export async function noiseJpeg({ portrait = false } = {}): Promise<Buffer> {
  seed++;
  const [width, height] = portrait ? [240, 320] : [320, 240];
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 29) % 256 },
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 70 })
    .toBuffer();
}

export interface VideoOptions {
  seconds?: number;
  /** ffmpeg's WIDTHxHEIGHT. */
  size?: string;
  rate?: number;
  /** H.264 baseline profile. */
  baseline?: boolean;
}

/**
 * An H.264 MP4 of ffmpeg's test pattern, written to `dir` (faststart, no creation time in
 * its metadata). Debian's Chromium decodes it.
 */
export function testVideo(
  dir: string,
  name: string,
  { seconds = 1, size = '320x240', rate = 15, baseline = false }: VideoOptions = {},
): Media {
  const file = path.join(dir, name);
  const result = spawnSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-y', '-f', 'lavfi'],
      ...['-i', `testsrc=duration=${seconds}:size=${size}:rate=${rate}`],
      ...['-c:v', 'libx264', ...(baseline ? ['-profile:v', 'baseline'] : [])],
      ...['-pix_fmt', 'yuv420p', '-preset', 'veryfast', '-movflags', '+faststart', file],
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
  return { name, mimeType: 'video/mp4', buffer: readFileSync(file) };
}

/** Uploads `media` through the API, taken at `takenAt` (UTC, the form's dates); returns its id. */
export async function uploadTaken(
  api: APIRequestContext,
  media: Media,
  takenAt: string,
  deviceId = 'e2e',
): Promise<string> {
  const response = await api.post('/api/assets', {
    multipart: {
      assetData: { name: media.name, mimeType: media.mimeType, buffer: media.buffer },
      deviceAssetId: `e2e-${randomUUID()}`,
      deviceId,
      fileCreatedAt: takenAt,
      fileModifiedAt: takenAt,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Noise photos taken at the given UTC times, named `<prefix>-<n>.jpg`; their ids in order. */
export async function uploadNoisePhotos(
  api: APIRequestContext,
  takenAt: readonly string[],
  { prefix = 'photo', deviceId = 'e2e', portraitEvery = 0 } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, time] of takenAt.entries()) {
    const portrait = portraitEvery > 0 && i % portraitEvery === 1;
    const buffer = await noiseJpeg({ portrait });
    const media = { name: `${prefix}-${i}.jpg`, mimeType: 'image/jpeg', buffer };
    ids.push(await uploadTaken(api, media, time, deviceId));
  }
  return ids;
}
