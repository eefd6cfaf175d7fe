import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateAsset } from '@/api/assets';
import { assetQueries, invalidateAssets, patchCachedAsset } from './asset-queries';

export interface FavoriteVars {
  id: string;
  isFavorite: boolean;
}

export const FAVORITE_MUTATION_KEY = [...assetQueries.all(), 'favorite'] as const;

/**
 * Favourite or unfavourite an asset, optimistically: every cached copy (detail, timeline bucket,
 * lists) changes at once; an error puts them back; quick toggles are sent one after the other and,
 * after the last, the asset queries are refetched once.
 */
export function useToggleFavorite() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: FAVORITE_MUTATION_KEY,
    // Toggles reach the server in the order they were made, so the last one wins.
    scope: { id: 'favorite' },
    mutationFn: ({ id, isFavorite }: FavoriteVars) =>
      updateAsset({ id, updateAssetDto: { isFavorite } }),
    onMutate: async ({ id, isFavorite }) => {
      // A refetch already on its way would overwrite the patch with the old value. First loads
      // (no data yet) are left running: the refetch after the toggle corrects them.
      await client.cancelQueries({
        queryKey: assetQueries.all(),
        predicate: (query) => query.state.data !== undefined,
      });
      return { rollback: patchCachedAsset(client, id, { isFavorite }) };
    },
    onError: (_error, _vars, context) => context?.rollback(),
    onSettled: () => {
      if (client.isMutating({ mutationKey: FAVORITE_MUTATION_KEY }) === 1) {
        return invalidateAssets(client);
      }
    },
    meta: { errorMessage: 'Could not change the favourite' },
  });
}
