import { ChartIcon } from '@/components/ui/icons';
import { NotAvailable } from '../shell/not-available';
import { Page } from '../shell/page';

export function Component() {
  return (
    <Page title="Statistics">
      <NotAvailable what="Statistics" icon={<ChartIcon />} />
    </Page>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
