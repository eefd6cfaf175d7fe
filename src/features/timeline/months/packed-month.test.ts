import { describe, expect, it } from 'vitest';
import {
  FLAG_FAVORITE,
  FLAG_IMAGE,
  FLAG_LIVE,
  daysInBucketMonth,
  fromWire,
  packBucket,
  parseDuration,
  parseUtcMs,
  toWire,
} from './packed-month';
import { fakeBucket } from '../testing/bucket-factory';

describe('packBucket', () => {
  it('orders newest first and groups by the day where the photo was taken', () => {
    const dto = fakeBucket([
      { id: 'a', fileCreatedAt: '2025-03-14T10:00:00' },
      // 23:30 UTC on the 13th, but 01:30 on the 14th in UTC+2: belongs to the 14th.
      { id: 'b', fileCreatedAt: '2025-03-13T23:30:00', localOffsetHours: 2 },
      { id: 'c', fileCreatedAt: '2025-03-13T09:00:00.000Z' },
      // 03:00 UTC on the 15th, 22:00 on the 14th in UTC-5.
      { id: 'd', fileCreatedAt: '2025-03-15T03:00:00', localOffsetHours: -5 },
      { id: 'e', fileCreatedAt: '2025-03-20T12:00:00' },
    ]);
    const month = packBucket('2025-03-01', dto);
    expect(month.ids).toEqual(['e', 'd', 'a', 'b', 'c']);
    expect(month.count).toBe(5);
    const dayOf = (key: number) => new Date(key * 86_400_000).toISOString().slice(0, 10);
    expect([...month.dayKeys].map(dayOf)).toEqual(['2025-03-20', '2025-03-14', '2025-03-13']);
    expect([...month.dayStarts]).toEqual([0, 1, 4, 5]);
  });

  it('packs the flags, durations and cities, and keeps only videos for the videos view', () => {
    const dto = fakeBucket([
      { id: 'p', fileCreatedAt: '2025-03-02T10:00:00', isFavorite: true, livePhotoVideoId: 'v0' },
      {
        id: 'v',
        fileCreatedAt: '2025-03-01T10:00:00',
        isImage: false,
        duration: '0:01:05.500000',
        city: 'Paris',
      },
    ]);
    const all = packBucket('2025-03-01', dto);
    expect(all.flags[0]).toBe(FLAG_FAVORITE | FLAG_IMAGE | FLAG_LIVE);
    expect(all.flags[1]).toBe(0);
    expect(all.duration[0]).toBeNaN();
    expect(all.duration[1]).toBeCloseTo(65.5);
    expect(all.cities).toEqual(['', 'Paris']);
    const videos = packBucket('2025-03-01', dto, 'videos');
    expect(videos.ids).toEqual(['v']);
    expect([...videos.dayStarts]).toEqual([0, 1]);
  });

  it('survives the trip through the worker message format', () => {
    const month = packBucket(
      '2025-03-01',
      fakeBucket([
        { id: 'x', fileCreatedAt: '2025-03-02T10:00:00', city: 'Oslo', thumbhash: 'abc' },
        { id: 'y', fileCreatedAt: '2025-03-01T10:00:00' },
      ]),
    );
    const copy = structuredClone(month);
    const { wire } = toWire(copy);
    const back = fromWire(structuredClone(wire));
    expect(back.ids).toEqual(['x', 'y']);
    expect(back.cities).toEqual(['Oslo', '']);
    expect(back.thumbhashes).toEqual(['abc', '']);
    expect([...back.localMs]).toEqual([...month.localMs]);
    const empty = fromWire(toWire(packBucket('2025-03-01', fakeBucket([]))).wire);
    expect(empty.ids).toEqual([]);
    expect(empty.count).toBe(0);
  });
});

describe('parsing', () => {
  it('reads zone-less timestamps as UTC', () => {
    expect(parseUtcMs('2025-03-14T10:32:00')).toBe(Date.UTC(2025, 2, 14, 10, 32));
    expect(parseUtcMs('2025-03-14T10:32:00.250')).toBe(Date.UTC(2025, 2, 14, 10, 32, 0, 250));
    expect(parseUtcMs('2025-03-14T10:32:00+02:00')).toBe(Date.UTC(2025, 2, 14, 8, 32));
    expect(parseUtcMs('2025-03-14T10:32:00Z')).toBe(Date.UTC(2025, 2, 14, 10, 32));
  });

  it('reads Immich durations', () => {
    expect(parseDuration('0:00:15.000000')).toBe(15);
    expect(parseDuration('1:02:03')).toBe(3723);
    expect(parseDuration(null)).toBeNaN();
    expect(parseDuration('x')).toBeNaN();
  });

  it('knows the length of a bucket month', () => {
    expect(daysInBucketMonth('2024-02-01')).toBe(29);
    expect(daysInBucketMonth('2025-02-01')).toBe(28);
    expect(daysInBucketMonth('2025-12-01')).toBe(31);
  });
});
