import { PhotosIcon } from '@/components/ui/icons';
import { NotAvailable } from '../shell/not-available';
import { Page } from '../shell/page';

export function Component() {
  return (
    <Page title="Photos">
      <NotAvailable what="The photo timeline" icon={<PhotosIcon />} />
    </Page>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
