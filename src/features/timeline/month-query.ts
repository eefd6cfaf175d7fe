import { queryOptions } from '@tanstack/react-query';
import { getTimeBuckets } from '@/api/timeline';
import { WORKER_THRESHOLD, loadMonth } from './months/load-month';
import type { TimelineView } from './views';

// The grid's queries. Both sit under 'assets', so the invalidation that follows any
// upload, edit or delete refreshes them; they hold the packed month shape (not the raw
// bucket answer), which no other feature reads.

/** GET /timeline/buckets for a view: every month with its count, newest first. */
export const timeBucketsQuery = (view: TimelineView) =>
  queryOptions({
    queryKey: ['assets', 'timeline', 'buckets', view.filter] as const,
    queryFn: ({ signal }) => getTimeBuckets(view.filter, signal),
  });

/**
 * One month of a view, sorted into days and packed. Fetched once: it stays fresh until
 * an invalidation, and stays cached while the user scrolls elsewhere. A fetch still
 * running when its month leaves the screen is cancelled (the query has no observer left
 * and its signal was passed on).
 */
export const monthQuery = (view: TimelineView, timeBucket: string, count: number) => {
  // The count only picks where the month is parsed; it is part of the key as that choice.
  const inWorker = count >= WORKER_THRESHOLD;
  const hint = inWorker ? WORKER_THRESHOLD : 0;
  return queryOptions({
    queryKey: ['assets', 'timeline', 'month', view.filter, view.keep, timeBucket, hint] as const,
    queryFn: ({ signal }) => loadMonth(view.filter, timeBucket, view.keep, hint, signal),
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    structuralSharing: false,
  });
};
