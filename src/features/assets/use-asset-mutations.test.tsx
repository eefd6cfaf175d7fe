// The asset mutation hooks against the real local server: each write leaves the grid (timeline
// buckets), the viewer (detail) and the statistics fresh by the time it resolves.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { deleteAssets } from '@/api/assets';
import { isApiError } from '@/api/client';
import { AssetJobName, type TimeBucketsResponseDto } from '@/api/types';
import { createTestSession } from '@/testing/api-session';
import { makePngFile } from '@/testing/images';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { seedAsset } from '@/testing/seed';
import { assetQueries, patchAssetData, patchCachedAsset } from './asset-queries';
import {
  useDeleteAssets,
  useReplaceAsset,
  useRunAssetJobs,
  useUpdateAsset,
  useUpdateAssets,
  useUploadAsset,
} from './use-asset-mutations';
import { useEmptyTrash, useRestoreAssets, useRestoreTrash } from './use-trash-mutations';

beforeAll(async () => {
  await createTestSession('mutations');
});

const stats = assetQueries.statistics().queryKey;
const trash = assetQueries.statistics({ isTrashed: true }).queryKey;
const favourites = assetQueries.statistics({ isFavorite: true }).queryKey;

const countIn = (buckets: TimeBucketsResponseDto[] | undefined, month: string) =>
  buckets?.find((bucket) => bucket.timeBucket === month)?.count ?? 0;

/** Renders a mutation hook beside the asset queries the screens show. */
function renderWithViews<T>(client: QueryClient, useMutationHook: () => T, detailId?: string) {
  return renderHook(
    () => ({
      mutation: useMutationHook(),
      stats: useQuery(assetQueries.statistics()),
      trashStats: useQuery(assetQueries.statistics({ isTrashed: true })),
      buckets: useQuery(assetQueries.buckets()),
      detail: useQuery({ ...assetQueries.detail(detailId ?? ''), enabled: !!detailId }),
    }),
    { wrapper: queryWrapper(client) },
  );
}

describe('upload', () => {
  it('useUploadAsset: the new month is counted when the upload resolves', async () => {
    const client = createTestQueryClient();
    const { result } = renderWithViews(client, useUploadAsset);
    await waitFor(() => expect(result.current.buckets.data).toBeDefined());
    const before = countIn(result.current.buckets.data, '2015-01-01');
    const progress: number[] = [];
    await act(() =>
      result.current.mutation.mutateAsync({
        args: {
          assetMediaCreateDto: {
            assetData: makePngFile(),
            deviceAssetId: 'hook-upload',
            deviceId: 'lightbox-tests',
            fileCreatedAt: '2015-01-20T10:00:00.000Z',
            fileModifiedAt: '2015-01-20T10:00:00.000Z',
          },
        },
        onProgress: (p) => progress.push(p.fraction ?? 0),
      }),
    );
    // mutateAsync waited for the invalidation: the grid's data is already fresh.
    expect(countIn(client.getQueryData(assetQueries.buckets().queryKey), '2015-01-01')).toBe(
      before + 1,
    );
    expect(progress.at(-1)).toBe(1);
  });

  it('useUploadAsset with invalidate: false leaves the refresh to the end of the batch', async () => {
    const client = createTestQueryClient();
    const { result } = renderWithViews(client, useUploadAsset);
    await waitFor(() => expect(result.current.buckets.data).toBeDefined());
    const before = countIn(result.current.buckets.data, '2015-02-01');
    await act(() =>
      result.current.mutation.mutateAsync({
        args: {
          assetMediaCreateDto: {
            assetData: makePngFile(),
            deviceAssetId: 'hook-upload-batch',
            deviceId: 'lightbox-tests',
            fileCreatedAt: '2015-02-20T10:00:00.000Z',
            fileModifiedAt: '2015-02-20T10:00:00.000Z',
          },
        },
        invalidate: false,
      }),
    );
    expect(countIn(client.getQueryData(assetQueries.buckets().queryKey), '2015-02-01')).toBe(
      before,
    );
    expect(client.getQueryState(assetQueries.buckets().queryKey)?.isInvalidated).toBe(false);
  });

  it('useReplaceAsset refreshes the replaced asset', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset();
    const { result } = renderWithViews(client, useReplaceAsset, asset.id);
    await waitFor(() => expect(result.current.detail.data?.id).toBe(asset.id));
    await act(() =>
      result.current.mutation.mutateAsync({
        args: {
          id: asset.id,
          assetMediaReplaceDto: {
            assetData: makePngFile('the-new-one.png'),
            deviceAssetId: 'replaced-by-hook',
            deviceId: 'lightbox-tests',
            fileCreatedAt: new Date().toISOString(),
            fileModifiedAt: new Date().toISOString(),
          },
        },
      }),
    );
    expect(client.getQueryData(assetQueries.detail(asset.id).queryKey)?.originalFileName).toBe(
      'the-new-one.png',
    );
  });
});

