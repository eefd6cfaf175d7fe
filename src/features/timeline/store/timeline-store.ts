import type { TimeBucketsResponseDto } from '@/api/types';
import { daysInBucketMonth, type PackedMonth } from '../months/packed-month';
import { estimateMonthHeight, sameGeometry, type Geometry, geometryFor } from '../layout/geometry';
import { MonthLayoutTask, type MonthLayout } from '../layout/month-layout';
import { createSliceScheduler, type SliceScheduler } from './slice-scheduler';

/** One month of the timeline: from the bucket list at once, its assets and layout once loaded. */
export interface MonthEntry {
  readonly timeBucket: string;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  count: number;
  /** Top in the scroll content. */
  top: number;
  /** The layout's height once laid out, an estimate from `count` until then. */
  height: number;
  /** The assets shown (with `layout`, which indexes them). */
  data: PackedMonth | null;
  /** The layout for the current geometry, or null while estimated. */
  layout: MonthLayout | null;
  /** A layout in progress and the data it is for; both replace the shown ones when done. */
  task: MonthLayoutTask | null;
  pending: PackedMonth | null;
}

/** Where an asset sits: month index and index within the month's packed data. */
export interface AssetPosition {
  month: number;
  index: number;
}

/** Months laid out at once when they arrive; bigger ones are laid out in slices. */
const SYNC_LAYOUT_LIMIT = 4_000;
/** Most main-thread time one layout slice may take. */
const SLICE_BUDGET_MS = 6;
/** Scroll speed above which new tiles show only their placeholder (px per ms). */
const FAST_SCROLL = 4;

/**
 * Everything the grid needs that is not React: the months with their heights (estimated
 * or laid out), tops, the scroll position and its anchoring, and layouts computed in
 * slices. Components read it through `subscribe`/`getVersion`.
 */
export class TimelineStore {
  months: MonthEntry[] = [];
  geometry: Geometry | null = null;
  totalHeight = 0;
  viewportHeight = 0;
  scrollTop = 0;
  /** A scrollTop the scroller must take on its next render (anchoring after a height change). */
  private scrollCorrection: number | null = null;
  /**
   * True while the user scrolls fast (or drags the scrubber): new tiles wait with their
   * placeholder and months passing by do not start loading.
   */
  imagesPaused = false;
  /** Where a jump (scrubber click, keyboard) is going: its scroll event is not a fast scroll. */
  private jumpTarget: number | null = null;
  /** The tile keyboard focus is on, kept across remounts (back from the viewer). */
  private focused: { id: string; timeBucket: string; index: number } | null = null;
  /** The focused tile must take DOM focus once it is rendered. */
  pendingFocus = false;
  bucketsLoaded = false;

  private byKey = new Map<string, MonthEntry>();
  private listeners = new Set<() => void>();
  private version = 0;
  private scheduler: SliceScheduler;
  private lastScroll = { y: 0, t: 0 };
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  /** The render window is recomputed when the scroll leaves this band. */
  private band = { top: 0, bottom: -1 };

  constructor(scheduler: SliceScheduler = createSliceScheduler(SLICE_BUDGET_MS)) {
    this.scheduler = scheduler;
  }

  // ---- subscription ----------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private emit(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  // ---- input -----------------------------------------------------------------------------

  /** The bucket list (newest first). Months keep their loaded data when they stay. */
  setBuckets(buckets: readonly TimeBucketsResponseDto[]): void {
    this.withAnchor(() => {
      const next: MonthEntry[] = [];
      const byKey = new Map<string, MonthEntry>();
      for (const bucket of buckets) {
        const previous = this.byKey.get(bucket.timeBucket);
        const entry: MonthEntry = previous ?? {
          timeBucket: bucket.timeBucket,
          year: Number(bucket.timeBucket.slice(0, 4)),
          month: Number(bucket.timeBucket.slice(5, 7)),
          count: bucket.count,
          top: 0,
          height: 0,
          data: null,
          layout: null,
          task: null,
          pending: null,
        };
        entry.count = bucket.count;
        if (!entry.layout) entry.height = this.estimate(entry);
        next.push(entry);
        byKey.set(entry.timeBucket, entry);
      }
      for (const [key, entry] of this.byKey) {
        if (!byKey.has(key)) this.scheduler.cancel(entry);
      }
      this.months = next;
      this.byKey = byKey;
      this.bucketsLoaded = true;
    });
  }

