// The trash's writes. Each changes what the timeline, the trash view and the statistics show.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { emptyTrash, restoreAssets, restoreTrash } from '@/api/trash';
import { assetQueries, invalidateAssets } from './asset-queries';

/** POST /trash/restore/assets: takes the chosen assets out of the trash. */
export function useRestoreAssets() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'restore'],
    mutationFn: (args: Parameters<typeof restoreAssets>[0]) => restoreAssets(args),
    onSuccess: () => invalidateAssets(client),
  });
}

/** POST /trash/restore: takes everything out of the trash. */
export function useRestoreTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'restore-all'],
    mutationFn: () => restoreTrash(),
    onSuccess: () => invalidateAssets(client),
  });
}

/** POST /trash/empty: deletes everything in the trash for good. */
export function useEmptyTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...assetQueries.all(), 'empty-trash'],
    mutationFn: () => emptyTrash(),
    onSuccess: () => {
      // The deleted assets' details cannot be fetched again: drop the trashed ones.
      client.removeQueries({
        queryKey: [...assetQueries.all(), 'detail'],
        predicate: (query) =>
          (query.state.data as { isTrashed?: boolean } | undefined)?.isTrashed === true,
      });
      return invalidateAssets(client);
    },
  });
}
