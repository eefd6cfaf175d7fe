import { StatisticsDashboard } from '@/features/stats/components/statistics-dashboard';
import { UploadButton } from '@/features/upload/components/upload-button';
import { Page } from '../shell/page';

export function Component() {
  return (
    <Page title="Statistics">
      <StatisticsDashboard emptyAction={<UploadButton />} />
    </Page>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
