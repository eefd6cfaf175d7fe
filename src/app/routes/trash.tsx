import { LazyBulkActions as BulkActions } from '@/features/bulk-edit/components/lazy-bulk-actions';
import { TrashActions } from '@/features/bulk-edit/components/trash-actions';
import { TimelinePage } from '@/features/timeline/components/timeline-page';

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
