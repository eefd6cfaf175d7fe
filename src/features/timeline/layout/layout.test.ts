import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampRatio, justify, type RowSink } from './justify';
import { estimateMonthHeight, geometryFor, type Geometry } from './geometry';
import { MonthLayoutTask, daysInRange, rowsInRange, type MonthLayout } from './month-layout';

interface Row {
  top: number;
  height: number;
  start: number;
  end: number;
}

function collect(count: number): RowSink & { rows: Row[] } {
  const rows: Row[] = [];
  return {
    rows,
    x: new Float32Array(count),
    w: new Float32Array(count),
    rowOf: new Int32Array(count),
    addRow(top, height, start, end) {
      rows.push({ top, height, start, end });
      return rows.length - 1;
    },
  };
}

const ratioArb = fc.oneof(
  fc.constantFrom(4 / 3, 3 / 4, 16 / 9, 9 / 16, 1, 3 / 2, 2 / 3),
  fc.double({ min: 0.05, max: 12, noNaN: true }),
);

describe('justify', () => {
  it('fills every row but the last to the exact width, keeping aspect ratios', () => {
    fc.assert(
      fc.property(
        fc.array(ratioArb, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 200, max: 2600 }),
        fc.integer({ min: 80, max: 300 }),
        (ratios, width, target) => {
          const sink = collect(ratios.length);
          const options = { width, targetRowHeight: target, spacing: 4 };
          const { next, y } = justify(ratios, 0, ratios.length, 0, options, sink);
          expect(next).toBe(ratios.length);
          const { rows } = sink;
          // Rows cover every photo once, in order, one below the other.
          expect(rows[0]?.start).toBe(0);
          expect(rows[rows.length - 1]?.end).toBe(ratios.length);
          for (let r = 1; r < rows.length; r++) {
            expect(rows[r]?.start).toBe(rows[r - 1]?.end);
            expect(rows[r]?.top).toBe((rows[r - 1]?.top ?? 0) + (rows[r - 1]?.height ?? 0) + 4);
          }
          const lastRow = rows[rows.length - 1];
          expect(y).toBe((lastRow?.top ?? 0) + (lastRow?.height ?? 0) + 4);
          rows.forEach((row, r) => {
            const isLast = r === rows.length - 1;
            let left = 0;
            for (let i = row.start; i < row.end; i++) {
              const x = sink.x[i] ?? 0;
              const w = sink.w[i] ?? 0;
              expect(sink.rowOf[i]).toBe(r);
              // No overlap, the same gap between neighbours.
              if (i > row.start) expect(x).toBeGreaterThanOrEqual(left + 3);
              left = x + w;
              // Aspect ratio kept (to rounding and the clamp for panoramas and slivers).
              expect(Math.abs(w - clampRatio(ratios[i] ?? 1) * row.height)).toBeLessThan(
                2 + clampRatio(ratios[i] ?? 1) * 0.6,
              );
            }
            if (isLast && left !== width) {
              // A last row that does not fill up is not stretched: target height, ending
              // where its photos end.
              expect(row.height).toBe(target);
              expect(left).toBeLessThan(width);
            } else {
              expect(left).toBe(width);
            }
          });
        },
      ),
    );
  });

  it('keeps row heights near the target', () => {
    const ratios = Array.from({ length: 1000 }, (_, i) => [4 / 3, 3 / 4, 16 / 9, 1][i % 4] ?? 1);
    const sink = collect(ratios.length);
    justify(ratios, 0, ratios.length, 0, { width: 1200, targetRowHeight: 235, spacing: 4 }, sink);
    for (const row of sink.rows) {
      expect(row.height).toBeGreaterThan(235 * 0.7);
      expect(row.height).toBeLessThan(235 * 1.4);
    }
  });

  it('can stop at a row boundary and resume with the same result', () => {
    const ratios = Array.from({ length: 5000 }, (_, i) => 0.5 + ((i * 7919) % 100) / 50);
    const options = { width: 1000, targetRowHeight: 200, spacing: 2 };
    const whole = collect(ratios.length);
    justify(ratios, 0, ratios.length, 10, options, whole);
    const sliced = collect(ratios.length);
    let progress = { next: 0, y: 10 };
    let calls = 0;
    while (progress.next < ratios.length) {
      progress = justify(ratios, progress.next, ratios.length, progress.y, options, sliced, 300);
      calls++;
    }
    expect(calls).toBeGreaterThan(10);
    expect(sliced.rows).toEqual(whole.rows);
    expect(sliced.x).toEqual(whole.x);
    expect(sliced.w).toEqual(whole.w);
  });

  it('lays a single photo out at the target height', () => {
    const sink = collect(1);
    justify([1.5], 0, 1, 0, { width: 1000, targetRowHeight: 200, spacing: 4 }, sink);
    expect(sink.rows).toEqual([{ top: 0, height: 200, start: 0, end: 1 }]);
    expect(sink.w[0]).toBe(300);
  });
});

describe('geometryFor', () => {
  it('uses smaller rows on a phone and Immich-size rows on a desktop', () => {
    expect(geometryFor(1600, 1000).rowHeight).toBe(235);
    const phone = geometryFor(390, 844);
    expect(phone.rowHeight).toBeGreaterThanOrEqual(90);
    expect(phone.rowHeight).toBeLessThanOrEqual(150);
    // Short landscape viewports get shorter rows.
    expect(geometryFor(900, 300).rowHeight).toBeLessThanOrEqual(120);
  });
});

