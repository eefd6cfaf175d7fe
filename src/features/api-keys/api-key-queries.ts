import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createApiKey } from '@/api/api-keys';

export const apiKeyQueries = {
  /** The user's API keys (no list query yet; creating one invalidates this root). */
  all: () => ['api-keys'] as const,
};

/** POST /api-keys: the answer's `secret` is shown once; keep it out of any cache. */
export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...apiKeyQueries.all(), 'create'],
    mutationFn: (args: Parameters<typeof createApiKey>[0]) => createApiKey(args),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeyQueries.all() }),
  });
}
