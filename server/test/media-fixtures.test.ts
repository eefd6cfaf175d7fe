/**
 * Optional: runs the media room over the shared sample photos (../shared/fixtures/photos, or
 * LIGHTBOX_FIXTURES) and checks the metadata edge cases they were made for. Skips itself when
 * the folder is absent. Nothing is copied from it: files are read where they are.
 */
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaService, type MediaJob, type MediaResult } from '../src/media/index.ts';
import { tempStorage } from './media-helpers.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const root = process.env.LIGHTBOX_FIXTURES ?? path.resolve(repo, '../shared/fixtures/photos');
const present = existsSync(root);
if (!present) console.warn(`media-fixtures: ${root} is absent; the sample-photo suite is skipped`);

const VIDEO = /\.(mp4|mov|m4v|webm|mkv|avi|3gp)$/i;
const CLIENT_DATE = '2001-02-03T04:05:06.000Z';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.toLowerCase().endsWith('.xmp') ? [] : [full];
  });
}

describe.skipIf(!present)('the shared sample photos', () => {
  let storage: ReturnType<typeof tempStorage>;
  let media: MediaService;
  const results = new Map<string, MediaResult>();

  function job(file: string, index: number, sidecarPath: string | null = null): MediaJob {
    return {
      assetId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      ownerId: '11111111-1111-4111-8111-111111111111',
      originalPath: file,
      originalFileName: path.basename(file),
      mimeType: 'application/octet-stream',
      type: VIDEO.test(file) ? 'VIDEO' : 'IMAGE',
      sidecarPath,
      fileCreatedAt: CLIENT_DATE,
      fileModifiedAt: CLIENT_DATE,
    };
  }

  const byName = (relative: string): MediaResult => {
    const result = results.get(relative);
    if (!result) throw new Error(`no result for ${relative}`);
    return result;
  };

  beforeAll(async () => {
    storage = tempStorage();
    media = new MediaService({ paths: storage.paths, onResult: () => undefined });
    const files = walk(root).sort();
    await Promise.all(
      files.map(async (file, index) => {
        results.set(path.relative(root, file), await media.enqueue(job(file, index)));
      }),
    );
    const lines = [...results].map(
      ([name, r]) =>
        `${r.ok ? 'ok  ' : 'FAIL'} ${name}: ${r.width}×${r.height}` +
        `${r.fullsizePath ? ' +fullsize' : ''} date ${r.dateTimeOriginal} (${r.timeZone ?? 'no zone'})` +
        `${r.exif.latitude !== null ? ` gps ${r.exif.latitude},${r.exif.longitude}` : ''}` +
        `${r.error ? ` — ${r.error}` : ''}`,
    );
    console.info(`media-fixtures: ${results.size} files\n${lines.join('\n')}`);
  }, 900_000);

  afterAll(async () => {
    await media.close();
    storage.remove();
  });

  it('makes a thumbnail and a preview for every file', async () => {
    const failures = [...results]
      .filter(([, r]) => !r.ok)
      .map(([name, r]) => `${name}: ${r.error}`);
    expect(failures).toEqual([]);
    for (const [name, result] of results) {
      const thumbnail = await sharp(result.thumbnailPath ?? '').metadata();
      const preview = await sharp(result.previewPath ?? '').metadata();
      expect(thumbnail.format, name).toBe('webp');
      expect(preview.format, name).toBe('jpeg');
      expect(Math.min(thumbnail.width, thumbnail.height), name).toBeLessThanOrEqual(250);
      expect(Math.min(preview.width, preview.height), name).toBeLessThanOrEqual(1440);
      expect(result.thumbhash, name).not.toBeNull();
    }
  });

  it('writes full-size JPEGs only for formats browsers cannot show', () => {
    for (const [name, result] of results) {
      const needsOne = /\.(heic|jxl|tiff?)$/i.test(name);
      expect(result.fullsizePath !== null, name).toBe(needsOne);
    }
  });

  it('prefers DateTimeOriginal over every other date tag', () => {
    expect(byName('metadata/dates/date-priority-test.jpg').dateTimeOriginal).toBe(
      '2023-02-02T02:00:00.000Z',
    );
  });

  it('dates a photo by its GPS position when it has no offset', () => {
    const result = byName('metadata/dates/datetimeoriginal-gps.jpg');
    expect(result.exif.latitude).toBe(39);
    expect(result.exif.longitude).toBe(-108);
    expect(result.localDateTime).toBe('2025-12-01T11:30:00.000Z');
    expect(result.timeZone).toBe('America/Denver');
    expect(result.dateTimeOriginal).toBe('2025-12-01T18:30:00.000Z');
  });

  it('reads GPS without a DateTimeOriginal', () => {
    const result = byName('metadata/dates/gps-datetime.jpg');
    expect(result.exif.latitude).toBeCloseTo(37.7749, 4);
    expect(result.exif.longitude).toBeCloseTo(-122.4194, 4);
  });

  it('falls back to the client date when only a time of day is known', () => {
    const result = byName('metadata/dates/time-created.jpg');
    expect(result.exif.make).toBe('Canon');
    expect(result.exif.model).toBe('EOS R5');
    expect(result.dateTimeOriginal).toBe(CLIENT_DATE);
  });

  it('ignores an empty GPS block', () => {
    const result = byName('metadata/gps-position/empty_gps.jpg');
    expect(result.exif.latitude).toBeNull();
    expect(result.exif.longitude).toBeNull();
    expect(result.localDateTime).toBe('2025-06-01T16:59:26.023Z');
  });

  it('reads full GPS with its hemisphere', () => {
    const result = byName('metadata/gps-position/thompson-springs.jpg');
    expect(result.exif.latitude).toBeCloseTo(39.115, 3);
    expect(result.exif.longitude).toBeCloseTo(-108.40097, 4);
  });

  it('turns orientation 6 upright, like the upright copy', () => {
    const rotated = byName('metadata/faces/portrait-orientation-6.jpg');
    const upright = byName('metadata/faces/portrait.jpg');
    expect(rotated.exif.orientation).toBe('6');
    expect([rotated.width, rotated.height]).toEqual([upright.width, upright.height]);
  });

  it('reads the rating', () => {
    expect(byName('metadata/rating/mongolels.jpg').exif.rating).toBe(3);
  });

  it('reads an iPhone HEIC', () => {
    const result = byName('formats/heic/IMG_2682.heic');
    expect(result.exif).toMatchObject({ make: 'Apple', model: 'iPhone 7' });
    expect(result.exif.latitude).toBeCloseTo(41.2203, 3);
    expect(result.exif.longitude).toBeCloseTo(-96.0716, 3);
    expect(result.localDateTime).toBe('2019-03-21T11:04:22.348Z');
  });

  it('lets the UTF-16 date sidecars win', async () => {
    const photo = path.join(root, 'formats/jpg/el_torcal_rocks.jpg');
    const sidecar = path.join(root, 'metadata/xmp/dates/2000.xmp');
    const result = await media.enqueue(job(photo, 9000, sidecar), ['metadata']);
    expect(result.dateTimeOriginal).toBe('2000-09-27T12:35:33.000Z');
    expect(result.localDateTime).toBe('2000-09-27T14:35:33.000Z');
    expect(result.timeZone).toBe('UTC+2');
    expect(result.exif.make).toBe('SONY');
  });

  it('reads a sidecar whose ISO is a list', async () => {
    const photo = path.join(root, 'formats/png/density_plot.png');
    const sidecar = path.join(root, 'problems/xmp/iso-value-array/iso-value-array.xmp');
    await fs.access(sidecar);
    const result = await media.enqueue(job(photo, 9001, sidecar), ['metadata']);
    expect(result.exif).toMatchObject({
      iso: 160,
      make: 'Canon',
      model: 'Canon PowerShot SX120 IS',
    });
    expect(result.exif.latitude).toBeCloseTo(40.2346, 3);
    expect(result.exif.longitude).toBeCloseTo(-76.2871, 3);
    expect(result.dateTimeOriginal?.startsWith('2009-11-28')).toBe(true);
  });
});
