// The session: who is signed in, and the writes that change it. Keys sit under ['session'], the
// root the shell clears on sign-out (src/app/session.ts); `me` is the same query as the shell's
// sessionQueries.me, so both share one cache entry.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { login, logout, signUpAdmin, validateAccessToken } from '@/api/auth';
import { getMyUser } from '@/api/users';

export const authQueries = {
  all: () => ['session'] as const,

  /** GET /users/me. A 401 means "not signed in": the retry policy never retries it. */
  me: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'me'] as const,
      queryFn: ({ signal }) => getMyUser(signal),
      staleTime: 5 * 60_000,
    }),

  /** POST /auth/validateToken: `{ authStatus: true }`, or a 401 when the session has ended. */
  validateToken: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'validate'] as const,
      queryFn: ({ signal }) => validateAccessToken(signal),
      staleTime: 0,
    }),
};

/**
 * POST /auth/login. On success any asset data cached for a previous user is dropped and the
 * session queries refetch. A wrong password rejects with the server's message (a 401 ApiError that the
 * onUnauthorized listeners do not hear); `meta.silent` leaves showing it to the form.
 */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...authQueries.all(), 'login'],
    mutationFn: (args: Parameters<typeof login>[0]) => login(args),
    onSuccess: async () => {
      // Whatever another user saw in this tab is not this user's.
      client.removeQueries({ queryKey: ['assets'] });
      await client.invalidateQueries({ queryKey: authQueries.all() });
    },
    meta: { silent: true },
  });
}

/** POST /auth/logout, then forget everything the user saw (even when the server did not answer). */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...authQueries.all(), 'logout'],
    mutationFn: () => logout(),
    onSettled: async () => {
      await client.cancelQueries();
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'server' });
    },
  });
}

/** POST /auth/admin-sign-up: the first user of a new server; the server config then says so. */
export function useSignUpAdmin() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: [...authQueries.all(), 'sign-up-admin'],
    mutationFn: (args: Parameters<typeof signUpAdmin>[0]) => signUpAdmin(args),
    onSuccess: () => client.invalidateQueries({ queryKey: ['server', 'config'] }),
    meta: { silent: true },
  });
}
