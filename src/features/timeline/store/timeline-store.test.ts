import { describe, expect, it } from 'vitest';
import { TimelineStore } from './timeline-store';
import { createManualScheduler } from './slice-scheduler';
import { packBucket } from '../months/packed-month';
import { fakeMonth } from '../testing/bucket-factory';

/** A library of `months` months with `perMonth` assets each, newest first from March 2025. */
function buckets(months: number, perMonth: number | ((i: number) => number)) {
  return Array.from({ length: months }, (_, i) => {
    const date = new Date(Date.UTC(2025, 2 - i, 1));
    return {
      timeBucket: date.toISOString().slice(0, 10),
      count: typeof perMonth === 'number' ? perMonth : perMonth(i),
    };
  });
}

function load(store: TimelineStore, index: number) {
  const entry = store.months[index];
  if (!entry) throw new Error(`no month ${index}`);
  const year = Number(entry.timeBucket.slice(0, 4));
  const month = Number(entry.timeBucket.slice(5, 7));
  store.setMonthData(
    entry.timeBucket,
    packBucket(entry.timeBucket, fakeMonth(year, month, entry.count)),
  );
  return entry;
}

function setup(months = 24, perMonth: number | ((i: number) => number) = 300) {
  const scheduler = createManualScheduler();
  const store = new TimelineStore(scheduler);
  store.setViewport(1200, 900);
  store.setBuckets(buckets(months, perMonth));
  return { store, scheduler };
}

describe('TimelineStore', () => {
  it('gives every month an estimated height from its count before anything loads', () => {
    const { store } = setup(24, (i) => (i + 1) * 50);
    expect(store.months).toHaveLength(24);
    let top = 0;
    for (const entry of store.months) {
      expect(entry.top).toBe(top);
      expect(entry.height).toBeGreaterThan(0);
      top += entry.height;
    }
    expect(store.totalHeight).toBe(top);
    // More assets, taller month.
    expect(store.months[10]?.height).toBeGreaterThan(store.months[1]?.height ?? Infinity);
  });

  it('keeps the view still when a month above the viewport loads and changes height', () => {
    const { store } = setup();
    const target = store.months[5];
    if (!target) throw new Error('no month');
    store.setScroll(target.top + 100);
    const first = load(store, 0);
    const second = load(store, 1);
    expect(first.layout).not.toBeNull();
    expect(second.layout).not.toBeNull();
    // The month at the top of the viewport is still 100 px into view.
    expect(store.scrollTop).toBe(target.top + 100);
    expect(store.takeScrollCorrection()).toBe(target.top + 100);
    expect(store.takeScrollCorrection()).toBeNull();
  });

  it('does not move the view when a month below it loads', () => {
    const { store } = setup();
    store.setScroll(50);
    store.takeScrollCorrection();
    load(store, 3);
    expect(store.scrollTop).toBe(50);
    expect(store.takeScrollCorrection()).toBeNull();
  });

  it('keeps the position within the anchor month, proportionally, when the width changes', () => {
    const { store } = setup();
    for (let i = 0; i < 8; i++) load(store, i);
    const anchor = store.months[4];
    if (!anchor) throw new Error('no month');
    store.setScroll(anchor.top + anchor.height / 2);
    store.setViewport(700, 900);
    expect(anchor.layout).not.toBeNull();
    expect(store.scrollTop).toBeCloseTo(anchor.top + anchor.height / 2, -1);
  });

  it('lays a huge month out in slices and only then replaces its estimate', () => {
    const { store, scheduler } = setup(3, (i) => (i === 1 ? 50_000 : 100));
    const big = load(store, 1);
    expect(big.layout).toBeNull();
    expect(big.task).not.toBeNull();
    const slices = scheduler.flush(0);
    expect(slices).toBeGreaterThan(1);
    expect(big.layout).not.toBeNull();
    expect(big.height).toBe(big.layout?.height);
    expect(store.months[2]?.top).toBe(big.top + big.height);
  });

  it('keeps the layout when only flags change (an optimistic favorite)', () => {
    const { store } = setup();
    const entry = load(store, 0);
    const layout = entry.layout;
    const data = entry.data;
    if (!data) throw new Error('not loaded');
    const flags = new Uint8Array(data.flags);
    flags[0] = (flags[0] ?? 0) | 1;
    store.setMonthData(entry.timeBucket, { ...data, flags });
    expect(entry.layout).toBe(layout);
    expect(entry.data?.flags[0]).toBe(flags[0]);
  });

  it('keeps showing a big month while its new data is laid out, then swaps both', () => {
    const { store, scheduler } = setup(3, (i) => (i === 1 ? 20_000 : 100));
    const big = load(store, 1);
    scheduler.flush();
    const shown = { data: big.data, layout: big.layout, height: big.height };
    const next = packBucket(big.timeBucket, fakeMonth(2025, 1, 20_001));
    store.setMonthData(big.timeBucket, next);
    expect(big.data).toBe(shown.data);
    expect(big.layout).toBe(shown.layout);
    expect(big.height).toBe(shown.height);
    scheduler.flush();
    expect(big.data).toBe(next);
    expect(big.layout).not.toBe(shown.layout);
    expect(big.layout?.x.length).toBe(20_001);
  });

  it('finds months in a range and assets by id', () => {
    const { store } = setup();
    const m3 = store.months[3];
    if (!m3) throw new Error('no month');
    expect(store.monthsInRange(m3.top, m3.top + 1)).toEqual([3, 4]);
    expect(store.monthIndexAt(m3.top + m3.height - 1)).toBe(3);
    expect(store.monthIndexAt(store.totalHeight + 1000)).toBe(23);
    const entry = load(store, 3);
    const id = entry.data?.ids[7] ?? '';
    expect(store.findAsset(id)).toEqual({ month: 3, index: 7 });
    const rect = store.assetRect({ month: 3, index: 7 });
    expect(rect?.top).toBeGreaterThan(entry.top);
  });

  it('keeps loaded months when the bucket list is refreshed, and drops removed ones', () => {
    const { store } = setup(6);
    const kept = load(store, 2);
    const list = buckets(6, 300).filter((_, i) => i !== 0);
    store.setBuckets(list);
    expect(store.months).toHaveLength(5);
    expect(store.months[1]).toBe(kept);
    expect(kept.layout).not.toBeNull();
    expect(store.monthByKey(buckets(6, 300)[0]?.timeBucket ?? '')).toBeUndefined();
  });

  it('clamps a scroll request to the content', () => {
    const { store } = setup(4);
    store.scrollTo(-50);
    expect(store.takeScrollCorrection()).toBe(0);
    store.scrollTo(1e9);
    expect(store.takeScrollCorrection()).toBe(store.totalHeight - 900);
  });

  it('pauses new images while the user scrolls fast', () => {
    const { store } = setup();
    store.setScroll(0, 1000);
    store.setScroll(100, 1100);
    expect(store.imagesPaused).toBe(false);
    store.setScroll(5000, 1116);
    expect(store.imagesPaused).toBe(true);
  });
});