describe('edits and deletes', () => {
  it('useUpdateAsset puts the answer in the cache and refreshes the rest', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset();
    const { result } = renderWithViews(client, useUpdateAsset, asset.id);
    await waitFor(() => expect(result.current.detail.data?.id).toBe(asset.id));
    await act(() =>
      result.current.mutation.mutateAsync({
        id: asset.id,
        updateAssetDto: { description: 'edited' },
      }),
    );
    expect(client.getQueryData(assetQueries.detail(asset.id).queryKey)?.exifInfo?.description).toBe(
      'edited',
    );
  });

  it('useUpdateAssets: the statistics count the new favourites when it resolves', async () => {
    const client = createTestQueryClient();
    const [a, b] = await Promise.all([seedAsset(), seedAsset()]);
    const { result } = renderHook(
      () => ({
        mutation: useUpdateAssets(),
        favourites: useQuery(assetQueries.statistics({ isFavorite: true })),
      }),
      { wrapper: queryWrapper(client) },
    );
    await waitFor(() => expect(result.current.favourites.data).toBeDefined());
    const before = result.current.favourites.data?.images ?? 0;
    await act(() =>
      result.current.mutation.mutateAsync({
        assetBulkUpdateDto: { ids: [a.id, b.id], isFavorite: true },
      }),
    );
    expect(client.getQueryData(favourites)?.images).toBe(before + 2);
  });

  it('useDeleteAssets: trash then delete for good; the statistics follow', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset();
    const { result } = renderWithViews(client, useDeleteAssets, asset.id);
    await waitFor(() => {
      expect(result.current.stats.data).toBeDefined();
      expect(result.current.trashStats.data).toBeDefined();
      expect(result.current.detail.data?.id).toBe(asset.id);
    });
    const images = result.current.stats.data?.images ?? 0;
    const trashed = result.current.trashStats.data?.images ?? 0;

    await act(() =>
      result.current.mutation.mutateAsync({ assetBulkDeleteDto: { ids: [asset.id] } }),
    );
    expect(client.getQueryData(stats)?.images).toBe(images - 1);
    expect(client.getQueryData(trash)?.images).toBe(trashed + 1);
    expect(client.getQueryData(assetQueries.detail(asset.id).queryKey)?.isTrashed).toBe(true);

    await act(() =>
      result.current.mutation.mutateAsync({ assetBulkDeleteDto: { ids: [asset.id], force: true } }),
    );
    expect(client.getQueryData(trash)?.images).toBe(trashed);
    expect(client.getQueryData(assetQueries.detail(asset.id).queryKey)).toBeUndefined();
  });

  it('a refused write rejects with the server’s ApiError and refreshes nothing', async () => {
    const client = createTestQueryClient();
    const { result } = renderWithViews(client, useDeleteAssets);
    await waitFor(() => expect(result.current.stats.data).toBeDefined());
    const updatedAt = client.getQueryState(assetQueries.statistics().queryKey)?.dataUpdatedAt;
    const error = await act(() =>
      result.current.mutation
        .mutateAsync({ assetBulkDeleteDto: { ids: ['00000000-0000-4000-8000-000000000000'] } })
        .then(
          () => undefined,
          (e: unknown) => e,
        ),
    );
    expect(isApiError(error) && error.status).toBe(400);
    expect(client.getQueryState(assetQueries.statistics().queryKey)?.dataUpdatedAt).toBe(updatedAt);
  });

  it('useRunAssetJobs refreshes the assets it ran on', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset();
    const { result } = renderWithViews(client, useRunAssetJobs, asset.id);
    await waitFor(() => expect(result.current.detail.data?.id).toBe(asset.id));
    const updatedAt =
      client.getQueryState(assetQueries.detail(asset.id).queryKey)?.dataUpdatedAt ?? 0;
    await act(() =>
      result.current.mutation.mutateAsync({
        assetJobsDto: { assetIds: [asset.id], name: AssetJobName.RefreshMetadata },
      }),
    );
    expect(
      client.getQueryState(assetQueries.detail(asset.id).queryKey)?.dataUpdatedAt,
    ).toBeGreaterThan(updatedAt);
  });
});

