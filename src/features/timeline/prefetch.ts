import type { QueryClient } from '@tanstack/react-query';
import { timeBucketsQuery } from './month-query';
import { timelineViews, type TimelineViewName } from './views';

/**
 * Starts loading a view's bucket list without waiting for it: a grid route's loader calls it
 * so the request leaves while the page renders, not after.
 */
export function prefetchTimeline(queryClient: QueryClient, view: TimelineViewName): null {
  void queryClient.prefetchQuery(timeBucketsQuery(timelineViews[view]));
  return null;
}
