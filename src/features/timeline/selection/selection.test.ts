import { describe, expect, it, vi } from 'vitest';
import { SelectionStore, selectedAssetOf, type SelectedAsset } from './selection-store';
import { assetsBetween, countSelected, dayAssets, loadedAssets, monthAssets } from './ranges';
import { TimelineStore } from '../store/timeline-store';
import { createManualScheduler } from '../store/slice-scheduler';
import { moveFrom } from '../store/navigation';
import { packBucket } from '../months/packed-month';
import { fakeMonth } from '../testing/bucket-factory';

const asset = (id: string): SelectedAsset => ({
  id,
  isFavorite: false,
  isImage: true,
  isTrashed: false,
  isArchived: false,
});

/** Three months of 300 photos (March, February, January 2025), the first two loaded. */
function timeline() {
  const store = new TimelineStore(createManualScheduler());
  store.setViewport(1200, 900);
  const list = [
    { timeBucket: '2025-03-01', count: 300 },
    { timeBucket: '2025-02-01', count: 300 },
    { timeBucket: '2025-01-01', count: 300 },
  ];
  store.setBuckets(list);
  for (const [i, month] of [3, 2].entries()) {
    const key = list[i]?.timeBucket ?? '';
    store.setMonthData(key, packBucket(key, fakeMonth(2025, month, 300)));
  }
  return store;
}

describe('SelectionStore', () => {
  it('toggles, remembers the anchor and tells subscribers', () => {
    const selection = new SelectionStore();
    const listener = vi.fn();
    selection.subscribe(listener);
    selection.toggle(asset('a'));
    expect(selection.has('a')).toBe(true);
    expect(selection.anchor).toBe('a');
    selection.toggle(asset('a'));
    expect(selection.has('a')).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
    selection.setMany([asset('b'), asset('c')], true);
    expect(selection.ids()).toEqual(['b', 'c']);
    selection.setMany([asset('b')], true);
    expect(listener).toHaveBeenCalledTimes(3);
    selection.retain((id) => id !== 'b');
    expect(selection.ids()).toEqual(['c']);
    selection.clear();
    expect(selection.size).toBe(0);
    expect(selection.anchor).toBeNull();
  });
});

describe('ranges', () => {
  it('selects across a month boundary in either direction', () => {
    const store = timeline();
    const forward = assetsBetween(store, { month: 0, index: 298 }, { month: 1, index: 1 });
    const backward = assetsBetween(store, { month: 1, index: 1 }, { month: 0, index: 298 });
    if (!('assets' in forward) || !('assets' in backward)) throw new Error('expected assets');
    expect(forward.assets.map((a) => a.id)).toEqual([
      store.months[0]?.data?.ids[298],
      store.months[0]?.data?.ids[299],
      store.months[1]?.data?.ids[0],
      store.months[1]?.data?.ids[1],
    ]);
    expect(backward.assets).toEqual(forward.assets);
  });

  it('asks for the months in between that are not loaded', () => {
    const store = timeline();
    store.setBuckets([
      { timeBucket: '2025-03-01', count: 300 },
      { timeBucket: '2025-02-15', count: 5 },
      { timeBucket: '2025-02-01', count: 300 },
    ]);
    expect(assetsBetween(store, { month: 0, index: 3 }, { month: 2, index: 3 })).toEqual({
      missing: [1],
    });
  });

  it('selects a day, a month, everything loaded, and counts what is selected', () => {
    const store = timeline();
    const march = store.months[0]?.data;
    if (!march) throw new Error('not loaded');
    const day = dayAssets(march, 1);
    expect(day.length).toBe((march.dayStarts[2] ?? 0) - (march.dayStarts[1] ?? 0));
    expect(monthAssets(march)).toHaveLength(300);
    expect(loadedAssets(store)).toHaveLength(600);
    const selection = new SelectionStore();
    selection.setMany(day, true);
    expect(countSelected(march, 0, march.count, selection)).toBe(day.length);
    expect(countSelected(march, march.dayStarts[1] ?? 0, march.dayStarts[2] ?? 0, selection)).toBe(
      day.length,
    );
    // Kept per selection version, and recounted after a change.
    selection.toggle(selectedAssetOf(march, 0), true);
    expect(countSelected(march, 0, march.count, selection)).toBe(day.length + 1);
    selection.clear();
    expect(countSelected(march, 0, march.count, selection)).toBe(0);
  });
});

describe('keyboard moves', () => {
  it('goes left and right in order, across months, and asks to load the next month', () => {
    const store = timeline();
    expect(moveFrom(store, { month: 0, index: 5 }, 'right')).toEqual({
      to: { month: 0, index: 6 },
    });
    expect(moveFrom(store, { month: 0, index: 299 }, 'right')).toEqual({
      to: { month: 1, index: 0 },
    });
    expect(moveFrom(store, { month: 1, index: 0 }, 'left')).toEqual({
      to: { month: 0, index: 299 },
    });
    expect(moveFrom(store, { month: 0, index: 0 }, 'left')).toBeNull();
    expect(moveFrom(store, { month: 1, index: 299 }, 'right')).toEqual({ load: 2 });
  });

  it('goes up and down to the nearest tile of the next row, across days and months', () => {
    const store = timeline();
    const march = store.months[0];
    const layout = march?.layout;
    if (!layout) throw new Error('not laid out');
    // Up from a tile of the second row: the tile of the first row whose centre is nearest.
    const centre = (i: number) => (layout.x[i] ?? 0) + (layout.w[i] ?? 0) / 2;
    const from = (layout.rowEnd[1] ?? 1) - 1;
    let nearest = 0;
    for (let i = 0; i < (layout.rowEnd[0] ?? 0); i++) {
      if (Math.abs(centre(i) - centre(from)) < Math.abs(centre(nearest) - centre(from)))
        nearest = i;
    }
    expect(moveFrom(store, { month: 0, index: from }, 'up')).toEqual({
      to: { month: 0, index: nearest },
    });
    // Down from the first row lands in the second.
    const down = moveFrom(store, { month: 0, index: 0 }, 'down');
    if (!down || !('to' in down)) throw new Error('expected a move');
    expect(layout.rowOf[down.to.index]).toBe(1);
    // Down from the last row of March lands in the first row of February.
    const last = layout.rowStart[layout.rowCount - 1] ?? 0;
    const intoFebruary = moveFrom(store, { month: 0, index: last }, 'down');
    if (!intoFebruary || !('to' in intoFebruary)) throw new Error('expected a move');
    expect(intoFebruary.to.month).toBe(1);
    expect(store.months[1]?.layout?.rowOf[intoFebruary.to.index]).toBe(0);
    expect(moveFrom(store, { month: 0, index: 0 }, 'up')).toBeNull();
    // Home and end stay in the row.
    expect(layout.rowEnd[0]).toBeGreaterThan(2);
    expect(moveFrom(store, { month: 0, index: 1 }, 'home')).toEqual({ to: { month: 0, index: 0 } });
    expect(moveFrom(store, { month: 0, index: 0 }, 'end')).toEqual({
      to: { month: 0, index: (layout.rowEnd[0] ?? 0) - 1 },
    });
  });
});