  /** The scroller's content width and viewport height. Re-flows every loaded month. */
  setViewport(width: number, height: number): void {
    const geometry = geometryFor(width, height);
    this.viewportHeight = height;
    if (this.geometry && sameGeometry(this.geometry, geometry)) {
      this.emit();
      return;
    }
    this.geometry = geometry;
    this.withAnchor(() => {
      for (const entry of this.months) {
        entry.layout = null;
        entry.height = this.estimate(entry);
        const data = entry.pending ?? entry.data;
        if (data) this.startLayout(entry, data, false);
      }
      // Lay out what is on screen now, so the re-flow shows no placeholder there.
      this.updateTops();
      const [first, last] = this.monthsInRange(
        this.scrollTop - height,
        this.scrollTop + 2 * height,
      );
      for (let i = first; i < last; i++) {
        const entry = this.months[i];
        if (entry?.task && ((entry.pending ?? entry.data)?.count ?? 0) <= SYNC_LAYOUT_LIMIT) {
          this.finishLayout(entry);
        }
      }
    }, true);
  }

  /** A month's assets arrived (or changed). */
  setMonthData(timeBucket: string, data: PackedMonth): void {
    const entry = this.byKey.get(timeBucket);
    if (!entry || entry.data === data || entry.pending === data) return;
    const shown = entry.data;
    if (
      shown &&
      entry.layout &&
      !entry.task &&
      data.ids === shown.ids &&
      data.ratio === shown.ratio &&
      data.dayStarts === shown.dayStarts
    ) {
      // Only flags changed (an optimistic favourite or archive): the layout stands.
      entry.data = data;
      this.emit();
      return;
    }
    this.withAnchor(() => {
      this.startLayout(entry, data, data.count <= SYNC_LAYOUT_LIMIT);
    });
  }

  /** The scroller moved (the user, or a correction). */
  setScroll(y: number, now = performance.now()): void {
    const jump = this.jumpTarget !== null && Math.abs(y - this.jumpTarget) < 2;
    this.jumpTarget = null;
    const dt = now - this.lastScroll.t;
    const speed = dt > 0 && !jump ? Math.abs(y - this.lastScroll.y) / dt : 0;
    this.lastScroll = { y, t: now };
    this.scrollTop = y;
    let changed = false;
    if (speed > FAST_SCROLL) changed = this.markFast();
    else if (this.imagesPaused) this.markFast();
    if (y < this.band.top || y > this.band.bottom) changed = true;
    if (changed) this.emit();
  }

