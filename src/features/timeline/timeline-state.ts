import { hashKey, type QueryClient } from '@tanstack/react-query';
import { TimelineStore } from './store/timeline-store';
import { SelectionStore } from './selection/selection-store';
import { timeBucketsQuery } from './month-query';
import { timelineViews, type TimelineViewName } from './views';

/** A view's grid state: layouts, scroll position, focus and selection. */
export interface TimelineState {
  store: TimelineStore;
  selection: SelectionStore;
}

const states = new WeakMap<QueryClient, Map<TimelineViewName, TimelineState>>();

/**
 * The state of a view, kept while the app runs so that coming back to the grid (from
 * the viewer, or with Back) finds its layouts, scroll position and selection as they
 * were. It is dropped with the view's bucket list when the query cache forgets it
 * (sign-out clears the cache).
 */
export function getTimelineState(queryClient: QueryClient, view: TimelineViewName): TimelineState {
  let byView = states.get(queryClient);
  if (!byView) {
    const map = new Map<TimelineViewName, TimelineState>();
    byView = map;
    states.set(queryClient, map);
    queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'removed') return;
      for (const [name, state] of map) {
        if (hashKey(timeBucketsQuery(timelineViews[name]).queryKey) === event.query.queryHash) {
          state.store.dispose();
          map.delete(name);
        }
      }
    });
  }
  let state = byView.get(view);
  if (!state) {
    state = { store: new TimelineStore(), selection: new SelectionStore() };
    byView.set(view, state);
  }
  return state;
}
