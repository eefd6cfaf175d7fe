import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { getAssetInfo } from '@/api/assets';
import { getMySharedLink } from '@/api/shared-links';
import { getTimeBucket, getTimeBuckets, type TimelineFilter } from '@/api/timeline';
import type { AssetResponseDto } from '@/api/types';
import { findNeighbours, type BucketSource, type Neighbours } from './neighbours';

/**
 * What the viewer reads. Everything is under 'assets', so one invalidation after
 * any change refreshes the viewer, the grid and the statistics together.
 */
export interface ViewerScope {
  /** The filter of the view the viewer was opened from (timeline, favourites, trash …). */
  filter: TimelineFilter;
  /** The Videos view keeps only videos of the timeline's months. */
  onlyVideos: boolean;
}

export const viewerQueries = {
  all: () => ['assets'] as const,

  /** GET /assets/{id} (with the shared-link key for visitors). */
  asset: (id: string, key?: string) =>
    queryOptions({
      queryKey: key ? ['assets', 'detail', id, { key }] : ['assets', 'detail', id],
      queryFn: ({ signal }) => getAssetInfo({ id, key }, signal),
      meta: { silent: true },
    }),

  /** GET /shared-links/me: the link a visitor opened, with its assets. */
  sharedLink: (key: string) =>
    queryOptions({
      queryKey: ['assets', 'shared-link', key],
      queryFn: ({ signal }) => getMySharedLink({ key }, signal),
      meta: { silent: true },
    }),

  /** The same key and answer as the timeline's bucket list: the grid and the viewer share it. */
  buckets: (filter: TimelineFilter) =>
    queryOptions({
      queryKey: ['assets', 'timeline', 'buckets', filter],
      queryFn: ({ signal }) => getTimeBuckets(filter, signal),
      meta: { silent: true },
    }),

  bucket: (filter: TimelineFilter, timeBucket: string) =>
    queryOptions({
      queryKey: ['assets', 'viewer-order', filter, 'bucket', timeBucket],
      queryFn: ({ signal }) => getTimeBucket({ ...filter, timeBucket }, signal),
      meta: { silent: true },
    }),

  /** The previous and next asset of `asset` in the view's order. */
  neighbours: (client: QueryClient, scope: ViewerScope, asset: AssetResponseDto) =>
    queryOptions<Neighbours>({
      queryKey: [
        'assets',
        'viewer-order',
        scope.filter,
        'neighbours',
        { id: asset.id, onlyVideos: scope.onlyVideos, at: asset.localDateTime },
      ],
      queryFn: () => {
        const source: BucketSource = {
          buckets: () => client.fetchQuery(viewerQueries.buckets(scope.filter)),
          bucket: (timeBucket) => client.fetchQuery(viewerQueries.bucket(scope.filter, timeBucket)),
        };
        return findNeighbours(source, {
          id: asset.id,
          localDateTime: asset.localDateTime,
          onlyVideos: scope.onlyVideos,
        });
      },
      meta: { silent: true },
    }),
};