  /** Pauses loading until the scrolling has been slow for a moment; true if it was not paused. */
  private markFast(): boolean {
    const was = this.imagesPaused;
    this.imagesPaused = true;
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => {
      this.imagesPaused = false;
      this.emit();
    }, 150);
    return !was;
  }

  /** Takes the pending scroll correction (the scroller applies it before paint). */
  takeScrollCorrection(): number | null {
    const value = this.scrollCorrection;
    this.scrollCorrection = null;
    return value;
  }

  /**
   * Scrolls to a position in the content (scrubber, keyboard); the scroller applies it. A
   * jump loads at once; `fast` (a scrubber drag) counts as fast scrolling.
   */
  scrollTo(y: number, fast = false): void {
    const max = Math.max(0, this.totalHeight - this.viewportHeight);
    this.scrollTop = Math.min(Math.max(0, y), max);
    this.scrollCorrection = this.scrollTop;
    if (fast) {
      this.markFast();
    } else {
      this.jumpTarget = this.scrollTop;
      this.lastScroll = { y: this.scrollTop, t: performance.now() };
    }
    this.emit();
  }

  // ---- reading ---------------------------------------------------------------------------

  /**
   * The part of the content to render: the viewport plus `margin` above and below. The
   * window is quantised so scrolling re-renders only when it moves by a margin's share.
   */
  renderWindow(margin: number): { top: number; bottom: number } {
    const step = Math.max(64, Math.round(margin / 2));
    const top = Math.floor(this.scrollTop / step) * step - margin;
    const bottom = top + this.viewportHeight + 2 * margin + step;
    this.band = { top: top + margin, bottom: top + margin + step - 1 };
    return { top, bottom };
  }

  /** Months overlapping [top, bottom), as [first, last). */
  monthsInRange(top: number, bottom: number): [number, number] {
    const { months } = this;
    let lo = 0;
    let hi = months.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = months[mid];
      if (m && m.top + m.height <= top) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = months.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = months[mid];
      if (m && m.top < bottom) lo = mid + 1;
      else hi = mid;
    }
    return [first, lo];
  }

  /** Index of the month at content position y (clamped to the list). */
  monthIndexAt(y: number): number {
    const [first] = this.monthsInRange(y, y + 1);
    return Math.min(first, this.months.length - 1);
  }

  monthByKey(timeBucket: string): MonthEntry | undefined {
    return this.byKey.get(timeBucket);
  }

  /** Position of an asset among the loaded months, or null. */
  findAsset(id: string): AssetPosition | null {
    for (let m = 0; m < this.months.length; m++) {
      const index = this.months[m]?.data?.ids.indexOf(id) ?? -1;
      if (index >= 0) return { month: m, index };
    }
    return null;
  }

  /** Content-space rectangle of a laid-out asset. */
  assetRect(
    pos: AssetPosition,
  ): { top: number; height: number; left: number; width: number } | null {
    const entry = this.months[pos.month];
    const layout = entry?.layout;
    if (!entry || !layout) return null;
    const row = layout.rowOf[pos.index] ?? 0;
    return {
      top: entry.top + (layout.rowTop[row] ?? 0),
      height: layout.rowHeight[row] ?? 0,
      left: layout.x[pos.index] ?? 0,
      width: layout.w[pos.index] ?? 0,
    };
  }

  /** Content-space top of a day (its header). */
  dayTop(month: number, day: number): number | null {
    const entry = this.months[month];
    const d = entry?.layout?.days[day];
    return entry && d ? entry.top + d.top : null;
  }

  /** Makes a tile the focused one; `moveFocus` also moves DOM focus there after render. */
  setFocus(pos: AssetPosition, moveFocus: boolean): void {
    const entry = this.months[pos.month];
    const id = entry?.data?.ids[pos.index];
    if (!entry || id === undefined) return;
    this.focused = { id, timeBucket: entry.timeBucket, index: pos.index };
    if (moveFocus) this.pendingFocus = true;
    this.emit();
  }

  private returnFocus = false;

  /** The grid is left for the viewer: coming back, the focused tile takes focus again. */
  markReturnFocus(): void {
    this.returnFocus = true;
  }

  takeReturnFocus(): boolean {
    const value = this.returnFocus;
    this.returnFocus = false;
    return value;
  }

  /** Moves DOM focus to the focused tile after the next render. */
  requestFocus(): void {
    this.pendingFocus = true;
  }

  /** Reads and clears the request to move DOM focus to the focused tile. */
  takePendingFocus(): boolean {
    const pending = this.pendingFocus;
    this.pendingFocus = false;
    return pending;
  }

  get focusedId(): string | null {
    return this.focused?.id ?? null;
  }

  /** Where the focused tile is now (its month may have moved or reloaded), or null. */
  focusedPosition(): AssetPosition | null {
    const f = this.focused;
    if (!f) return null;
    const entry = this.byKey.get(f.timeBucket);
    if (entry?.data?.ids[f.index] === f.id)
      return { month: this.months.indexOf(entry), index: f.index };
    const found = this.findAsset(f.id);
    if (found) {
      this.focused = {
        ...f,
        timeBucket: this.months[found.month]?.timeBucket ?? '',
        index: found.index,
      };
    }
    return found;
  }

  /** The first laid-out asset whose row ends below content position y. */
  firstAssetFrom(y: number): AssetPosition | null {
    for (let m = Math.max(0, this.monthIndexAt(y)); m < this.months.length; m++) {
      const entry = this.months[m];
      const layout = entry?.layout;
      if (!entry || !layout) return null;
      const local = y - entry.top;
      let lo = 0;
      let hi = layout.rowCount;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((layout.rowTop[mid] ?? 0) + (layout.rowHeight[mid] ?? 0) <= local) lo = mid + 1;
        else hi = mid;
      }
      if (lo < layout.rowCount) return { month: m, index: layout.rowStart[lo] ?? 0 };
    }
    return null;
  }

  /** The scroll position that brings an asset fully into view below the sticky headers. */
  scrollTopToShow(pos: AssetPosition): number | null {
    const rect = this.assetRect(pos);
    const g = this.geometry;
    if (!rect || !g) return null;
    const headers = g.monthHeaderHeight + g.dayHeaderHeight;
    if (rect.top - headers < this.scrollTop) return rect.top - headers;
    if (rect.top + rect.height > this.scrollTop + this.viewportHeight) {
      return rect.top + rect.height + g.spacing - this.viewportHeight;
    }
    return null;
  }

  // ---- internals -------------------------------------------------------------------------

  private estimate(entry: MonthEntry): number {
    const g = this.geometry ?? geometryFor(1024, 768);
    const data = entry.pending ?? entry.data;
    const count = data ? data.count : entry.count;
    return estimateMonthHeight(count, daysInBucketMonth(entry.timeBucket), g);
  }

  /**
   * Lays `data` out for the current geometry: at once, or in slices while the month keeps
   * showing its previous layout (or its estimate when it has none).
   */
  private startLayout(entry: MonthEntry, data: PackedMonth, now: boolean): void {
    this.scheduler.cancel(entry);
    if (!this.geometry) {
      entry.data = data;
      return;
    }
    entry.task = new MonthLayoutTask(data, this.geometry);
    entry.pending = data;
    if (now) {
      this.finishLayout(entry);
      return;
    }
    if (!entry.layout) {
      entry.data = data;
      entry.height = this.estimate(entry);
    }
    this.scheduler.schedule(
      entry,
      () => this.distance(entry),
      (budget) => this.runSlice(entry, budget),
    );
  }

  private finishLayout(entry: MonthEntry): void {
    const task = entry.task;
    if (!task) return;
    this.scheduler.cancel(entry);
    entry.layout = task.runToEnd();
    entry.data = entry.pending ?? entry.data;
    entry.height = entry.layout.height;
    entry.task = null;
    entry.pending = null;
  }

  /** One slice of a month's layout; true when done. */
  private runSlice(entry: MonthEntry, budget: number): boolean {
    const task = entry.task;
    if (!task) return true;
    if (!task.step(budget)) return false;
    const layout = task.result;
    const data = entry.pending;
    entry.task = null;
    entry.pending = null;
    if (layout) {
      this.withAnchor(() => {
        entry.layout = layout;
        entry.data = data ?? entry.data;
        entry.height = layout.height;
      });
    }
    return true;
  }

  /** How far a month is from the viewport: the nearest is laid out first. */
  private distance(entry: MonthEntry): number {
    const viewTop = this.scrollTop;
    const viewBottom = viewTop + this.viewportHeight;
    if (entry.top + entry.height < viewTop) return viewTop - (entry.top + entry.height);
    if (entry.top > viewBottom) return entry.top - viewBottom;
    return 0;
  }

  private updateTops(): void {
    let y = 0;
    for (const entry of this.months) {
      entry.top = y;
      y += entry.height;
    }
    this.totalHeight = y;
  }

  /**
   * Applies height changes while keeping what the user looks at in place: the month at
   * the top of the viewport keeps its offset (scaled with the month on a re-flow), so a
   * month above that grows or shrinks as it loads moves nothing on screen.
   */
  private withAnchor(mutate: () => void, scale = false): void {
    const index = this.months.length ? this.monthIndexAt(this.scrollTop) : -1;
    const anchor = this.months[index];
    const before = anchor && {
      offset: this.scrollTop - anchor.top,
      height: anchor.height,
    };
    mutate();
    this.updateTops();
    if (anchor && before && this.byKey.get(anchor.timeBucket) === anchor) {
      let offset = before.offset;
      if (scale && before.height > 0) offset = (offset / before.height) * anchor.height;
      const max = Math.max(0, this.totalHeight - this.viewportHeight);
      const next = Math.round(Math.min(Math.max(0, anchor.top + offset), max));
      if (next !== Math.round(this.scrollTop)) {
        this.scrollTop = next;
        this.scrollCorrection = next;
      }
    }
    this.emit();
  }

  dispose(): void {
    for (const entry of this.months) this.scheduler.cancel(entry);
    clearTimeout(this.pauseTimer);
    this.listeners.clear();
  }
}
