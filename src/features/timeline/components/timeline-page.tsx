import type { ReactNode } from 'react';
import { timelineViews, type TimelineViewName } from '../views';
import type { Selection } from '../use-selection';
import { Timeline } from './timeline';

export interface TimelinePageProps {
  view: TimelineViewName;
  selectionActions?: (selection: Selection) => ReactNode;
  emptyAction?: ReactNode;
}

/**
 * A grid route's whole content: the document title, the page's heading (read by screen
 * readers and focused on navigation; the month headers are what is seen) and the grid.
 */
export function TimelinePage({ view, selectionActions, emptyAction }: TimelinePageProps) {
  const { title } = timelineViews[view];
  return (
    <>
      <title>{`${title} · Lightbox`}</title>
      <h1 className="visually-hidden" tabIndex={-1}>
        {title}
      </h1>
      <Timeline
        key={view}
        view={view}
        selectionActions={selectionActions}
        emptyAction={emptyAction}
      />
    </>
  );
}
