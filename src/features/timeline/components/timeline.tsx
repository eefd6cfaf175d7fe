import {
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { NavigationType, useLocation, useNavigate, useNavigationType } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorMessage } from '@/components/ui/error-message';
import { PhotosIcon } from '@/components/ui/icons';
import { useShortcuts } from '@/lib/shortcuts';
import { monthQuery, timeBucketsQuery } from '../month-query';
import { monthFromSearch, monthIndexFor } from '../month-param';
import { getTimelineState } from '../timeline-state';
import { SelectionContext } from '../selection/selection-context';
import { selectedAssetOf } from '../selection/selection-store';
import { assetsBetween, loadedAssets } from '../selection/ranges';
import { moveFrom, type Move } from '../store/navigation';
import type { AssetPosition } from '../store/timeline-store';
import { timelineViews, viewerPath, type TimelineViewName } from '../views';
import type { Selection } from '../use-selection';
import { MonthBlock } from './month-block';
import { Scrubber } from './scrubber';
import { SelectionBar } from './selection-bar';
import styles from './timeline.module.css';

export interface TimelineProps {
  view: TimelineViewName;
  /** Bulk actions for the selection bar (composed in by the route). */
  selectionActions?: (selection: Selection) => ReactNode;
  /** What the empty state offers (the route passes the upload button). */
  emptyAction?: ReactNode;
}

const RENDER_MARGIN = 500;

const KEY_MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

/**
 * A view of the library as a virtualised, justified grid, newest first, with month and
 * day headers, a scrubber, selection and keyboard navigation. Only what is near the
 * viewport is in the DOM; months load as they come near and are laid out in slices.
 */
