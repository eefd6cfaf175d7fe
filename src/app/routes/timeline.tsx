import { BulkActions } from '@/features/bulk-edit/components/bulk-actions';
import { TimelinePage } from '@/features/timeline/components/timeline-page';
import { prefetchTimeline } from '@/features/timeline/prefetch';
import { queryClient } from '@/lib/query-client';
import { UploadButton } from '@/features/upload/components/upload-button';

/** The bucket list starts loading while the page renders. */
export const loader = () => prefetchTimeline(queryClient, 'timeline');

export function Component() {
  return (
    <TimelinePage
      view="timeline"
      selectionActions={(selection) => <BulkActions selection={selection} />}
      emptyAction={<UploadButton />}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
