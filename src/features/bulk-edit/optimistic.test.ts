import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { AssetVisibility } from '@/api/types';
import { patchCachedAssets, patchPacked } from './optimistic';

const packed = () => ({
  timeBucket: '2025-03-01',
  ids: ['a', 'b', 'c'],
  // a: image; b: image + favourite; c: image + archived
  flags: new Uint8Array([2, 3, 18]),
});

describe('patchPacked', () => {
  it('sets and clears the favourite and archived bits of the listed assets only', () => {
    const data = packed();
    const fav = patchPacked(data, new Set(['a', 'c']), { isFavorite: true });
    expect([...fav.flags]).toEqual([3, 3, 19]);
    const unarchived = patchPacked(data, new Set(['c']), { visibility: AssetVisibility.Timeline });
    expect([...unarchived.flags]).toEqual([2, 3, 2]);
    // The cached original is untouched (it is the rollback's copy).
    expect([...data.flags]).toEqual([2, 3, 18]);
  });
  it('returns the same object when nothing changes', () => {
    const data = packed();
    expect(patchPacked(data, new Set(['b']), { isFavorite: true })).toBe(data);
    expect(patchPacked(data, new Set(['x']), { isFavorite: false })).toBe(data);
  });
});

describe('patchCachedAssets', () => {
  it('patches packed months, buckets and details, and the rollback restores them exactly', () => {
    const client = new QueryClient();
    const month = packed();
    const bucket = {
      id: ['a', 'b'],
      isFavorite: [false, true],
      isTrashed: [false, false],
      visibility: [AssetVisibility.Timeline, AssetVisibility.Timeline],
    };
    const detail = { id: 'a', originalFileName: 'a.jpg', isFavorite: false, isArchived: false };
    const other = { unrelated: true };
    client.setQueryData(['assets', 'timeline', 'month', 'x'], month);
    client.setQueryData(['assets', 'timeline', 'bucket', 'x'], bucket);
    client.setQueryData(['assets', 'detail', 'a'], detail);
    client.setQueryData(['assets', 'other'], other);
    client.setQueryData(['not-assets'], { id: 'a', originalFileName: 'a', isFavorite: false });

    const rollback = patchCachedAssets(client, ['a', 'b'], {
      isFavorite: true,
      visibility: AssetVisibility.Archive,
    });
    expect([
      ...(client.getQueryData<typeof month>(['assets', 'timeline', 'month', 'x'])?.flags ?? []),
    ]).toEqual([19, 19, 18]);
    expect(client.getQueryData<typeof bucket>(['assets', 'timeline', 'bucket', 'x'])).toMatchObject(
      {
        isFavorite: [true, true],
        visibility: [AssetVisibility.Archive, AssetVisibility.Archive],
      },
    );
    expect(client.getQueryData(['assets', 'detail', 'a'])).toMatchObject({
      isFavorite: true,
      isArchived: true,
    });
    expect(client.getQueryData(['assets', 'other'])).toBe(other);
    expect(client.getQueryData(['not-assets'])).toMatchObject({ isFavorite: false });

    rollback();
    // (Structural sharing may hand back an equal copy rather than the same object.)
    expect(client.getQueryData(['assets', 'timeline', 'month', 'x'])).toStrictEqual(month);
    expect(client.getQueryData(['assets', 'timeline', 'bucket', 'x'])).toStrictEqual(bucket);
    expect(client.getQueryData(['assets', 'detail', 'a'])).toStrictEqual(detail);
  });
});