export function Timeline({ view: name, selectionActions, emptyAction }: TimelineProps) {
  const view = timelineViews[name];
  const queryClient = useQueryClient();
  const { store, selection } = getTimelineState(queryClient, name);
  const buckets = useQuery(timeBucketsQuery(view));
  const navigate = useNavigate();
  const navigationType = useNavigationType();
  const { search } = useLocation();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollerId = useId();
  useSyncExternalStore(store.subscribe, store.getVersion);
  const selecting = useSyncExternalStore(selection.subscribe, () => selection.size > 0);

  useLayoutEffect(() => {
    if (buckets.data) store.setBuckets(buckets.data);
  }, [store, buckets.data]);

  const hasGrid = buckets.isSuccess && buckets.data.length > 0;
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const measure = () => {
      const style = getComputedStyle(scroller);
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      store.setViewport(scroller.clientWidth - padding, scroller.clientHeight);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [store, hasGrid]);

  // Months near the screen start loading as soon as the bucket list is in, before the
  // grid's first paint (their blocks' own queries then find the fetch under way).
  useLayoutEffect(() => {
    if (!buckets.data || store.viewportHeight <= 0) return;
    const height = store.viewportHeight;
    const [first, last] = store.monthsInRange(
      store.scrollTop - height,
      store.scrollTop + 2 * height,
    );
    for (let i = first; i < last; i++) {
      const entry = store.months[i];
      if (entry && !entry.data) {
        void queryClient.prefetchQuery(monthQuery(view, entry.timeBucket, entry.count));
      }
    }
  }, [store, queryClient, view, buckets.data, hasGrid]);

  // Back (or forward) to the grid: where it was, with the tile that was opened focused.
  // Any other arrival starts at the top, or at the month `?month=YYYY-MM` asks for.
  const restored = useRef(false);
  useLayoutEffect(() => {
    if (restored.current || !hasGrid) return;
    restored.current = true;
    if (navigationType === NavigationType.Pop) {
      if (store.takeReturnFocus()) store.requestFocus();
      store.scrollTo(store.scrollTop);
    } else {
      store.takeReturnFocus();
      store.takePendingFocus();
      const month = monthFromSearch(search);
      const index = month ? monthIndexFor(store.months, month) : -1;
      store.scrollTo(store.months[index]?.top ?? 0);
    }
  }, [store, hasGrid, navigationType, search]);

  // Before paint: apply scroll anchoring, then move DOM focus where the keyboard went.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const y = store.takeScrollCorrection();
    if (scroller && y !== null && Math.abs(scroller.scrollTop - y) >= 1) scroller.scrollTop = y;
    const id = store.pendingFocus ? store.focusedId : null;
    const tile = id && gridRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
    if (tile) {
      store.takePendingFocus();
      tile.focus({ preventScroll: true });
    }
  });

  const positionOf = (element: Element | null): AssetPosition | null => {
    const tile = element?.closest<HTMLElement>('[data-id]');
    const entry = tile && store.monthByKey(tile.dataset.bucket ?? '');
    if (!tile || !entry) return null;
    return { month: store.months.indexOf(entry), index: Number(tile.dataset.index) };
  };

  const ensureMonth = useCallback(
    async (month: number) => {
      const entry = store.months[month];
      if (!entry || entry.data) return;
      const data = await queryClient.fetchQuery(monthQuery(view, entry.timeBucket, entry.count));
      store.setMonthData(entry.timeBucket, data);
    },
    [queryClient, store, view],
  );

  /** Selects from the anchor to `to`, loading the months in between first. */
  const selectRange = async (to: AssetPosition) => {
    const anchor = selection.anchor ? store.findAsset(selection.anchor) : null;
    const entry = store.months[to.month];
    if (!anchor) {
      if (entry?.data) selection.toggle(selectedAssetOf(entry.data, to.index), true);
      return;
    }
    let range = assetsBetween(store, anchor, to);
    if ('missing' in range) {
      await Promise.all(range.missing.map((m) => ensureMonth(m)));
      const again = store.findAsset(selection.anchor ?? '');
      const target = entry?.data ? store.findAsset(entry.data.ids[to.index] ?? '') : null;
      if (!again || !target) return;
      range = assetsBetween(store, again, target);
      if ('missing' in range) return;
    }
    selection.setMany(range.assets, true);
  };

  const toggle = (pos: AssetPosition) => {
    const data = store.months[pos.month]?.data;
    if (data) selection.toggle(selectedAssetOf(data, pos.index));
  };

  const open = (pos: AssetPosition) => {
    const id = store.months[pos.month]?.data?.ids[pos.index];
    if (!id) return;
    store.setFocus(pos, false);
    store.markReturnFocus();
    void navigate(viewerPath(id), { state: { view: name } });
  };

  const focusAt = (pos: AssetPosition) => {
    const y = store.scrollTopToShow(pos);
    store.setFocus(pos, true);
    if (y !== null) store.scrollTo(y);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as Element;
    const pos = positionOf(target);
    if (!pos) return;
    store.setFocus(pos, false);
    if (event.shiftKey && selection.anchor) {
      event.preventDefault();
      void selectRange(pos);
    } else if (target.closest('[data-check]') || selection.size > 0) {
      toggle(pos);
    } else {
      open(pos);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pos = positionOf(event.target as Element);
    if (!pos || event.altKey) return;
    const move = KEY_MOVES[event.key];
    if (move && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const go = (result: ReturnType<typeof moveFrom>, retried: boolean) => {
        if (!result) return;
        if ('load' in result) {
          if (!retried)
            void ensureMonth(result.load).then(() => go(moveFrom(store, pos, move), true));
          return;
        }
        if (event.shiftKey) {
          if (!selection.anchor) toggle(pos);
          void selectRange(result.to);
        }
        focusAt(result.to);
      };
      go(moveFrom(store, pos, move), false);
      return;
    }
    if (event.key === ' ' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (event.shiftKey && selection.anchor) void selectRange(pos);
      else toggle(pos);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(pos);
    }
  };

  useShortcuts(
    [
      {
        key: 'Escape',
        group: 'Selection',
        description: 'Clear the selection',
        handler: () => selection.clear(),
      },
      {
        key: 'a',
        mod: true,
        group: 'Selection',
        description: 'Select everything loaded',
        handler: () => selection.setMany(loadedAssets(store), true),
      },
      {
        key: 'ArrowRight',
        group: 'Timeline',
        description: 'Move between photos (with Shift: select)',
      },
      { key: ' ', group: 'Timeline', description: 'Select the focused photo' },
      { key: 'Enter', group: 'Timeline', description: 'Open the focused photo' },
    ],
    hasGrid,
  );

  if (buckets.isPending) {
    return (
      <div className={styles.root} aria-busy="true">
        <p role="status" className="visually-hidden">
          Loading {view.title.toLowerCase()}…
        </p>
      </div>
    );
  }
  // A failed refresh keeps the months on screen (its toast says what went wrong); only a
  // list that never loaded is replaced by the explanation.
  if (buckets.data === undefined) {
    return (
      <div className={styles.root}>
        <ErrorMessage
          title={`Could not load ${view.title.toLowerCase()}`}
          error={buckets.error}
          onRetry={() => void buckets.refetch()}
          retrying={buckets.isFetching}
        />
      </div>
    );
  }
  const emptyAfterFilter =
    store.months.length > 0 && store.months.every((m) => m.data && m.data.count === 0);
  if (buckets.data.length === 0 || emptyAfterFilter) {
    return (
      <div className={styles.root}>
        <EmptyState
          icon={<PhotosIcon size={48} />}
          title={view.emptyTitle}
          description={view.emptyText}
          action={view.offersUpload ? emptyAction : undefined}
        />
      </div>
    );
  }

  const g = store.geometry;
  // Tiles are rendered within 500 px of the viewport (as Immich does); months are mounted,
  // and so start loading, a viewport further out, showing no more than their header there.
  // While the user flicks past, only the viewport itself gets tiles.
  const win = store.renderWindow(store.imagesPaused ? 0 : RENDER_MARGIN);
  const reach = Math.max(RENDER_MARGIN, store.viewportHeight);
  const [first, last] = store.monthsInRange(win.top - reach, win.bottom + reach);
  const focused = store.focusedPosition();
  const focusedRect = focused && store.assetRect(focused);
  const activePos =
    focused &&
    focusedRect &&
    focusedRect.top < win.bottom &&
    focusedRect.top + focusedRect.height > win.top
      ? focused
      : store.firstAssetFrom(store.scrollTop);
  const activeId = activePos
    ? (store.months[activePos.month]?.data?.ids[activePos.index] ?? null)
    : null;

  const blocks = [];
  // Busy while a month on screen waits for its assets (one that failed shows its own error).
  let busy = false;
  if (g) {
    for (let i = first; i < last; i++) {
      const entry = store.months[i];
      if (!entry || entry.height <= 0) continue;
      if (
        !entry.data &&
        entry.top < win.bottom &&
        entry.top + entry.height > win.top &&
        queryClient.getQueryState(monthQuery(view, entry.timeBucket, entry.count).queryKey)
          ?.status !== 'error'
      ) {
        busy = true;
      }
      blocks.push(
        <MonthBlock
          key={entry.timeBucket}
          view={view}
          store={store}
          selection={selection}
          timeBucket={entry.timeBucket}
          year={entry.year}
          month={entry.month}
          count={entry.count}
          top={entry.top}
          height={entry.height}
          data={entry.data}
          layout={entry.layout}
          geometry={g}
          windowTop={win.top - entry.top}
          windowBottom={win.bottom - entry.top}
          activeId={activeId}
          showImages={!store.imagesPaused}
        />,
      );
    }
  }

  return (
    <SelectionContext value={selection}>
      <div className={styles.root} data-selecting={selecting || undefined}>
        <SelectionBar actions={selectionActions} />
        <div
          ref={scrollerRef}
          id={scrollerId}
          role="grid"
          tabIndex={-1}
          aria-label={view.title}
          aria-multiselectable="true"
          aria-busy={busy || undefined}
          className={styles.scroller}
          onScroll={(event) => store.setScroll(event.currentTarget.scrollTop)}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            const pos = positionOf(event.target);
            if (pos && event.target.matches('[data-id]')) store.setFocus(pos, false);
          }}
        >
          <div ref={gridRef} className={styles.grid} style={{ height: store.totalHeight }}>
            {blocks}
          </div>
        </div>
        <Scrubber store={store} height={store.viewportHeight} controls={scrollerId} />
      </div>
    </SelectionContext>
  );
}
