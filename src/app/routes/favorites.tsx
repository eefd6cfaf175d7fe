import { TimelinePage } from '@/features/timeline/components/timeline-page';

export function Component() {
  return <TimelinePage view="favorites" />;
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
