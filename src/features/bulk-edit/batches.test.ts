import { describe, expect, it } from 'vitest';
import { chunk, PartialBatchError, runInBatches, type BatchProgress } from './batches';
import { toIsoWithOffset, formatOffset } from './date-time';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);

describe('chunk', () => {
  it('splits in order, the last part shorter', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
  it('refuses a size below one', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('runInBatches', () => {
  it('sends 10,000 ids as ten requests of 1,000 and reports progress after each', async () => {
    const sent: string[][] = [];
    const progress: BatchProgress[] = [];
    const all = ids(10_000);
    await runInBatches(all, (batch) => Promise.resolve(sent.push(batch)), {
      onProgress: (p) => progress.push(p),
    });
    expect(sent).toHaveLength(10);
    expect(sent.every((b) => b.length === 1000)).toBe(true);
    expect(sent.flat()).toEqual(all);
    expect(progress.map((p) => p.done)).toEqual([
      0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000,
    ]);
    expect(progress.every((p) => p.total === 10_000)).toBe(true);
  });

  it('stops at the failing part and names what was applied and what was not', async () => {
    const all = ids(25);
    const sent: string[][] = [];
    const error = await runInBatches(
      all,
      (batch) => {
        if (sent.length === 2) return Promise.reject(new Error('Server said no'));
        sent.push(batch);
        return Promise.resolve();
      },
      { size: 10 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialBatchError);
    const partial = error as PartialBatchError;
    expect(partial.applied).toEqual(all.slice(0, 20));
    expect(partial.notApplied).toEqual(all.slice(20));
    expect(partial.message).toBe('Server said no — 20 of 25 were changed; the other 5 were not.');
    expect((partial.cause as Error).message).toBe('Server said no');
    // Nothing after the failure was sent.
    expect(sent.flat()).toEqual(all.slice(0, 20));
  });

  it("keeps the server's message alone when the first part fails", async () => {
    const error = await runInBatches(ids(3), () => Promise.reject(new Error('Bad request')), {
      size: 2,
    }).catch((e: unknown) => e);
    expect((error as PartialBatchError).message).toBe('Bad request');
    expect((error as PartialBatchError).applied).toEqual([]);
  });

  it('sends nothing once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(
      runInBatches(ids(5), () => Promise.resolve(calls++), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(PartialBatchError);
    expect(calls).toBe(0);
  });
});

describe('toIsoWithOffset', () => {
  it('adds seconds and the offset', () => {
    expect(toIsoWithOffset('2025-03-14T10:32', 120)).toBe('2025-03-14T10:32:00.000+02:00');
    expect(toIsoWithOffset('2025-03-14T10:32:05', -330)).toBe('2025-03-14T10:32:05.000-05:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
  it('refuses what is not a real date and time', () => {
    expect(toIsoWithOffset('', 0)).toBeNull();
    expect(toIsoWithOffset('2025-02-30T10:00', 0)).toBeNull();
    expect(toIsoWithOffset('2025-03-14T25:00', 0)).toBeNull();
  });
});
