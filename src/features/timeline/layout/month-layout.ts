import { justify, type RowSink } from './justify';
import type { Geometry } from './geometry';

/**
 * A month's layout: a header, then each day (a header and its justified rows) one below
 * the other, full width. All positions are relative to the month's top.
 */
export interface MonthLayout {
  height: number;
  days: DayLayout[];
  rowCount: number;
  rowTop: Float64Array;
  rowHeight: Float32Array;
  /** First asset of each row; a row ends where the next begins (or at its day's end). */
  rowStart: Int32Array;
  rowEnd: Int32Array;
  /** Per asset: left edge, width and row. */
  x: Float32Array;
  w: Float32Array;
  rowOf: Int32Array;
}

export interface DayLayout {
  /** Index of the day in the month's packed data. */
  index: number;
  /** Top of the day's header. */
  top: number;
  /** Header, rows and the gap after them. */
  height: number;
  start: number;
  end: number;
  rowStart: number;
  rowEnd: number;
}

export interface MonthInput {
  ratio: ArrayLike<number>;
  /** Index of each day's first asset, plus the asset count at the end. */
  dayStarts: ArrayLike<number>;
}

/** Photos laid out per slice of a huge day before the task checks the clock. */
const SLICE = 2_000;

/**
 * Lays a month out in slices: `step(budgetMs)` works until the budget is spent and
 * returns true when the layout is complete. A 50,000-photo month thus never blocks the
 * main thread for long; run it to the end with `runToEnd` where that does not matter.
 */
export class MonthLayoutTask {
  private readonly count: number;
  private readonly layout: MonthLayout;
  private readonly sink: RowSink;
  private day = 0;
  private dayRowStart = 0;
  private next = -1;
  private y: number;
  private done = false;

  constructor(
    private readonly input: MonthInput,
    private readonly g: Geometry,
  ) {
    const count = input.dayStarts[input.dayStarts.length - 1] ?? 0;
    this.count = count;
    const capacity = Math.max(1, count);
    this.layout = {
      height: 0,
      days: [],
      rowCount: 0,
      rowTop: new Float64Array(capacity),
      rowHeight: new Float32Array(capacity),
      rowStart: new Int32Array(capacity),
      rowEnd: new Int32Array(capacity),
      x: new Float32Array(count),
      w: new Float32Array(count),
      rowOf: new Int32Array(count),
    };
    const layout = this.layout;
    this.sink = {
      x: layout.x,
      w: layout.w,
      rowOf: layout.rowOf,
      addRow(top, height, start, end) {
        const row = layout.rowCount++;
        layout.rowTop[row] = top;
        layout.rowHeight[row] = height;
        layout.rowStart[row] = start;
        layout.rowEnd[row] = end;
        return row;
      },
    };
    this.y = g.monthHeaderHeight;
  }

  get result(): MonthLayout | null {
    return this.done ? this.layout : null;
  }

  step(budgetMs: number, now: () => number = () => performance.now()): boolean {
    if (this.done) return true;
    const deadline = now() + budgetMs;
    const { g, input } = this;
    const days = input.dayStarts.length - 1;
    const options = { width: g.width, targetRowHeight: g.rowHeight, spacing: g.spacing };
    while (this.day < days) {
      const start = input.dayStarts[this.day] ?? 0;
      const end = input.dayStarts[this.day + 1] ?? start;
      if (this.next < 0) {
        // A new day: its header first.
        this.next = start;
        this.dayRowStart = this.layout.rowCount;
        this.layout.days.push({
          index: this.day,
          top: this.y,
          height: 0,
          start,
          end,
          rowStart: this.layout.rowCount,
          rowEnd: this.layout.rowCount,
        });
        this.y += g.dayHeaderHeight;
      }
      const progress = justify(input.ratio, this.next, end, this.y, options, this.sink, SLICE);
      this.next = progress.next;
      this.y = progress.y;
      if (this.next >= end) {
        // Day complete: replace the trailing row gap by the day gap.
        const day = this.layout.days[this.layout.days.length - 1];
        if (this.layout.rowCount > this.dayRowStart) this.y -= g.spacing;
        this.y += g.dayGap;
        if (day) {
          day.height = this.y - day.top;
          day.rowEnd = this.layout.rowCount;
        }
        this.day++;
        this.next = -1;
      }
      if (now() >= deadline && this.day < days) return false;
    }
    this.layout.height = this.count === 0 ? 0 : Math.round(this.y);
    this.done = true;
    return true;
  }

  runToEnd(): MonthLayout {
    while (!this.step(Infinity));
    return this.layout;
  }
}

/** The rows of a day that overlap [top, bottom) (month coordinates), as [first, last). */
export function rowsInRange(
  layout: MonthLayout,
  day: DayLayout,
  top: number,
  bottom: number,
): [number, number] {
  let lo = day.rowStart;
  let hi = day.rowEnd;
  // First row whose bottom is below `top`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((layout.rowTop[mid] ?? 0) + (layout.rowHeight[mid] ?? 0) <= top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = day.rowEnd;
  // First row starting at or below `bottom`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((layout.rowTop[mid] ?? 0) < bottom) lo = mid + 1;
    else hi = mid;
  }
  return [first, lo];
}

/** The days of a month that overlap [top, bottom) (month coordinates), as [first, last). */
export function daysInRange(layout: MonthLayout, top: number, bottom: number): [number, number] {
  const { days } = layout;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const day = days[mid];
    if (day && day.top + day.height <= top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const day = days[mid];
    if (day && day.top < bottom) lo = mid + 1;
    else hi = mid;
  }
  return [first, lo];
}
