import { queryOptions } from '@tanstack/react-query';
import { getServerConfig } from '@/api/server';

/**
 * What the sign-in pages ask before anyone is signed in. The current user is
 * authQueries.me() (features/auth).
 */
export const sessionQueries = {
  /**
   * GET /server/config: public; `isInitialized` is false until the admin signs up. Same key and
   * function as serverQueries.config() (features/server), which ESLint's "never import server/"
   * pattern keeps the app from importing, so both share one cache entry. Not retried: a server
   * that does not answer gets the unreachable notice at once.
   */
  serverConfig: () =>
    queryOptions({
      queryKey: ['server', 'config'] as const,
      queryFn: ({ signal }) => getServerConfig(signal),
      retry: false,
    }),
};
