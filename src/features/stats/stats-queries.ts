import { useQueries } from '@tanstack/react-query';
import { AssetVisibility, type AssetStatsResponseDto } from '@/api/types';
import { assetQueries, type StatisticsFilter } from '@/features/assets/asset-queries';

// The dashboard reads only queries of the shared asset factory, so every upload, edit and
// delete (which invalidate ['assets']) refreshes it, and the timeline's month list is shared.

export type TotalKind = 'all' | 'favorites' | 'archive' | 'trash';

/** The four totals the dashboard shows, with the filters Immich's own sidebar uses for them. */
export const TOTAL_FILTERS: Record<TotalKind, StatisticsFilter> = {
  // Everything not trashed: timeline and archive (Immich's default visibility).
  all: {},
  favorites: { isFavorite: true },
  archive: { visibility: AssetVisibility.Archive },
  trash: { isTrashed: true },
};

const KINDS = Object.keys(TOTAL_FILTERS) as TotalKind[];

export type Totals = Record<TotalKind, AssetStatsResponseDto>;

export interface TotalsResult {
  /** All four, once every one has arrived (kept while they refetch). */
  data: Totals | undefined;
  isPending: boolean;
  /** The first failure among them, if any failed. */
  error: Error | null;
  isFetching: boolean;
  /** Refetches the ones that failed (or all, if none did). */
  retry: () => void;
}

/** GET /assets/statistics four times: everything, favourites, archive and trash. */
export function useLibraryTotals(): TotalsResult {
  return useQueries({
    queries: KINDS.map((kind) => assetQueries.statistics(TOTAL_FILTERS[kind])),
    combine: (results) => {
      const failed = results.filter((r) => r.isError);
      const data = results.every((r) => r.data !== undefined)
        ? (Object.fromEntries(KINDS.map((kind, i) => [kind, results[i]?.data])) as Totals)
        : undefined;
      return {
        data,
        isPending: results.some((r) => r.isPending),
        error: failed[0]?.error ?? null,
        isFetching: results.some((r) => r.isFetching),
        retry: () => {
          for (const r of failed.length ? failed : results) void r.refetch();
        },
      };
    },
  });
}

/** How many random memories the strip shows. */
export const MEMORY_COUNT = 8;

/** The months chart counts what the "All" card counts: every asset not in the trash. */
export const activityBuckets = () => assetQueries.buckets({});

/** The timeline's own month list (same key as the timeline's), to know where a month opens. */
export const timelineBuckets = () => assetQueries.buckets({ visibility: AssetVisibility.Timeline });
