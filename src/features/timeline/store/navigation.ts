import type { AssetPosition, TimelineStore } from './timeline-store';
import type { MonthLayout } from '../layout/month-layout';

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

/** Where a move lands: a position, a month that must load first, or nowhere (an edge). */
export type MoveResult = { to: AssetPosition } | { load: number } | null;

/**
 * Keyboard moves in visual order: left and right go to the previous and next asset
 * (across days and months), up and down to the nearest asset, by horizontal centre, in
 * the row above or below; home and end to the row's first and last asset.
 */
export function moveFrom(store: TimelineStore, from: AssetPosition, move: Move): MoveResult {
  const entry = store.months[from.month];
  const data = entry?.data;
  if (!entry || !data) return null;
  switch (move) {
    case 'left':
      if (from.index > 0) return { to: { month: from.month, index: from.index - 1 } };
      return neighbourMonth(store, from.month, -1, (m, count) => ({ month: m, index: count - 1 }));
    case 'right':
      if (from.index < data.count - 1) return { to: { month: from.month, index: from.index + 1 } };
      return neighbourMonth(store, from.month, 1, (m) => ({ month: m, index: 0 }));
    case 'home':
    case 'end': {
      const layout = entry.layout;
      if (!layout) return null;
      const row = layout.rowOf[from.index] ?? 0;
      const index = move === 'home' ? (layout.rowStart[row] ?? 0) : (layout.rowEnd[row] ?? 1) - 1;
      return { to: { month: from.month, index } };
    }
    case 'up':
    case 'down': {
      const layout = entry.layout;
      if (!layout) return null;
      const row = layout.rowOf[from.index] ?? 0;
      const centre = (layout.x[from.index] ?? 0) + (layout.w[from.index] ?? 0) / 2;
      const step = move === 'up' ? -1 : 1;
      const target = row + step;
      if (target >= 0 && target < layout.rowCount) {
        return { to: { month: from.month, index: nearestInRow(layout, target, centre) } };
      }
      // Into the next or previous month: its last or first row.
      for (let m = from.month + step; m >= 0 && m < store.months.length; m += step) {
        const next = store.months[m];
        if (!next?.data) return { load: m };
        if (next.data.count === 0) continue;
        if (!next.layout) return null;
        const nextRow = step < 0 ? next.layout.rowCount - 1 : 0;
        return { to: { month: m, index: nearestInRow(next.layout, nextRow, centre) } };
      }
      return null;
    }
  }
}

function neighbourMonth(
  store: TimelineStore,
  month: number,
  step: number,
  pick: (month: number, count: number) => AssetPosition,
): MoveResult {
  for (let m = month + step; m >= 0 && m < store.months.length; m += step) {
    const data = store.months[m]?.data;
    if (!data) return { load: m };
    if (data.count > 0) return { to: pick(m, data.count) };
  }
  return null;
}

function nearestInRow(layout: MonthLayout, row: number, centre: number): number {
  const start = layout.rowStart[row] ?? 0;
  const end = layout.rowEnd[row] ?? start + 1;
  let best = start;
  let bestDistance = Infinity;
  for (let i = start; i < end; i++) {
    const d = Math.abs((layout.x[i] ?? 0) + (layout.w[i] ?? 0) / 2 - centre);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

export function comparePositions(a: AssetPosition, b: AssetPosition): number {
  return a.month - b.month || a.index - b.index;
}
