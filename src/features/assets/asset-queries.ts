// Query keys and options for everything asset-derived. All of it sits under ['assets'], so one
// invalidation refreshes the grid, the viewer and the statistics together (STYLE.md, Queries).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  getAllUserAssetsByDeviceId,
  getAssetInfo,
  getAssetStatistics,
  getRandom,
} from '@/api/assets';
import { getTimeBucket, getTimeBuckets, type TimelineFilter } from '@/api/timeline';
import {
  AssetVisibility,
  type AssetResponseDto,
  type TimeBucketAssetResponseDto,
} from '@/api/types';

export interface StatisticsFilter {
  isFavorite?: boolean;
  isTrashed?: boolean;
  visibility?: AssetVisibility;
}

export const assetQueries = {
  /** The root: invalidate it after any write that touches assets. */
  all: () => ['assets'] as const,

  /** GET /assets/{id}; `key` for shared-link visitors. Shares its key with the viewer's query. */
  detail: (id: string, key?: string) =>
    queryOptions({
      queryKey: key
        ? ([...assetQueries.all(), 'detail', id, { key }] as const)
        : ([...assetQueries.all(), 'detail', id] as const),
      queryFn: ({ signal }) => getAssetInfo({ id, key }, signal),
    }),

  /** GET /assets/statistics with its filters ({} for everything not trashed). */
  statistics: (filter: StatisticsFilter = {}) =>
    queryOptions({
      queryKey: [...assetQueries.all(), 'statistics', filter] as const,
      queryFn: ({ signal }) => getAssetStatistics(filter, signal),
    }),

  /** GET /timeline/buckets: the months of a view with their counts (same key as the timeline's). */
  buckets: (filter: TimelineFilter = {}) =>
    queryOptions({
      queryKey: [...assetQueries.all(), 'timeline', 'buckets', filter] as const,
      queryFn: ({ signal }) => getTimeBuckets(filter, signal),
    }),

  /** GET /timeline/bucket: one month of a view, as the server's parallel arrays. */
  bucket: (timeBucket: string, filter: TimelineFilter = {}) =>
    queryOptions({
      queryKey: [...assetQueries.all(), 'timeline', 'bucket', filter, timeBucket] as const,
      queryFn: ({ signal }) => getTimeBucket({ ...filter, timeBucket }, signal),
    }),

  /** GET /assets/random (deprecated by Immich, still served). Never cached as fresh. */
  random: (count: number) =>
    queryOptions({
      queryKey: [...assetQueries.all(), 'random', count] as const,
      queryFn: ({ signal }) => getRandom({ count }, signal),
      staleTime: 0,
    }),

  /** GET /assets/device/{deviceId}: the deviceAssetIds uploaded from one device. */
  deviceAssetIds: (deviceId: string) =>
    queryOptions({
      queryKey: [...assetQueries.all(), 'device', deviceId] as const,
      queryFn: ({ signal }) => getAllUserAssetsByDeviceId({ deviceId }, signal),
    }),
};

/** The fields an optimistic change may set on a cached asset. */
export type AssetPatch = Partial<Pick<AssetResponseDto, 'isFavorite' | 'isTrashed' | 'visibility'>>;

function isAsset(value: unknown): value is AssetResponseDto {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    'originalFileName' in value &&
    'isFavorite' in value
  );
}

function isBucket(value: unknown): value is TimeBucketAssetResponseDto {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { id?: unknown }).id) &&
    Array.isArray((value as { isFavorite?: unknown }).isFavorite)
  );
}

function patchAsset(asset: AssetResponseDto, id: string, patch: AssetPatch): AssetResponseDto {
  if (asset.id !== id) return asset;
  const next = { ...asset, ...patch };
  if (patch.visibility !== undefined)
    next.isArchived = patch.visibility === AssetVisibility.Archive;
  return next;
}

function replaceAt<T>(values: T[], index: number, value: T | undefined): T[] {
  if (value === undefined || values[index] === value) return values;
  const copy = values.slice();
  copy[index] = value;
  return copy;
}

/**
 * Applies `patch` to asset `id` wherever it sits in one cached value of a known shape: an asset,
 * a list of assets, a timeline bucket (parallel arrays) or a shared link's assets. Other shapes
 * come back unchanged (the same object).
 */
export function patchAssetData(data: unknown, id: string, patch: AssetPatch): unknown {
  if (isAsset(data)) return patchAsset(data, id, patch);
  if (Array.isArray(data)) {
    if (!data.some((item) => isAsset(item) && item.id === id)) return data;
    return data.map((item: unknown) => (isAsset(item) ? patchAsset(item, id, patch) : item));
  }
  if (isBucket(data)) {
    const index = data.id.indexOf(id);
    if (index < 0) return data;
    const next: TimeBucketAssetResponseDto = {
      ...data,
      isFavorite: replaceAt(data.isFavorite, index, patch.isFavorite),
      isTrashed: replaceAt(data.isTrashed, index, patch.isTrashed),
      visibility: replaceAt(data.visibility, index, patch.visibility),
    };
    return next;
  }
  if (
    typeof data === 'object' &&
    data !== null &&
    Array.isArray((data as { assets?: unknown }).assets)
  ) {
    const { assets } = data as { assets: unknown[] };
    const patched = patchAssetData(assets, id, patch);
    return patched === assets ? data : { ...data, assets: patched };
  }
  return data;
}

/**
 * Patches every cached copy of asset `id` under ['assets'] and returns the rollback, which puts
 * back exactly the copies it changed. Queries of other shapes are left alone (and refreshed by
 * the invalidation that follows the mutation).
 */
export function patchCachedAsset(client: QueryClient, id: string, patch: AssetPatch): () => void {
  const saved: [readonly unknown[], unknown][] = [];
  for (const query of client.getQueryCache().findAll({ queryKey: assetQueries.all() })) {
    const data: unknown = query.state.data;
    if (data === undefined) continue;
    const patched = patchAssetData(data, id, patch);
    if (patched === data) continue;
    saved.push([query.queryKey, data]);
    client.setQueryData(query.queryKey, patched);
  }
  return () => {
    for (const [queryKey, data] of saved) client.setQueryData(queryKey, data);
  };
}

/** Marks everything asset-derived stale and refetches what is on screen. */
export function invalidateAssets(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: assetQueries.all() });
}
