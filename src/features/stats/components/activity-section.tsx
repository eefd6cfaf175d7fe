import { useId, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '@/components/ui/error-message';
import {
  aggregateBuckets,
  monthKey,
  monthsWithAssets,
  pickYear,
  type YearCounts,
} from '../aggregate';
import { monthPath } from '../paths';
import { formatItems, formatMonthName, formatMonthYear, formatNumber } from '../format';
import { activityBuckets, timelineBuckets } from '../stats-queries';
import { BarChart, type Bar } from './bar-chart';
import { Section } from './section';
import styles from './activity-section.module.css';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * Assets per year and, for the chosen year, per month, from the timeline's month list: two
 * bar charts and the same numbers as a table. A year bar chooses the year (`?year=`, so the
 * choice survives a reload); a month bar opens that month in the timeline.
 */
export function ActivitySection() {
  const activity = useQuery({ ...activityBuckets(), select: aggregateBuckets });
  const inTimeline = useQuery({ ...timelineBuckets(), select: monthsWithAssets });
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const helpId = useId();

  const years = activity.data?.years;
  const selected = useMemo(
    () => (years ? pickYear(years, params.get('year')) : null),
    [years, params],
  );

  const yearBars = useMemo<Bar[]>(() => {
    const search = new URLSearchParams(params);
    return (years ?? []).map((y) => {
      search.set('year', String(y.year));
      return {
        key: String(y.year),
        label: String(y.year),
        name: String(y.year),
        value: y.total,
        href: `${pathname}?${search.toString()}`,
        current: y.year === selected?.year,
      };
    });
  }, [years, params, pathname, selected]);

  const monthBars = useMemo<Bar[]>(() => {
    if (!selected) return [];
    return MONTHS.map((month) => {
      const key = monthKey(selected.year, month);
      return {
        key,
        label: formatMonthName(month, 'short'),
        name: formatMonthYear(selected.year, month),
        value: selected.months[month - 1] ?? 0,
        // Until the timeline's own list arrives, assume the month is in it.
        href: monthPath(key, inTimeline.data?.has(key) ?? true),
      };
    });
  }, [selected, inTimeline.data]);

  const body = () => {
    if (activity.isPending) {
      return <div className={styles.skeleton} aria-hidden="true" />;
    }
    if (activity.isError) {
      return (
        <ErrorMessage
          title="Could not load the months"
          error={activity.error}
          onRetry={() => void activity.refetch()}
          retrying={activity.isFetching}
        />
      );
    }
    if (!selected) {
      return <p className={styles.note}>Nothing outside the trash has a date to chart yet.</p>;
    }
    return (
      <>
        <p id={helpId} className={styles.note}>
          By the date each was taken, trash not included. Choose a year to see its months; a month
          opens in the timeline.
        </p>
        <div className={styles.charts}>
          <div className={styles.chartBox}>
            <h3 className={styles.chartTitle}>By year</h3>
            <BarChart
              label="Photos and videos per year"
              describedBy={helpId}
              bars={yearBars}
              formatValue={formatItems}
              onActivate={(bar) =>
                void navigate(bar.href ?? pathname, { replace: true, preventScrollReset: true })
              }
              minSlots={8}
              maxLabels={10}
            />
          </div>
          <div className={styles.chartBox}>
            <h3 className={styles.chartTitle}>{`${selected.year} by month`}</h3>
            <BarChart
              label={`Photos and videos per month in ${selected.year}`}
              describedBy={helpId}
              bars={monthBars}
              formatValue={formatItems}
              onActivate={(bar) => void navigate(bar.href ?? '/')}
            />
          </div>
        </div>
        {activity.data.unreadable > 0 && (
          <p className={styles.note}>
            {`${formatItems(activity.data.unreadable)} could not be placed in a month.`}
          </p>
        )}
        <ActivityTable years={activity.data.years} />
      </>
    );
  };

  return (
    <Section title="Over time" busy={activity.isPending}>
      {body()}
    </Section>
  );
}

/** The charts' numbers as a table: a row per year (newest first), a column per month. */
function ActivityTable({ years }: { years: readonly YearCounts[] }) {
  const captionId = useId();
  return (
    <details className={styles.details}>
      <summary className={styles.summary}>Show the numbers as a table</summary>
      <div className={styles.tableScroll} role="region" aria-labelledby={captionId}>
        <table className={styles.table}>
          <caption id={captionId} className={styles.caption}>
            Photos and videos per month (trash not included)
          </caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              {MONTHS.map((m) => (
                <th key={m} scope="col">
                  <abbr title={formatMonthName(m, 'long')}>{formatMonthName(m, 'short')}</abbr>
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {[...years].reverse().map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                {y.months.map((n, i) => (
                  <td key={i} data-zero={n === 0 || undefined}>
                    {formatNumber(n)}
                  </td>
                ))}
                <td className={styles.total}>{formatNumber(y.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
