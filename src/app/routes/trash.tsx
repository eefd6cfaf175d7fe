import { TrashIcon } from '@/components/ui/icons';
import { NotAvailable } from '../shell/not-available';
import { Page } from '../shell/page';

export function Component() {
  return (
    <Page title="Trash">
      <NotAvailable what="The trash" icon={<TrashIcon />} />
    </Page>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
