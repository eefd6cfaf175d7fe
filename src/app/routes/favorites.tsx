import { HeartIcon } from '@/components/ui/icons';
import { NotAvailable } from '../shell/not-available';
import { Page } from '../shell/page';

export function Component() {
  return (
    <Page title="Favorites">
      <NotAvailable what="Favorites" icon={<HeartIcon />} />
    </Page>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
