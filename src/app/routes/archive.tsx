import { LazyBulkActions as BulkActions } from '@/features/bulk-edit/components/lazy-bulk-actions';
import { TimelinePage } from '@/features/timeline/components/timeline-page';

export function Component() {
  return (
    <TimelinePage
      view="archive"
      selectionActions={(selection) => <BulkActions selection={selection} />}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
