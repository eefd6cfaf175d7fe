import { NotFound } from '../errors/not-found';

export function Component() {
  return <NotFound />;
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
