import { describe, expect, it } from 'vitest';
import type { TimeBucketAssetResponseDto } from '@/api/types';
import { findNeighbours, orderBucket, type BucketSource } from './neighbours';

interface Row {
  id: string;
  at: string;
  offset?: number;
  video?: boolean;
}

function bucket(rows: Row[]): TimeBucketAssetResponseDto {
  return {
    id: rows.map((r) => r.id),
    fileCreatedAt: rows.map((r) => r.at),
    localOffsetHours: rows.map((r) => r.offset ?? 0),
    isImage: rows.map((r) => !r.video),
    thumbhash: rows.map((r) => `hash-${r.id}`),
    city: rows.map(() => null),
    country: rows.map(() => null),
    duration: rows.map((r) => (r.video ? '0:00:05.000' : null)),
    isFavorite: rows.map(() => false),
    isTrashed: rows.map(() => false),
    livePhotoVideoId: rows.map(() => null),
    ownerId: rows.map(() => 'owner'),
    projectionType: rows.map(() => null),
    ratio: rows.map(() => 1.5),
    visibility: rows.map(() => 'timeline' as TimeBucketAssetResponseDto['visibility'][number]),
  };
}

/** A library of three months, newest first, with a source that counts the months it loads. */
function library() {
  const months: Record<string, Row[]> = {
    '2025-03-01': [
      { id: 'm1', at: '2025-03-28T10:00:00.000' },
      { id: 'm2', at: '2025-03-20T09:00:00.000' },
      { id: 'm3', at: '2025-03-20T08:00:00.000', video: true },
    ],
    '2025-02-01': [],
    '2025-01-01': [
      { id: 'j1', at: '2025-01-31T23:30:00.000' },
      { id: 'j2', at: '2025-01-05T12:00:00.000', video: true },
    ],
  };
  const loaded: string[] = [];
  const source: BucketSource = {
    buckets: () =>
      Promise.resolve(
        Object.entries(months).map(([timeBucket, rows]) => ({ timeBucket, count: rows.length })),
      ),
    bucket: (timeBucket) => {
      loaded.push(timeBucket);
      return Promise.resolve(bucket(months[timeBucket] ?? []));
    },
  };
  return { source, loaded };
}

describe('orderBucket', () => {
  it('orders newest first by the local time where the asset was taken', () => {
    const order = orderBucket(
      bucket([
        { id: 'utc-late', at: '2025-03-01T12:00:00.000' },
        // 10:00 UTC at +05:00 is 15:00 local: later in the day than 12:00.
        { id: 'east', at: '2025-03-01T10:00:00.000', offset: 5 },
        { id: 'early', at: '2025-03-01T08:00:00.000Z' },
      ]),
    );
    expect(order.map((a) => a.id)).toEqual(['east', 'utc-late', 'early']);
  });

  it('keeps only videos for the Videos view', () => {
    const order = orderBucket(
      bucket([
        { id: 'a', at: '2025-03-01T12:00:00.000' },
        { id: 'v', at: '2025-03-01T11:00:00.000', video: true },
      ]),
      true,
    );
    expect(order.map((a) => a.id)).toEqual(['v']);
  });
});

describe('findNeighbours', () => {
  it('finds the neighbours within a month, across days', async () => {
    const { source } = library();
    const result = await findNeighbours(source, {
      id: 'm2',
      localDateTime: '2025-03-20T09:00:00.000Z',
    });
    expect(result.inView).toBe(true);
    expect(result.previous?.id).toBe('m1');
    expect(result.next?.id).toBe('m3');
    expect(result.next?.thumbhash).toBe('hash-m3');
  });

  it('crosses month boundaries, skipping empty months, and loads only what it needs', async () => {
    const { source, loaded } = library();
    const last = await findNeighbours(source, {
      id: 'm3',
      localDateTime: '2025-03-20T08:00:00.000Z',
    });
    expect(last.next?.id).toBe('j1');
    expect(last.previous?.id).toBe('m2');
    expect(loaded).not.toContain('2025-02-01'); // empty months are not even requested
    const first = await findNeighbours(source, {
      id: 'j1',
      localDateTime: '2025-01-31T23:30:00.000Z',
    });
    expect(first.previous?.id).toBe('m3');
    expect(first.next?.id).toBe('j2');
  });

  it('has no previous at the newest asset and no next at the oldest', async () => {
    const { source } = library();
    const newest = await findNeighbours(source, {
      id: 'm1',
      localDateTime: '2025-03-28T10:00:00.000Z',
    });
    expect(newest.previous).toBeNull();
    const oldest = await findNeighbours(source, {
      id: 'j2',
      localDateTime: '2025-01-05T12:00:00.000Z',
    });
    expect(oldest.next).toBeNull();
    expect(oldest.previous?.id).toBe('j1');
  });

  it('follows the Videos view order', async () => {
    const { source } = library();
    const result = await findNeighbours(source, {
      id: 'm3',
      localDateTime: '2025-03-20T08:00:00.000Z',
      onlyVideos: true,
    });
    expect(result.previous).toBeNull();
    expect(result.next?.id).toBe('j2');
  });

  it('says when the asset is not in the view', async () => {
    const { source } = library();
    const result = await findNeighbours(source, {
      id: 'elsewhere',
      localDateTime: '2025-03-10T00:00:00.000Z',
    });
    expect(result).toEqual({ previous: null, next: null, inView: false });
  });

  it('finds an asset the server put in the adjacent month', async () => {
    const { source } = library();
    // Local time says February, but the server bucketed it in January.
    const result = await findNeighbours(source, {
      id: 'j1',
      localDateTime: '2025-02-01T01:30:00.000Z',
    });
    expect(result.inView).toBe(true);
    expect(result.next?.id).toBe('j2');
  });
});
