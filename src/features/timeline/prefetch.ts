import type { QueryClient } from '@tanstack/react-query';
import { warmDateFormats } from './format';
import { monthIndexFor, monthFromSearch } from './month-param';
import { monthQuery, timeBucketsQuery } from './month-query';
import { timelineViews, type TimelineViewName } from './views';

/** Months are fetched ahead until they hold about this many assets (a few screens' worth). */
const FIRST_SCREENS_ASSETS = 300;
const FIRST_SCREENS_MONTHS = 3;

/**
 * Starts loading a view's bucket list, and as soon as it is in, the months the first screen
 * will show (from the top, or from the month `?month=` asks for), without waiting for the
 * page's code. The grid's own queries then find these fetches under way. Back to a grid that
 * was scrolled (a POP navigation) its months are usually cached already, so nothing extra
 * leaves then.
 */
export function prefetchTimeline(
  queryClient: QueryClient,
  view: TimelineViewName,
  search = '',
): null {
  const options = timelineViews[view];
  // While the requests are on the network, if the page has a moment to spare; otherwise the
  // first formatted date pays for it, as it would anyway.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warmDateFormats);
  void queryClient
    .fetchQuery(timeBucketsQuery(options))
    .then((buckets) => {
      const month = monthFromSearch(search);
      let index = month ? Math.max(0, monthIndexFor(buckets, month)) : 0;
      let assets = 0;
      for (let n = 0; n < FIRST_SCREENS_MONTHS && index < buckets.length; n++, index++) {
        const bucket = buckets[index];
        if (!bucket) break;
        void queryClient.prefetchQuery(monthQuery(options, bucket.timeBucket, bucket.count));
        assets += bucket.count;
        if (assets >= FIRST_SCREENS_ASSETS) break;
      }
    })
    // A failure shows where the page asks for the same query (with its message and retry).
    .catch(() => undefined);
  return null;
}
