import { BulkActions } from '@/features/bulk-edit/components/bulk-actions';
import { TrashActions } from '@/features/bulk-edit/components/trash-actions';
import { TimelinePage } from '@/features/timeline/components/timeline-page';
import { prefetchTimeline } from '@/features/timeline/prefetch';
import { queryClient } from '@/lib/query-client';

/** The bucket list starts loading while the page renders. */
export const loader = () => prefetchTimeline(queryClient, 'trash');

export function Component() {
  return (
    <>
      <TrashActions />
      <TimelinePage
        view="trash"
        selectionActions={(selection) => <BulkActions selection={selection} inTrash />}
      />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
