// The optimistic favourite toggle against the real local server.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { deleteAssets, getAssetInfo } from '@/api/assets';
import { isApiError } from '@/api/client';
import type { AssetResponseDto, TimeBucketAssetResponseDto } from '@/api/types';
import { onMutationError } from '@/lib/query-client';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { seedAsset } from '@/testing/seed';
import { assetQueries } from './asset-queries';
import { useToggleFavorite } from './use-toggle-favorite';

beforeAll(async () => {
  await createTestSession('favorite');
});

/** Every value the detail query's data took, with whether the toggle was still pending then. */
function recordDetail(client: QueryClient, id: string) {
  const seen: { isFavorite: boolean | undefined; pending: boolean }[] = [];
  const key = JSON.stringify(assetQueries.detail(id).queryKey);
  const stop = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || JSON.stringify(event.query.queryKey) !== key) return;
    if (event.action.type !== 'success') return;
    seen.push({
      isFavorite: (event.query.state.data as AssetResponseDto | undefined)?.isFavorite,
      pending: client.isMutating({ mutationKey: ['assets', 'favorite'] }) > 0,
    });
  });
  return { seen, stop };
}

/** Counts the fetches of one query. */
function countFetches(client: QueryClient, queryKey: readonly unknown[]) {
  const key = JSON.stringify(queryKey);
  let fetches = 0;
  const stop = client.getQueryCache().subscribe((event) => {
    if (
      event.type === 'updated' &&
      event.action.type === 'fetch' &&
      JSON.stringify(event.query.queryKey) === key
    ) {
      fetches++;
    }
  });
  return { count: () => fetches, stop };
}

function renderToggle(client: QueryClient, id: string, timeBucket: string) {
  return renderHook(
    () => ({
      toggle: useToggleFavorite(),
      detail: useQuery(assetQueries.detail(id)),
      bucket: useQuery(assetQueries.bucket(timeBucket)),
      favourites: useQuery(assetQueries.statistics({ isFavorite: true })),
    }),
    { wrapper: queryWrapper(client) },
  );
}

const bucketFavorite = (data: TimeBucketAssetResponseDto | undefined, id: string) =>
  data?.isFavorite[data.id.indexOf(id)];

describe('useToggleFavorite', () => {
  it('changes every cached copy at once, saves it, then refetches', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset({ takenAt: '2016-02-10T09:00:00.000Z' });
    const { result } = renderToggle(client, asset.id, '2016-02-01');
    await waitFor(() => {
      expect(result.current.detail.data?.isFavorite).toBe(false);
      expect(bucketFavorite(result.current.bucket.data, asset.id)).toBe(false);
      expect(result.current.favourites.data).toBeDefined();
    });
    const favouritesBefore = result.current.favourites.data?.images ?? 0;
    const recorded = recordDetail(client, asset.id);

    act(() => result.current.toggle.mutate({ id: asset.id, isFavorite: true }));
    // Optimistic: the cache said "favourite" while the request was still pending.
    await waitFor(() => expect(result.current.detail.data?.isFavorite).toBe(true));
    expect(recorded.seen[0]).toEqual({ isFavorite: true, pending: true });
    expect(
      bucketFavorite(client.getQueryData(assetQueries.bucket('2016-02-01').queryKey), asset.id),
    ).toBe(true);

    await waitFor(() => expect(result.current.toggle.isSuccess).toBe(true));
    // The refetch after the toggle brings the new statistics.
    await waitFor(() => expect(result.current.favourites.data?.images).toBe(favouritesBefore + 1));
    expect((await getAssetInfo({ id: asset.id })).isFavorite).toBe(true);
    expect(result.current.detail.data?.isFavorite).toBe(true);
    recorded.stop();
  });

  it('rolls back every copy when the server refuses (the asset was deleted meanwhile)', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset({ takenAt: '2016-03-10T09:00:00.000Z' });
    const heard: unknown[] = [];
    const stopListening = onMutationError((error, mutation) => heard.push([error, mutation.meta]));
    const { result } = renderToggle(client, asset.id, '2016-03-01');
    await waitFor(() => {
      expect(result.current.detail.data?.isFavorite).toBe(false);
      expect(bucketFavorite(result.current.bucket.data, asset.id)).toBe(false);
    });
    await deleteAssets({ assetBulkDeleteDto: { ids: [asset.id], force: true } });
    const recorded = recordDetail(client, asset.id);

    act(() => result.current.toggle.mutate({ id: asset.id, isFavorite: true }));
    await waitFor(() => expect(result.current.toggle.isError).toBe(true));

    expect(recorded.seen.map((s) => s.isFavorite)).toEqual([true, false]);
    expect(recorded.seen[0]?.pending).toBe(true);
    expect(result.current.detail.data?.isFavorite).toBe(false);
    expect(
      bucketFavorite(client.getQueryData(assetQueries.bucket('2016-03-01').queryKey), asset.id),
    ).not.toBe(true);

    const error = result.current.toggle.error;
    expect(isApiError(error) && error.status).toBe(400);
    expect(isApiError(error) && error.operation).toBe('updateAsset');
    expect(heard).toEqual([[error, { errorMessage: 'Could not change the favourite' }]]);
    stopListening();
    recorded.stop();
  });

  it('sends quick toggles in order and refetches once, after the last', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset({ takenAt: '2016-04-10T09:00:00.000Z' });
    const { result } = renderToggle(client, asset.id, '2016-04-01');
    await waitFor(() => expect(result.current.detail.data?.isFavorite).toBe(false));
    const fetches = countFetches(client, assetQueries.detail(asset.id).queryKey);

    act(() => {
      result.current.toggle.mutate({ id: asset.id, isFavorite: true });
      result.current.toggle.mutate({ id: asset.id, isFavorite: false });
      result.current.toggle.mutate({ id: asset.id, isFavorite: true });
    });
    await waitFor(() => expect(client.isMutating()).toBe(0));
    await waitFor(() => expect(result.current.detail.isFetching).toBe(false));
    expect(fetches.count()).toBe(1);
    expect(result.current.detail.data?.isFavorite).toBe(true);
    expect((await getAssetInfo({ id: asset.id })).isFavorite).toBe(true);
    fetches.stop();
  });
});
