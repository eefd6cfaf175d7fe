// Shared links: what a visitor opened with a key, and the owner's create/remove.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { createSharedLink, getMySharedLink, removeSharedLink } from '@/api/shared-links';

export const sharedLinkQueries = {
  /** The owner's links (no list query yet; mutations invalidate this root). */
  all: () => ['shared-links'] as const,

  /**
   * GET /shared-links/me for a visitor holding `key` (and the password of a protected link). Its
   * key sits under ['assets'] (the link carries assets), the same as the viewer's query.
   */
  me: (key: string, password?: string) =>
    queryOptions({
      queryKey: password
        ? (['assets', 'shared-link', key, { password }] as const)
        : (['assets', 'shared-link', key] as const),
      queryFn: ({ signal }) => getMySharedLink({ key, password }, signal),
    }),
};

/** POST /shared-links: share assets; the answer's `key` builds the link to hand out. */
export function useCreateSharedLink() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...sharedLinkQueries.all(), 'create'],
    mutationFn: (args: Parameters<typeof createSharedLink>[0]) => createSharedLink(args),
    onSuccess: () => client.invalidateQueries({ queryKey: sharedLinkQueries.all() }),
  });
}

/** DELETE /shared-links/{id}: stop sharing; any cached visitor view of it goes too. */
export function useRemoveSharedLink() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...sharedLinkQueries.all(), 'remove'],
    mutationFn: (args: Parameters<typeof removeSharedLink>[0]) => removeSharedLink(args),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['assets', 'shared-link'] });
      return client.invalidateQueries({ queryKey: sharedLinkQueries.all() });
    },
  });
}
