import { BulkActions } from '@/features/bulk-edit/components/bulk-actions';
import { TimelinePage } from '@/features/timeline/components/timeline-page';
import { prefetchTimeline } from '@/features/timeline/prefetch';
import { queryClient } from '@/lib/query-client';

/** The bucket list starts loading while the page renders. */
export const loader = () => prefetchTimeline(queryClient, 'archive');

export function Component() {
  return (
    <TimelinePage
      view="archive"
      selectionActions={(selection) => <BulkActions selection={selection} />}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
