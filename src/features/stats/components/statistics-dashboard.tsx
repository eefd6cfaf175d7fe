import { useId, type ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorMessage } from '@/components/ui/error-message';
import { ChartIcon } from '@/components/ui/icons';
import { useLibraryTotals } from '../stats-queries';
import { ActivitySection } from './activity-section';
import { DeviceSection } from './device-section';
import { RandomMemories } from './random-memories';
import { SharesSection } from './shares-section';
import { TotalsCards } from './totals-cards';
import styles from './statistics-dashboard.module.css';

export interface StatisticsDashboardProps {
  /** What the empty state offers (the route passes the upload button). */
  emptyAction?: ReactNode;
}

/**
 * The library at a glance: totals, activity over time, shares, this browser's uploads and
 * random memories. Every number comes from a query under ['assets'], so uploads, edits and
 * deletes anywhere in the app refresh it. Each panel loads and fails on its own.
 */
export function StatisticsDashboard({ emptyAction }: StatisticsDashboardProps) {
  const totals = useLibraryTotals();
  const totalsHeading = useId();

  if (totals.error && !totals.data) {
    return (
      <ErrorMessage
        variant="page"
        title="Could not load the statistics"
        error={totals.error}
        onRetry={totals.retry}
        retrying={totals.isFetching}
      />
    );
  }

  const data = totals.data;
  if (data && data.all.total === 0 && data.trash.total === 0) {
    return (
      <EmptyState
        icon={<ChartIcon size={48} />}
        title="Nothing to count yet"
        description="Upload photos and videos, and this page shows how your library adds up and grows."
        action={emptyAction}
      />
    );
  }

  return (
    <div className={styles.dashboard}>
      {!data && (
        <p role="status" className="visually-hidden">
          Loading statistics
        </p>
      )}
      <section aria-labelledby={totalsHeading} aria-busy={!data || undefined}>
        <h2 id={totalsHeading} className="visually-hidden">
          Totals
        </h2>
        <TotalsCards totals={data} />
      </section>
      <ActivitySection />
      <div className={styles.pair}>
        {data ? <SharesSection totals={data} /> : <SharesSkeleton />}
        <DeviceSection />
      </div>
      <RandomMemories />
    </div>
  );
}

function SharesSkeleton() {
  return <div className={styles.skeleton} aria-hidden="true" />;
}
