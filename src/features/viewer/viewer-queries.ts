import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TimelineFilter } from '@/api/timeline';
import type { AssetResponseDto } from '@/api/types';
import { assetQueries } from '@/features/assets/asset-queries';
import { sharedLinkQueries } from '@/features/sharing/shared-link-queries';
import { findNeighbours, type BucketSource, type Neighbours } from './neighbours';

/**
 * What the viewer reads: the shared asset queries (assetQueries, sharedLinkQueries),
 * with errors shown by the viewer itself (no toast), plus the neighbours. Everything
 * is under 'assets', so one invalidation after any change refreshes the viewer, the
 * grid and the statistics together.
 */
export interface ViewerScope {
  /** The filter of the view the viewer was opened from (timeline, favourites, trash …). */
  filter: TimelineFilter;
  /** The Videos view keeps only videos of the timeline's months. */
  onlyVideos: boolean;
}

const silent = { meta: { silent: true } } as const;

export const viewerQueries = {
  /** GET /assets/{id} (with the shared-link key for visitors). */
  asset: (id: string, key?: string) => queryOptions({ ...assetQueries.detail(id, key), ...silent }),

  /** GET /shared-links/me: the link a visitor opened, with its assets. */
  sharedLink: (key: string) =>
    queryOptions({ ...sharedLinkQueries.me(key), ...silent, retry: false }),

  /**
   * The previous and next asset of `asset` in the view's order, from the raw timeline
   * buckets (the bucket list is the grid's own query; months load only when needed).
   */
  neighbours: (client: QueryClient, scope: ViewerScope, asset: AssetResponseDto) =>
    queryOptions<Neighbours>({
      queryKey: [
        ...assetQueries.all(),
        'viewer-neighbours',
        scope.filter,
        { id: asset.id, onlyVideos: scope.onlyVideos, at: asset.localDateTime },
      ],
      queryFn: () => {
        const source: BucketSource = {
          buckets: () => client.fetchQuery(assetQueries.buckets(scope.filter)),
          bucket: (timeBucket) => client.fetchQuery(assetQueries.bucket(timeBucket, scope.filter)),
        };
        return findNeighbours(source, {
          id: asset.id,
          localDateTime: asset.localDateTime,
          onlyVideos: scope.onlyVideos,
        });
      },
      ...silent,
    }),
};
