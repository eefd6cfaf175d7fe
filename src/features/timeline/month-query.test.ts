import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { createTestSession } from '@/testing/api-session';
import { seedAsset } from '@/testing/seed';
import { loadMonth } from './months/load-month';
import { monthQuery, timeBucketsQuery } from './month-query';
import { timelineViews } from './views';

// Against the real local test server: months come back sorted into days and packed; a
// month is fetched once; a fetch whose month left the screen is aborted.

const takenAt = [
  '2024-03-14T10:32:00.000Z',
  '2024-03-14T18:05:00.000Z',
  '2024-03-02T08:00:00.000Z',
  '2024-01-20T12:00:00.000Z',
];
let ids: string[] = [];

beforeAll(async () => {
  await createTestSession('timeline');
  ids = [];
  for (const [i, time] of takenAt.entries()) {
    const asset = await seedAsset({ name: `t-${i}.png`, takenAt: time, isFavorite: i === 1 });
    ids.push(asset.id);
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

describe('timeline queries', () => {
  it('lists the months, newest first, and packs a month into days, newest first', async () => {
    const qc = client();
    const buckets = await qc.fetchQuery(timeBucketsQuery(timelineViews.timeline));
    expect(buckets).toEqual([
      { timeBucket: '2024-03-01', count: 3 },
      { timeBucket: '2024-01-01', count: 1 },
    ]);
    const march = await loadMonth(timelineViews.timeline.filter, '2024-03-01', 'all', 3);
    expect(march.ids).toEqual([ids[1], ids[0], ids[2]]);
    expect(march.dayStarts).toEqual(Int32Array.from([0, 2, 3]));
    expect((march.flags[0] ?? 0) & 1).toBe(1);
    const favorites = await loadMonth(timelineViews.favorites.filter, '2024-03-01', 'all', 1);
    expect(favorites.ids).toEqual([ids[1]]);
    const videos = await loadMonth(timelineViews.videos.filter, '2024-03-01', 'videos', 3);
    expect(videos.count).toBe(0);
  });

  it('fetches a month once', async () => {
    const qc = client();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const query = monthQuery(timelineViews.timeline, '2024-03-01', 3);
    const first = await qc.fetchQuery(query);
    const again = await qc.fetchQuery(query);
    expect(again).toBe(first);
    const urlOf = (input: string | URL | Request) =>
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const monthRequests = fetchSpy.mock.calls.filter(([input]) =>
      urlOf(input).includes('/timeline/bucket?'),
    );
    expect(monthRequests).toHaveLength(1);
  });

  it('aborts the request of a month that leaves the screen before its answer', async () => {
    const qc = client();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    // A month on screen is a query with an observer; leaving the screen removes it.
    const observer = new QueryObserver(qc, monthQuery(timelineViews.timeline, '2024-01-01', 1));
    const unsubscribe = observer.subscribe(() => {});
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalled());
    unsubscribe();
    const init = fetchSpy.mock.calls[0]?.[1];
    expect(init?.signal?.aborted).toBe(true);
    // Nothing was cached: coming back fetches again.
    expect(qc.getQueryData(monthQuery(timelineViews.timeline, '2024-01-01', 1).queryKey)).toBe(
      undefined,
    );
  });

  it('rejects at once for an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      loadMonth(timelineViews.timeline.filter, '2024-03-01', 'all', 3, controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
