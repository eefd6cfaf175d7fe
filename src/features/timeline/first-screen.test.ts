import { describe, expect, it } from 'vitest';
import { firstScreenAssets, tileImageUrl } from './first-screen';
import { geometryFor } from './layout/geometry';
import { MonthLayoutTask } from './layout/month-layout';
import type { PackedMonth } from './months/packed-month';

/** A month of `count` photos of one ratio, spread over days of `perDay` photos. */
function month(name: string, count: number, perDay = count, ratio = 1.5): PackedMonth {
  const dayStarts: number[] = [];
  for (let i = 0; i < count; i += perDay) dayStarts.push(i);
  dayStarts.push(count);
  return {
    timeBucket: `${name}-01`,
    count,
    ids: Array.from({ length: count }, (_, i) => `${name}/${i}`),
    thumbhashes: Array.from({ length: count }, (_, i) => (i % 2 ? `hash${i}` : '')),
    cities: Array.from({ length: count }, () => ''),
    ratio: new Float32Array(count).fill(ratio),
    localMs: new Float64Array(count),
    flags: new Uint8Array(count),
    duration: new Float32Array(count).fill(Number.NaN),
    dayKeys: new Int32Array(dayStarts.length - 1),
    dayStarts: Int32Array.from(dayStarts),
  };
}

describe('firstScreenAssets', () => {
  it('takes whole rows from the top down to the bottom of the viewport', () => {
    const m = month('2025-03', 200);
    const assets = firstScreenAssets([m], 1200, 700);
    const layout = new MonthLayoutTask(m, geometryFor(1200, 700)).runToEnd();
    const visibleRows = [...layout.rowTop.subarray(0, layout.rowCount)].filter((t) => t < 700);
    expect(visibleRows.length).toBeGreaterThan(1);
    expect(assets.length).toBe(layout.rowEnd[visibleRows.length - 1]);
    expect(assets.map((a) => a.id)).toEqual(m.ids.slice(0, assets.length));
    expect(assets[1]?.thumbhash).toBe('hash1');
  });

  it('goes on into the next months when the first is short, in the grid order', () => {
    const months = [month('2025-03', 2), month('2025-02', 3), month('2025-01', 500)];
    const ids = firstScreenAssets(months, 1200, 900).map((a) => a.id);
    expect(ids.slice(0, 5)).toEqual([
      '2025-03/0',
      '2025-03/1',
      '2025-02/0',
      '2025-02/1',
      '2025-02/2',
    ]);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.at(-1)?.startsWith('2025-01/')).toBe(true);
  });

  it('asks for more on a taller screen, never more than the cap, and nothing without months', () => {
    const months = [month('2025-03', 1000, 7)];
    const short = firstScreenAssets(months, 1200, 400).length;
    const tall = firstScreenAssets(months, 1200, 1400).length;
    expect(tall).toBeGreaterThan(short);
    expect(firstScreenAssets(months, 3000, 20_000)).toHaveLength(120);
    expect(firstScreenAssets([], 1200, 900)).toEqual([]);
  });

  it('uses the URL the tiles show', () => {
    expect(tileImageUrl('abc', '')).toBe('/api/assets/abc/thumbnail?size=thumbnail');
    expect(tileImageUrl('abc', 'h/+=')).toBe(
      '/api/assets/abc/thumbnail?size=thumbnail&c=h%2F%2B%3D',
    );
  });
});
