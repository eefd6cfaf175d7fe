import fs from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { thumbHashToApproximateAspectRatio } from 'thumbhash';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaService, type MediaResult } from '../src/media/index.ts';
import { pixel, storeOriginal, tempStorage, twoTone } from './media-helpers.ts';

let storage: ReturnType<typeof tempStorage>;
let media: MediaService;
let results: MediaResult[];

beforeEach(() => {
  storage = tempStorage();
  results = [];
  media = new MediaService({ paths: storage.paths, onResult: (r) => void results.push(r) });
});

afterEach(async () => {
  await media.close();
  storage.remove();
});

async function sizeAndFormat(
  file: string,
): Promise<{ width: number; height: number; format: string }> {
  const meta = await sharp(file).metadata();
  return { width: meta.width, height: meta.height, format: meta.format };
}

describe('images', () => {
  it('makes an upright WebP thumbnail, a JPEG preview and a thumbhash from a rotated JPEG', async () => {
    // Stored 3000×2000 landscape, EXIF orientation 6 (rotate 90° clockwise): shown 2000×3000.
    const jpeg = await twoTone(3000, 2000)
      .withExif({
        IFD0: { Make: 'Lightbox', Model: 'Test Cam' },
        IFD2: {
          DateTimeOriginal: '2021:07:04 18:30:15',
          OffsetTimeOriginal: '+02:00',
          FNumber: '28/10',
          ExposureTime: '1/250',
          ISOSpeedRatings: '400',
          FocalLength: '50/1',
          LensModel: 'Test 50mm',
        },
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '33/1 52/1 1234/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '151/1 12/1 3000/100',
        },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const job = await storeOriginal(storage.paths, jpeg, 'rotated.jpg', { mimeType: 'image/jpeg' });

    const result = await media.enqueue(job);

    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(results).toEqual([result]);
    expect([result.width, result.height]).toEqual([2000, 3000]);

    expect(result.thumbnailPath).toBe(storage.paths.thumbnail(job.ownerId, job.assetId));
    expect(await sizeAndFormat(result.thumbnailPath ?? '')).toEqual({
      width: 250,
      height: 375,
      format: 'webp',
    });
    expect(result.previewPath).toBe(storage.paths.preview(job.ownerId, job.assetId));
    expect(await sizeAndFormat(result.previewPath ?? '')).toEqual({
      width: 1440,
      height: 2160,
      format: 'jpeg',
    });
    expect(result.fullsizePath).toBeNull();

    // Rotating 90° clockwise puts the stored top (red) on the right and the bottom (blue) on the left.
    const left = await pixel(result.thumbnailPath ?? '', 20, 187);
    const right = await pixel(result.thumbnailPath ?? '', 230, 187);
    expect(left.b).toBeGreaterThan(200);
    expect(left.r).toBeLessThan(60);
    expect(right.r).toBeGreaterThan(200);
    expect(right.b).toBeLessThan(60);

    expect(result.thumbhash).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const ratio = thumbHashToApproximateAspectRatio(Buffer.from(result.thumbhash ?? '', 'base64'));
    expect(ratio).toBeGreaterThan(0.55);
    expect(ratio).toBeLessThan(0.8);

    expect(result.dateTimeOriginal).toBe('2021-07-04T16:30:15.000Z');
    expect(result.localDateTime).toBe('2021-07-04T18:30:15.000Z');
    expect(result.timeZone).toBe('UTC+2');
    expect(result.exif).toMatchObject({
      make: 'Lightbox',
      model: 'Test Cam',
      lensModel: 'Test 50mm',
      fNumber: 2.8,
      exposureTime: '1/250',
      iso: 400,
      focalLength: 50,
      orientation: '6',
      exifImageWidth: 3000,
      exifImageHeight: 2000,
      dateTimeOriginal: '2021-07-04T16:30:15.000Z',
      timeZone: 'UTC+2',
      fileSizeInByte: jpeg.length,
    });
    expect(result.exif.latitude).toBeCloseTo(-(33 + 52 / 60 + 12.34 / 3600), 6);
    expect(result.exif.longitude).toBeCloseTo(151 + 12 / 60 + 30 / 3600, 6);
  });

  it.each([
    ['png', 'image/png', (s: Sharp) => s.png()],
    ['webp', 'image/webp', (s: Sharp) => s.webp()],
  ])('handles %s without metadata, dating it from the client', async (ext, mimeType, encode) => {
    const data = await encode(twoTone(800, 600)).toBuffer();
    const job = await storeOriginal(storage.paths, data, `picture.${ext}`, { mimeType });

    const result = await media.enqueue(job);

    expect(result.ok).toBe(true);
    // Small images are not enlarged: the preview keeps 800×600; the thumbnail's short side is 250.
    expect(await sizeAndFormat(result.previewPath ?? '')).toEqual({
      width: 800,
      height: 600,
      format: 'jpeg',
    });
    expect(await sizeAndFormat(result.thumbnailPath ?? '')).toEqual({
      width: 333,
      height: 250,
      format: 'webp',
    });
    expect(result.fullsizePath).toBeNull();
    expect([result.width, result.height]).toEqual([800, 600]);
    expect(result.dateTimeOriginal).toBe(job.fileCreatedAt);
    expect(result.localDateTime).toBe(job.fileCreatedAt);
    expect(result.timeZone).toBeNull();
    expect(result.exif.exifImageWidth).toBe(800);
    expect(result.exif.make).toBeNull();
  });

  it('reports a file nothing can decode, keeping the original and the metadata it could read', async () => {
    const junk = Buffer.from('this is not a picture at all, just some text in a .jpg');
    const job = await storeOriginal(storage.paths, junk, 'broken.jpg', { mimeType: 'image/jpeg' });

    const result = await media.enqueue(job);

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/cannot decode/i);
    expect(result.thumbnailPath).toBeNull();
    expect(result.previewPath).toBeNull();
    expect(result.thumbhash).toBeNull();
    expect(result.exif.fileSizeInByte).toBe(junk.length);
    expect(result.dateTimeOriginal).toBe(job.fileCreatedAt);
    expect(await fs.readFile(job.originalPath)).toEqual(junk);
    await expect(fs.access(storage.paths.thumbnail(job.ownerId, job.assetId))).rejects.toThrow();
    expect(results).toEqual([result]);
  });

  it('runs only the kinds it is asked for', async () => {
    const data = await twoTone(400, 300).jpeg().toBuffer();
    const job = await storeOriginal(storage.paths, data, 'only-metadata.jpg');

    const result = await media.enqueue(job, ['metadata']);

    expect(result.kinds).toEqual(['metadata']);
    expect(result.ok).toBe(true);
    expect(result.thumbnailPath).toBeNull();
    expect([result.width, result.height]).toEqual([400, 300]);
    await expect(fs.access(storage.paths.thumbnail(job.ownerId, job.assetId))).rejects.toThrow();
  });
});

