import { VideoIcon } from '@/components/ui/icons';
import { NotAvailable } from '../shell/not-available';
import { Page } from '../shell/page';

export function Component() {
  return (
    <Page title="Videos">
      <NotAvailable what="The video list" icon={<VideoIcon />} />
    </Page>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