function monthInput(daySizes: number[], ratioOf: (i: number) => number) {
  const dayStarts = [0];
  for (const size of daySizes) dayStarts.push((dayStarts[dayStarts.length - 1] ?? 0) + size);
  const count = dayStarts[dayStarts.length - 1] ?? 0;
  return {
    ratio: Float32Array.from({ length: count }, (_, i) => ratioOf(i)),
    dayStarts: Int32Array.from(dayStarts),
  };
}

const desktop: Geometry = geometryFor(1200, 900);

describe('MonthLayoutTask', () => {
  it('puts each day under its header, one below the other', () => {
    const layout = new MonthLayoutTask(
      monthInput([3, 20, 1], () => 1.5),
      desktop,
    ).runToEnd();
    expect(layout.days).toHaveLength(3);
    const [a, b, c] = layout.days as [
      MonthLayout['days'][0],
      MonthLayout['days'][0],
      MonthLayout['days'][0],
    ];
    expect(a.top).toBe(desktop.monthHeaderHeight);
    expect(b.top).toBe(a.top + a.height);
    expect(c.top).toBe(b.top + b.height);
    expect(layout.height).toBe(c.top + c.height);
    for (const day of layout.days) {
      const firstRow = day.rowStart;
      expect(layout.rowTop[firstRow]).toBe(day.top + desktop.dayHeaderHeight);
      const lastRow = day.rowEnd - 1;
      expect(
        (layout.rowTop[lastRow] ?? 0) + (layout.rowHeight[lastRow] ?? 0) + desktop.dayGap,
      ).toBe(day.top + day.height);
    }
    // A day's last row is never stretched: the 3-photo day and 1-photo day are short rows.
    expect(layout.rowHeight[a.rowStart]).toBe(desktop.rowHeight);
    expect(layout.rowHeight[c.rowStart]).toBe(desktop.rowHeight);
  });

  it(
    'lays 50,000 photos out in slices, with the same result as in one go',
    { timeout: 30_000 },
    () => {
      const input = monthInput(
        Array.from({ length: 31 }, (_, d) => (d === 3 ? 20_000 : 1_000)).slice(0, 31),
        (i) => [4 / 3, 3 / 4, 16 / 9][i % 3] ?? 1,
      );
      const whole = new MonthLayoutTask(input, desktop).runToEnd();
      const task = new MonthLayoutTask(input, desktop);
      // A fake clock that advances 1 ms per reading: each step stops after a few slices.
      let clock = 0;
      let steps = 0;
      while (!task.step(4, () => clock++)) steps++;
      const result = task.result;
      if (!result) throw new Error('not done');
      expect(result.height).toBe(whole.height);
      expect(result.rowCount).toBe(whole.rowCount);
      // Typed arrays compared as bytes (an element-wise deep equal of 50,000 is slow).
      const same = (a: ArrayBufferView, b: ArrayBufferView) =>
        Buffer.compare(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
          Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        ) === 0;
      expect(same(result.rowTop, whole.rowTop)).toBe(true);
      expect(same(result.x, whole.x)).toBe(true);
      expect(same(result.w, whole.w)).toBe(true);
      expect(steps).toBeGreaterThan(5);
    },
  );

  it('re-flows on a width change', () => {
    const input = monthInput([40], () => 1.5);
    const wide = new MonthLayoutTask(input, geometryFor(1600, 900)).runToEnd();
    const narrow = new MonthLayoutTask(input, geometryFor(800, 900)).runToEnd();
    expect(narrow.height).toBeGreaterThan(wide.height);
    for (let i = 0; i < 40; i++)
      expect((narrow.x[i] ?? 0) + (narrow.w[i] ?? 0)).toBeLessThanOrEqual(800);
  });

  it('finds the days and rows in a range by binary search', () => {
    const layout = new MonthLayoutTask(
      monthInput([50, 50, 50], () => 1),
      desktop,
    ).runToEnd();
    const [first, last] = daysInRange(layout, 0, 1);
    expect([first, last]).toEqual([0, 0]);
    const day1 = layout.days[1];
    if (!day1) throw new Error('no second day');
    expect(daysInRange(layout, day1.top + 1, day1.top + 2)).toEqual([1, 2]);
    expect(daysInRange(layout, 0, layout.height)).toEqual([0, 3]);
    const [r0, r1] = rowsInRange(layout, day1, day1.top, day1.top + day1.height);
    expect([r0, r1]).toEqual([day1.rowStart, day1.rowEnd]);
    const mid = day1.rowStart + 2;
    const midTop = layout.rowTop[mid] ?? 0;
    expect(rowsInRange(layout, day1, midTop + 1, midTop + 2)).toEqual([mid, mid + 1]);
  });
});

describe('estimateMonthHeight', () => {
  it('is near the real height for photos spread over a month', () => {
    for (const count of [5, 40, 300, 3000]) {
      const days = Math.min(30, count);
      const sizes = Array.from(
        { length: days },
        (_, d) => Math.floor(count / days) + (d < count % days ? 1 : 0),
      );
      const layout = new MonthLayoutTask(
        monthInput(sizes, (i) => [4 / 3, 3 / 2, 16 / 9, 3 / 4][i % 4] ?? 1),
        desktop,
      ).runToEnd();
      const estimate = estimateMonthHeight(count, 30, desktop);
      expect(Math.abs(estimate - layout.height) / layout.height).toBeLessThan(0.35);
    }
    expect(estimateMonthHeight(0, 30, desktop)).toBe(0);
  });
});
