import { TimelinePage } from '@/features/timeline/components/timeline-page';
import { UploadButton } from '@/features/upload/components/upload-button';

export function Component() {
  return <TimelinePage view="videos" emptyAction={<UploadButton />} />;
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
