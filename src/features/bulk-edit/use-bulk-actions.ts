// The bulk actions' mutations. Each sends its ids in batches (batches.ts), reports progress,
// and ends with one invalidation of ['assets'] so the grid, the statistics and open viewers
// refresh without a reload. Favourite and archive are optimistic and roll back on failure.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteAssets, runAssetJobs, updateAssets } from '@/api/assets';
import { restoreAssets } from '@/api/trash';
import type { AssetBulkUpdateDto, AssetJobName } from '@/api/types';
import { assetQueries, invalidateAssets, type AssetPatch } from '@/features/assets/asset-queries';
import { runInBatches, type BatchProgress } from './batches';
import { patchCachedAssets } from './optimistic';

export type BulkUpdate = Omit<AssetBulkUpdateDto, 'ids'>;

export type BulkAction =
  | { kind: 'update'; ids: string[]; update: BulkUpdate; label: string }
  | { kind: 'trash'; ids: string[] }
  | { kind: 'delete'; ids: string[] }
  | { kind: 'restore'; ids: string[] }
  | { kind: 'job'; ids: string[]; name: AssetJobName; label: string };

/** The part of an update shown at once in the cached views. */
export function optimisticPatch(update: BulkUpdate): AssetPatch | null {
  const patch: AssetPatch = {};
  if (update.isFavorite !== undefined) patch.isFavorite = update.isFavorite;
  if (update.visibility !== undefined) patch.visibility = update.visibility;
  return Object.keys(patch).length ? patch : null;
}

/** Sends one action for all its ids, in batches. */
export function sendAction(
  action: BulkAction,
  onProgress?: (progress: BatchProgress) => void,
  size?: number,
): Promise<void> {
  const send = (batch: string[]): Promise<unknown> => {
    switch (action.kind) {
      case 'update':
        return updateAssets({ assetBulkUpdateDto: { ...action.update, ids: batch } });
      case 'trash':
        return deleteAssets({ assetBulkDeleteDto: { ids: batch } });
      case 'delete':
        return deleteAssets({ assetBulkDeleteDto: { ids: batch, force: true } });
      case 'restore':
        return restoreAssets({ bulkIdsDto: { ids: batch } });
      case 'job':
        return runAssetJobs({ assetJobsDto: { assetIds: batch, name: action.name } });
    }
  };
  return runInBatches(action.ids, send, { onProgress, size });
}

export interface BulkProgress extends BatchProgress {
  label: string;
}

/**
 * Runs bulk actions one at a time. `progress` is set while one runs (for the progress bar).
 * Failures toast the server's message (with what was applied, when part was) through the
 * mutation cache's error toast.
 */
export function useBulkAction() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const mutation = useMutation({
    mutationKey: [...assetQueries.all(), 'bulk'],
    mutationFn: ({ action, label }: { action: BulkAction; label: string }) =>
      sendAction(action, (p) => setProgress({ ...p, label })),
    onMutate: async ({ action }) => {
      const patch = action.kind === 'update' ? optimisticPatch(action.update) : null;
      if (!patch) return { rollback: null };
      await client.cancelQueries({ queryKey: assetQueries.all() });
      return { rollback: patchCachedAssets(client, action.ids, patch) };
    },
    onError: (_error, _vars, context) => {
      // Put back the cache as it was; the refetch below then shows what the server kept
      // (the parts that were applied before the failure).
      context?.rollback?.();
    },
    onSettled: async (_data, _error, { action }) => {
      setProgress(null);
      if (action.kind === 'delete') {
        for (const id of action.ids)
          client.removeQueries({ queryKey: assetQueries.detail(id).queryKey, exact: true });
      }
      await invalidateAssets(client);
    },
  });
  return { ...mutation, progress };
}
