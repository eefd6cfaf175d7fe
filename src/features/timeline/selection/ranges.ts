import type { PackedMonth } from '../months/packed-month';
import type { AssetPosition, TimelineStore } from '../store/timeline-store';
import { comparePositions } from '../store/navigation';
import { selectedAssetOf, type SelectedAsset, type SelectionStore } from './selection-store';

/**
 * Every asset from `a` to `b`, both included, in either order, across days and months.
 * When a month in between is not loaded yet, returns the months to load instead.
 */
export function assetsBetween(
  store: TimelineStore,
  a: AssetPosition,
  b: AssetPosition,
): { assets: SelectedAsset[] } | { missing: number[] } {
  const [from, to] = comparePositions(a, b) <= 0 ? [a, b] : [b, a];
  const missing: number[] = [];
  for (let m = from.month; m <= to.month; m++) {
    if (!store.months[m]?.data) missing.push(m);
  }
  if (missing.length) return { missing };
  const assets: SelectedAsset[] = [];
  for (let m = from.month; m <= to.month; m++) {
    const data = store.months[m]?.data;
    if (!data) continue;
    const start = m === from.month ? from.index : 0;
    const end = m === to.month ? to.index : data.count - 1;
    for (let i = start; i <= end; i++) assets.push(selectedAssetOf(data, i));
  }
  return { assets };
}

export function dayAssets(month: PackedMonth, day: number): SelectedAsset[] {
  const start = month.dayStarts[day] ?? 0;
  const end = month.dayStarts[day + 1] ?? start;
  const assets: SelectedAsset[] = [];
  for (let i = start; i < end; i++) assets.push(selectedAssetOf(month, i));
  return assets;
}

export function monthAssets(month: PackedMonth): SelectedAsset[] {
  const assets: SelectedAsset[] = [];
  for (let i = 0; i < month.count; i++) assets.push(selectedAssetOf(month, i));
  return assets;
}

/** Every asset of every loaded month. */
export function loadedAssets(store: TimelineStore): SelectedAsset[] {
  const assets: SelectedAsset[] = [];
  for (const entry of store.months) {
    const data = entry.data;
    if (!data) continue;
    for (let i = 0; i < data.count; i++) assets.push(selectedAssetOf(data, i));
  }
  return assets;
}

const counts = new WeakMap<PackedMonth, Map<string, { version: number; n: number }>>();

/**
 * How many of the ids in [start, end) of a month are selected. Headers ask on every render:
 * the answer is kept per selection version, and is 0 at once while nothing is selected.
 */
export function countSelected(
  month: PackedMonth,
  start: number,
  end: number,
  selection: Pick<SelectionStore, 'has' | 'size' | 'getVersion'>,
): number {
  if (selection.size === 0) return 0;
  const version = selection.getVersion();
  let byRange = counts.get(month);
  if (!byRange) {
    byRange = new Map();
    counts.set(month, byRange);
  }
  const key = `${start}:${end}`;
  const hit = byRange.get(key);
  if (hit?.version === version) return hit.n;
  let n = 0;
  for (let i = start; i < end; i++) if (selection.has(month.ids[i] ?? '')) n++;
  byRange.set(key, { version, n });
  return n;
}