describe('the queue', () => {
  it('exposes the pending job of an asset and settles idle() after every job', async () => {
    const data = await twoTone(300, 200).png().toBuffer();
    const jobs = await Promise.all(
      [1, 2, 3].map((n) => storeOriginal(storage.paths, data, `p${n}.png`)),
    );
    const promises = jobs.map((job) => media.enqueue(job));
    expect(media.pending(jobs[0]?.assetId ?? '')).toBe(promises[0]);

    await media.idle();

    expect(results.map((r) => r.assetId).sort()).toEqual(jobs.map((j) => j.assetId).sort());
    expect(media.pending(jobs[0]?.assetId ?? '')).toBeUndefined();
  });

  it('keeps going after a failing onResult', async () => {
    const errors: unknown[] = [];
    const failing = new MediaService({
      paths: storage.paths,
      concurrency: 1,
      onResult: () => {
        throw new Error('database is gone');
      },
      onError: (error) => errors.push(error),
    });
    const data = await twoTone(300, 200).png().toBuffer();
    const first = await failing.enqueue(await storeOriginal(storage.paths, data, 'a.png'));
    const second = await failing.enqueue(await storeOriginal(storage.paths, data, 'b.png'));
    await failing.close();

    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    expect(errors).toHaveLength(2);
  });

  it('cancels waiting jobs on close and refuses new ones', async () => {
    const single = new MediaService({
      paths: storage.paths,
      concurrency: 1,
      onResult: () => undefined,
    });
    const data = await twoTone(2000, 1500).jpeg().toBuffer();
    const jobs = await Promise.all(
      [1, 2, 3, 4].map((n) => storeOriginal(storage.paths, data, `c${n}.jpg`)),
    );
    const promises = jobs.map((job) => single.enqueue(job));

    await single.close();
    const settled = await Promise.all(promises);

    expect(settled.some((r) => r.error?.startsWith('cancelled'))).toBe(true);
    expect(() => single.enqueue(jobs[0] as (typeof jobs)[number])).toThrow(/closed/);
  });
});
