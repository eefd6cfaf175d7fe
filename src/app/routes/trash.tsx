import { TimelinePage } from '@/features/timeline/components/timeline-page';

export function Component() {
  return <TimelinePage view="trash" />;
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
