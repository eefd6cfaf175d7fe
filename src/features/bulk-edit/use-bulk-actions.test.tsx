// The bulk action hook against the real local server: optimistic favourite, rollback on a
// refused batch, and the partial-failure message.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { getAssetInfo } from '@/api/assets';
import { assetQueries } from '@/features/assets/asset-queries';
import { onMutationError } from '@/lib/query-client';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { seedAsset } from '@/testing/seed';
import { PartialBatchError } from './batches';
import { sendAction, useBulkAction } from './use-bulk-actions';

beforeAll(async () => {
  await createTestSession('bulk-edit');
});

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('useBulkAction', () => {
  it('favourites the selection at once in the cache, saves it, then refetches', async () => {
    const client = createTestQueryClient();
    const a = await seedAsset({ takenAt: '2017-01-10T09:00:00.000Z' });
    const b = await seedAsset({ takenAt: '2017-01-11T09:00:00.000Z' });
    const { result } = renderHook(
      () => ({
        bulk: useBulkAction(),
        a: useQuery(assetQueries.detail(a.id)),
        b: useQuery(assetQueries.detail(b.id)),
      }),
      { wrapper: queryWrapper(client) },
    );
    await waitFor(() => expect(result.current.b.data?.isFavorite).toBe(false));
    const seen: boolean[] = [];
    const stop = client.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        (event.query.queryKey as readonly unknown[])[2] === a.id &&
        event.action.type === 'success'
      )
        seen.push((event.query.state.data as { isFavorite: boolean }).isFavorite);
    });
    act(() =>
      result.current.bulk.mutate({
        action: { kind: 'update', ids: [a.id, b.id], update: { isFavorite: true }, label: 'Fav' },
        label: 'Fav',
      }),
    );
    await waitFor(() => expect(result.current.bulk.isSuccess).toBe(true));
    expect(seen[0]).toBe(true);
    expect(result.current.a.data?.isFavorite).toBe(true);
    expect((await getAssetInfo({ id: b.id })).isFavorite).toBe(true);
    stop();
  });

  it("rolls every copy back and surfaces the server's message when the update is refused", async () => {
    const client = createTestQueryClient();
    const a = await seedAsset({ takenAt: '2017-02-10T09:00:00.000Z' });
    const heard: string[] = [];
    const stopListening = onMutationError((error) => heard.push(error.message));
    const { result } = renderHook(
      () => ({ bulk: useBulkAction(), a: useQuery(assetQueries.detail(a.id)) }),
      { wrapper: queryWrapper(client) },
    );
    await waitFor(() => expect(result.current.a.data?.isFavorite).toBe(false));
    const seen: boolean[] = [];
    const stop = client.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        (event.query.queryKey as readonly unknown[])[2] === a.id &&
        event.action.type === 'success'
      )
        seen.push((event.query.state.data as { isFavorite: boolean }).isFavorite);
    });
    // An id the server does not know makes it refuse the whole request.
    act(() =>
      result.current.bulk.mutate({
        action: {
          kind: 'update',
          ids: [a.id, MISSING],
          update: { isFavorite: true },
          label: 'Fav',
        },
        label: 'Fav',
      }),
    );
    await waitFor(() => expect(result.current.bulk.isError).toBe(true));
    expect(seen.slice(0, 2)).toEqual([true, false]);
    await waitFor(() => expect(result.current.a.data?.isFavorite).toBe(false));
    expect((await getAssetInfo({ id: a.id })).isFavorite).toBe(false);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/\S/);
    expect(heard[0]).toBe(result.current.bulk.error?.message);
    stopListening();
    stop();
  });

  it('says which part was applied when a later batch fails', async () => {
    const a = await seedAsset({ takenAt: '2017-03-10T09:00:00.000Z' });
    const b = await seedAsset({ takenAt: '2017-03-11T09:00:00.000Z' });
    const error = await sendAction(
      { kind: 'update', ids: [a.id, b.id, MISSING], update: { rating: 4 }, label: 'Rate' },
      undefined,
      2,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialBatchError);
    expect((error as PartialBatchError).applied).toEqual([a.id, b.id]);
    expect((error as PartialBatchError).message).toMatch(
      /2 of 3 were changed; the other 1 were not\.$/,
    );
    expect((await getAssetInfo({ id: a.id })).exifInfo?.rating).toBe(4);
  });
});
