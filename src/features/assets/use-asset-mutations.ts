// Mutation hooks for the asset writes. None is optimistic (only the favourite toggle is): each
// returns the invalidation from onSuccess, so the caller stays pending until the grid, the
// viewer and the statistics are fresh (STYLE.md, Mutations).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  deleteAssets,
  replaceAsset,
  runAssetJobs,
  updateAsset,
  updateAssets,
  uploadAsset,
} from '@/api/assets';
import type { UploadOptions } from '@/api/upload';
import { assetQueries, invalidateAssets } from './asset-queries';

type Args<F extends (...args: never[]) => unknown> = Parameters<F>[0];

/** PUT /assets/{id}: the answer replaces the cached asset, then everything asset-derived refreshes. */
export function useUpdateAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'update'],
    mutationFn: (args: Args<typeof updateAsset>) => updateAsset(args),
    onSuccess: (asset) => {
      client.setQueryData(assetQueries.detail(asset.id).queryKey, asset);
      return invalidateAssets(client);
    },
  });
}

/** PUT /assets: bulk edit (favourite, archive, date, location, rating, description). */
export function useUpdateAssets() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'update-many'],
    mutationFn: (args: Args<typeof updateAssets>) => updateAssets(args),
    onSuccess: () => invalidateAssets(client),
  });
}

/** DELETE /assets: to the trash, or for good with `force` (their details are dropped from the cache). */
export function useDeleteAssets() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'delete'],
    mutationFn: (args: Args<typeof deleteAssets>) => deleteAssets(args),
    onSuccess: (_nothing, { assetBulkDeleteDto: { ids, force } }) => {
      if (force) {
        for (const id of ids) client.removeQueries({ queryKey: assetQueries.detail(id).queryKey });
      }
      return invalidateAssets(client);
    },
  });
}

export interface UploadVars extends UploadOptions {
  args: Args<typeof uploadAsset>;
  /**
   * false: do not refresh after this file. A batch passes false for each file and calls
   * `invalidateAssets` once at the end, so the grid refetches once per batch.
   */
  invalidate?: boolean;
}

/** POST /assets: one file, with progress and cancellation through the variables. */
export function useUploadAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'upload'],
    mutationFn: ({ args, signal, onProgress }: UploadVars) =>
      uploadAsset(args, { signal, onProgress }),
    onSuccess: (_result, { invalidate = true }) =>
      invalidate ? invalidateAssets(client) : undefined,
  });
}

export interface ReplaceVars extends UploadOptions {
  args: Args<typeof replaceAsset>;
}

/** PUT /assets/{id}/original: a new file for an asset (the old one goes to the trash). */
export function useReplaceAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'replace'],
    mutationFn: ({ args, signal, onProgress }: ReplaceVars) =>
      replaceAsset(args, { signal, onProgress }),
    onSuccess: () => invalidateAssets(client),
  });
}

/** POST /assets/jobs: regenerate thumbnails, refresh metadata, transcode. */
export function useRunAssetJobs() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'jobs'],
    mutationFn: (args: Args<typeof runAssetJobs>) => runAssetJobs(args),
    // The jobs run in the background; what they change (thumbhash, EXIF) shows on the next fetch.
    onSuccess: (_nothing, { assetJobsDto: { assetIds } }) =>
      Promise.all(
        assetIds.map((id) =>
          client.invalidateQueries({ queryKey: assetQueries.detail(id).queryKey }),
        ),
      ).then(() => undefined),
  });
}