describe('trash', () => {
  it('restore some, restore all, empty: the trash statistics follow each', async () => {
    const client = createTestQueryClient();
    const [a, b, c] = await Promise.all([seedAsset(), seedAsset(), seedAsset()]);
    await deleteAssets({ assetBulkDeleteDto: { ids: [a.id, b.id, c.id] } });
    const { result } = renderHook(
      () => ({
        restore: useRestoreAssets(),
        restoreAll: useRestoreTrash(),
        empty: useEmptyTrash(),
        trashStats: useQuery(assetQueries.statistics({ isTrashed: true })),
        detail: useQuery(assetQueries.detail(c.id)),
      }),
      { wrapper: queryWrapper(client) },
    );
    await waitFor(() => expect(result.current.trashStats.data?.images).toBeGreaterThanOrEqual(3));
    const trashed = result.current.trashStats.data?.images ?? 0;

    await act(() => result.current.restore.mutateAsync({ bulkIdsDto: { ids: [a.id] } }));
    expect(client.getQueryData(trash)?.images).toBe(trashed - 1);

    await act(() => result.current.restoreAll.mutateAsync());
    expect(client.getQueryData(trash)?.images).toBe(0);

    await deleteAssets({ assetBulkDeleteDto: { ids: [c.id] } });
    await waitFor(async () => {
      await client.refetchQueries({ queryKey: assetQueries.detail(c.id).queryKey });
      expect(result.current.detail.data?.isTrashed).toBe(true);
    });
    const emptied = await act(() => result.current.empty.mutateAsync());
    expect(emptied.count).toBeGreaterThanOrEqual(1);
    expect(client.getQueryData(trash)?.images).toBe(0);
  });
});

describe('patching cached shapes', () => {
  it('patches an asset, a list, a timeline bucket and a shared link, and leaves other shapes alone', async () => {
    const asset = await seedAsset();
    const client = createTestQueryClient();
    const detail = await client.fetchQuery(assetQueries.detail(asset.id));
    const bucket = {
      id: ['x', asset.id],
      isFavorite: [true, false],
      isTrashed: [false, false],
      visibility: ['timeline', 'timeline'],
    };
    expect(patchAssetData(detail, asset.id, { isFavorite: true })).toMatchObject({
      id: asset.id,
      isFavorite: true,
    });
    expect(patchAssetData(detail, 'other', { isFavorite: true })).toBe(detail);
    expect(patchAssetData([detail], asset.id, { isTrashed: true })).toMatchObject([
      { isTrashed: true },
    ]);
    expect(patchAssetData(bucket, asset.id, { isFavorite: true })).toMatchObject({
      isFavorite: [true, true],
    });
    expect(
      patchAssetData({ key: 'k', assets: [detail] }, asset.id, { isFavorite: true }),
    ).toMatchObject({
      assets: [{ isFavorite: true }],
    });
    const packed = { months: new Uint8Array(3) };
    expect(patchAssetData(packed, asset.id, { isFavorite: true })).toBe(packed);

    client.setQueryData(['assets', 'packed'], packed);
    const rollback = patchCachedAsset(client, asset.id, {
      isFavorite: true,
      visibility: 'archive' as never,
    });
    expect(
      client.getQueryData<typeof detail>(assetQueries.detail(asset.id).queryKey),
    ).toMatchObject({
      isFavorite: true,
      isArchived: true,
    });
    rollback();
    expect(client.getQueryData(assetQueries.detail(asset.id).queryKey)).toEqual(detail);
    expect(client.getQueryData(['assets', 'packed'])).toBe(packed);
  });
});
