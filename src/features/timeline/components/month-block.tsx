import { memo, useEffect, useLayoutEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '@/components/ui/error-message';
import type { PackedMonth } from '../months/packed-month';
import type { MonthLayout } from '../layout/month-layout';
import { daysInRange, rowsInRange } from '../layout/month-layout';
import type { Geometry } from '../layout/geometry';
import { formatDay, formatMonth } from '../format';
import { monthQuery } from '../month-query';
import { countSelected, dayAssets, monthAssets } from '../selection/ranges';
import type { SelectionStore } from '../selection/selection-store';
import type { TimelineStore } from '../store/timeline-store';
import type { TimelineView } from '../views';
import { GroupCheck } from './group-check';
import { Tile } from './tile';
import styles from './timeline.module.css';

export interface MonthBlockProps {
  view: TimelineView;
  store: TimelineStore;
  selection: SelectionStore;
  timeBucket: string;
  year: number;
  month: number;
  count: number;
  top: number;
  height: number;
  data: PackedMonth | null;
  layout: MonthLayout | null;
  geometry: Geometry;
  /** The part of the month to render, in month coordinates. */
  windowTop: number;
  windowBottom: number;
  activeId: string | null;
  /** False while the user scrolls fast: a month passing by does not start loading. */
  showImages: boolean;
}

/** How long a month must stay in the window during a fast scroll before it loads anyway. */
const DWELL_MS = 150;

/**
 * One month: its sticky header, then the days in the render window (each with a sticky
 * header) and, inside them, only the rows in the window. Loads its data while mounted:
 * the month leaves the DOM when it leaves the window, and its fetch is then cancelled.
 */
export const MonthBlock = memo(function MonthBlock(props: MonthBlockProps) {
  const { view, store, selection, timeBucket, data, layout, geometry: g } = props;
  // Loads at once, unless it came into the window during a fast scroll: then when the
  // scrolling slows down, or after it has stayed a moment (a flick through a huge month).
  const [wanted, setWanted] = useState(props.showImages);
  if (props.showImages && !wanted) setWanted(true);
  useEffect(() => {
    if (wanted) return;
    const timer = setTimeout(() => setWanted(true), DWELL_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  const query = useQuery({ ...monthQuery(view, timeBucket, props.count), enabled: wanted });
  useLayoutEffect(() => {
    if (query.data) store.setMonthData(timeBucket, query.data);
  }, [store, timeBucket, query.data]);

  const title = formatMonth(props.year, props.month);
  const ready = data && layout ? { data, layout } : null;
  return (
    <div
      className={styles.month}
      style={{ top: props.top, height: props.height }}
      data-bucket={timeBucket}
    >
      <div role="row" className={styles.monthHeader} style={{ height: g.monthHeaderHeight }}>
        <div role="gridcell" className={styles.headerCell}>
          <GroupCheck
            label={`Select ${title}`}
            count={
              ready
                ? () => ({
                    selected: countSelected(ready.data, 0, ready.data.count, selection),
                    total: ready.data.count,
                  })
                : null
            }
            onToggle={(select) => ready && selection.setMany(monthAssets(ready.data), select)}
          />
          <h2 className={styles.monthTitle}>{title}</h2>
        </div>
      </div>
      {ready ? (
        <Days {...props} data={ready.data} layout={ready.layout} />
      ) : query.isError ? (
        <div className={styles.monthError} style={{ top: g.monthHeaderHeight }}>
          <ErrorMessage
            title={`Could not load ${title}`}
            error={query.error}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        </div>
      ) : (
        <div
          className={styles.skeleton}
          style={{
            top: g.monthHeaderHeight,
            backgroundSize: `100% ${g.rowHeight + g.spacing}px`,
          }}
          aria-hidden="true"
        />
      )}
    </div>
  );
});

function Days(props: MonthBlockProps & { data: PackedMonth; layout: MonthLayout }) {
  const { data, layout, windowTop, windowBottom, selection, geometry: g } = props;
  const [firstDay, lastDay] = daysInRange(layout, windowTop, windowBottom);
  const days = [];
  for (let d = firstDay; d < lastDay; d++) {
    const day = layout.days[d];
    if (!day) continue;
    const key = data.dayKeys[day.index] ?? 0;
    const title = formatDay(key);
    const [firstRow, lastRow] = rowsInRange(layout, day, windowTop, windowBottom);
    const rows = [];
    for (let r = firstRow; r < lastRow; r++) {
      const rowTop = (layout.rowTop[r] ?? 0) - day.top;
      const rowHeight = layout.rowHeight[r] ?? 0;
      const tiles = [];
      for (let i = layout.rowStart[r] ?? 0; i < (layout.rowEnd[r] ?? 0); i++) {
        const id = data.ids[i] ?? '';
        tiles.push(
          <Tile
            key={id}
            id={id}
            timeBucket={props.timeBucket}
            index={i}
            left={layout.x[i] ?? 0}
            width={layout.w[i] ?? 0}
            height={rowHeight}
            flags={data.flags[i] ?? 0}
            thumbhash={data.thumbhashes[i] ?? ''}
            localMs={data.localMs[i] ?? 0}
            city={data.cities[i] ?? ''}
            duration={data.duration[i] ?? NaN}
            tabbable={id === props.activeId}
            showImage={props.showImages}
          />,
        );
      }
      rows.push(
        <div
          key={layout.rowStart[r]}
          role="row"
          className={styles.row}
          style={{ top: rowTop, height: rowHeight }}
        >
          {tiles}
        </div>,
      );
    }
    days.push(
      <div
        key={key}
        role="rowgroup"
        aria-label={title}
        className={styles.day}
        style={{ top: day.top, height: day.height }}
      >
        <div
          role="row"
          className={styles.dayHeader}
          style={{ height: g.dayHeaderHeight, top: g.monthHeaderHeight }}
        >
          <div role="gridcell" className={styles.headerCell}>
            <GroupCheck
              label={`Select ${title}`}
              count={() => ({
                selected: countSelected(data, day.start, day.end, selection),
                total: day.end - day.start,
              })}
              onToggle={(select) => selection.setMany(dayAssets(data, day.index), select)}
            />
            <h3 className={styles.dayTitle}>{title}</h3>
          </div>
        </div>
        {rows}
      </div>,
    );
  }
  return <>{days}</>;
}
