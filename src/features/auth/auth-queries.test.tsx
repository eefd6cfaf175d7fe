// The session's queries and mutations against the real local server.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { configureApi, isApiError, onUnauthorized, type ApiError } from '@/api/client';
import { createTestSession, TEST_ADMIN, type TestSession } from '@/testing/api-session';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { authQueries, useLogin, useLogout, useSignUpAdmin } from './auth-queries';

let session: TestSession;
beforeAll(async () => {
  session = await createTestSession('hooks');
});

describe('authQueries and the session mutations', () => {
  it('me is the signed-in user', async () => {
    const client = createTestQueryClient();
    const me = await client.fetchQuery(authQueries.me());
    expect(me).toMatchObject({ id: session.userId, email: session.email });
    await expect(client.fetchQuery(authQueries.validateToken())).resolves.toEqual({
      authStatus: true,
    });
  });

  it('useLogin: a wrong password is the server’s message, silent, and no "session ended"', async () => {
    const client = createTestQueryClient();
    const heard: ApiError[] = [];
    const stop = onUnauthorized((error) => heard.push(error));
    const { result } = renderHook(() => useLogin(), { wrapper: queryWrapper(client) });
    await act(() =>
      result.current
        .mutateAsync({ loginCredentialDto: { email: session.email, password: 'wrong password' } })
        .catch(() => undefined),
    );
    stop();
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(isApiError(error) && error.status).toBe(401);
    expect(error?.message).toBe('Incorrect email or password');
    expect(heard).toEqual([]);
    expect(client.getMutationCache().getAll()[0]?.meta).toEqual({ silent: true });
  });

  it('useLogin: signing in drops another user’s asset data and refetches the session', async () => {
    const client = createTestQueryClient();
    client.setQueryData(['assets', 'detail', 'someone-elses'], { id: 'someone-elses' });
    const { result } = renderHook(() => ({ login: useLogin(), me: useQuery(authQueries.me()) }), {
      wrapper: queryWrapper(client),
    });
    await waitFor(() => expect(result.current.me.data?.id).toBe(session.userId));
    const fetchedAt = result.current.me.dataUpdatedAt;
    const answer = await act(() =>
      result.current.login.mutateAsync({
        loginCredentialDto: { email: session.email, password: session.password },
      }),
    );
    expect(answer.userId).toBe(session.userId);
    expect(client.getQueryData(['assets', 'detail', 'someone-elses'])).toBeUndefined();
    expect(client.getQueryState(authQueries.me().queryKey)?.dataUpdatedAt).toBeGreaterThan(
      fetchedAt,
    );
  });

  it('useLogout ends the session and forgets what the user saw', async () => {
    const client = createTestQueryClient();
    const own = await createTestSession('logout');
    try {
      await client.fetchQuery(authQueries.me());
      const serverVersion = ['server', 'version'];
      client.setQueryData(serverVersion, { major: 1, minor: 135, patch: 3 });
      const { result } = renderHook(() => useLogout(), { wrapper: queryWrapper(client) });
      await act(() => result.current.mutateAsync());
      expect(client.getQueryData(authQueries.me().queryKey)).toBeUndefined();
      // What the server says about itself is not the user's: it stays.
      expect(client.getQueryData(serverVersion)).toEqual({
        major: 1,
        minor: 135,
        patch: 3,
      });
      await expect(client.fetchQuery(authQueries.validateToken())).rejects.toMatchObject({
        status: 401,
      });
    } finally {
      configureApi({ headers: session.headers });
    }
    expect(own.userId).not.toBe(session.userId);
  });

  it('useSignUpAdmin: a second admin is refused with the server’s message', async () => {
    const client = createTestQueryClient();
    const { result } = renderHook(() => useSignUpAdmin(), { wrapper: queryWrapper(client) });
    await act(() => result.current.mutateAsync({ signUpDto: TEST_ADMIN }).catch(() => undefined));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(isApiError(result.current.error) && result.current.error.status).toBe(400);
  });
});
