import type { QueryClient } from '@tanstack/react-query';
import { warmDateFormats } from './format';
import { monthIndexFor, monthFromSearch } from './month-param';
import { monthQuery, timeBucketsQuery } from './month-query';
import type { PackedMonth } from './months/packed-month';
import { timelineViews, type TimelineViewName } from './views';

/** Months are fetched ahead until they hold about this many assets (a few screens' worth). */
const FIRST_SCREENS_ASSETS = 300;
const FIRST_SCREENS_MONTHS = 3;

/**
 * Starts loading a view's bucket list, and as soon as it is in, the months the first screen
 * will show (from the top, or from the month `?month=` asks for), without waiting for the
 * page's code. The grid's own queries then find these fetches under way. Back to a grid that
 * was scrolled (a POP navigation) its months are usually cached already, so nothing extra
 * leaves then. Resolves with those months, in the grid's order (none on a failure).
 */
export function prefetchTimeline(
  queryClient: QueryClient,
  view: TimelineViewName,
  search = '',
): Promise<PackedMonth[]> {
  const options = timelineViews[view];
  // While the requests are on the network, if the page has a moment to spare; otherwise the
  // first formatted date pays for it, as it would anyway.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warmDateFormats);
  return (
    queryClient
      .fetchQuery(timeBucketsQuery(options))
      .then((buckets) => {
        const month = monthFromSearch(search);
        let index = month ? Math.max(0, monthIndexFor(buckets, month)) : 0;
        let assets = 0;
        const months: Promise<PackedMonth>[] = [];
        for (let n = 0; n < FIRST_SCREENS_MONTHS && index < buckets.length; n++, index++) {
          const bucket = buckets[index];
          if (!bucket) break;
          months.push(queryClient.fetchQuery(monthQuery(options, bucket.timeBucket, bucket.count)));
          assets += bucket.count;
          if (assets >= FIRST_SCREENS_ASSETS) break;
        }
        return Promise.all(months);
      })
      // A failure shows where the page asks for the same query (with its message and retry).
      .catch(() => [])
  );
}
