import { LazyBulkActions as BulkActions } from '@/features/bulk-edit/components/lazy-bulk-actions';
import { TimelinePage } from '@/features/timeline/components/timeline-page';
import { UploadButton } from '@/features/upload/components/upload-button';

export function Component() {
  return (
    <TimelinePage
      view="videos"
      selectionActions={(selection) => <BulkActions selection={selection} />}
      emptyAction={<UploadButton />}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
