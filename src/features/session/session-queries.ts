import { queryOptions } from '@tanstack/react-query';
import { getServerConfig } from '@/api/server';
import { getMyUser } from '@/api/users';

/** Who is signed in, and whether the server has been set up (its first admin exists). */
export const sessionQueries = {
  all: () => ['session'] as const,
  /** GET /users/me. A 401 means "not signed in": it is not retried. */
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'],
      queryFn: ({ signal }) => getMyUser(signal),
      staleTime: 5 * 60_000,
      retry: false,
    }),
  /** GET /server/config: public; `isInitialized` is false until the admin signs up. */
  serverConfig: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'server-config'],
      queryFn: ({ signal }) => getServerConfig(signal),
      staleTime: 60_000,
      retry: false,
    }),
};
