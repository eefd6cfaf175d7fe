import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, configureApi } from '@/api/client';
import { getAssetInfo } from '@/api/assets';
import { createTestSession, type TestSession } from '@/testing/api-session';
import {
  MAX_RETRIES,
  createQueryClient,
  errorToastMessage,
  isRetryableError,
  onMutationError,
  onQueryError,
  shouldRetry,
  shouldToastMutationError,
  shouldToastQueryError,
} from './query-client';

let session: TestSession;
beforeAll(async () => {
  session = await createTestSession('query-client');
});

const apiError = (status: number) =>
  new ApiError({ status, operation: 'test', messages: [`status ${status}`] });

describe('retry policy', () => {
  it('never retries a 4xx (but 408 and 429), a bug, or an abort; retries no answer and 5xx', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 422])
      expect(isRetryableError(apiError(status))).toBe(false);
    for (const status of [0, 408, 429, 500, 502, 503])
      expect(isRetryableError(apiError(status))).toBe(true);
    expect(isRetryableError(new TypeError('x is undefined'))).toBe(false);
    expect(isRetryableError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(shouldRetry(0, apiError(503))).toBe(true);
    expect(shouldRetry(MAX_RETRIES, apiError(503))).toBe(false);
  });

  it('against the server: a 400 fails at once; an unreachable server is tried 1 + MAX_RETRIES times', async () => {
    const client = createQueryClient({ queries: { retryDelay: 0 } });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const options = {
      queryKey: ['assets', 'detail', unknown],
      queryFn: () => getAssetInfo({ id: unknown }),
    };
    await expect(client.fetchQuery(options)).rejects.toMatchObject({ status: 400 });
    expect(client.getQueryState(options.queryKey)?.fetchFailureCount).toBe(1);

    configureApi({ baseUrl: 'http://127.0.0.1:1/api' });
    try {
      const down = { queryKey: ['down'], queryFn: () => getAssetInfo({ id: unknown }) };
      await expect(client.fetchQuery(down)).rejects.toMatchObject({ status: 0 });
      expect(client.getQueryState(down.queryKey)?.fetchFailureCount).toBe(1 + MAX_RETRIES);
    } finally {
      configureApi({ baseUrl: session.apiUrl });
    }
  });

  it('does not retry mutations', async () => {
    const client = createQueryClient();
    let calls = 0;
    await expect(
      client
        .getMutationCache()
        .build(client, {
          mutationFn: () => {
            calls++;
            return Promise.reject(apiError(503));
          },
        })
        .execute(undefined),
    ).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(1);
  });

  it('keeps data fresh for a minute by default', () => {
    expect(createQueryClient().getDefaultOptions().queries?.staleTime).toBe(60_000);
  });
});

describe('global error hooks', () => {
  it('tell listeners about failed queries and mutations, and stop when unsubscribed', async () => {
    const client = createQueryClient({ queries: { retry: false } });
    const queries: unknown[] = [];
    const mutations: unknown[] = [];
    const stopQueries = onQueryError((error, query) =>
      queries.push([error.message, query.queryKey]),
    );
    const stopMutations = onMutationError((error, mutation) =>
      mutations.push([error.message, mutation.meta]),
    );
    const failing = () => Promise.reject(apiError(500));
    await client.fetchQuery({ queryKey: ['one'], queryFn: failing }).catch(() => undefined);
    await client
      .getMutationCache()
      .build(client, { mutationFn: failing, meta: { errorMessage: 'Could not save' } })
      .execute(undefined)
      .catch(() => undefined);
    stopQueries();
    stopMutations();
    await client.fetchQuery({ queryKey: ['two'], queryFn: failing }).catch(() => undefined);
    expect(queries).toEqual([['status 500', ['one']]]);
    expect(mutations).toEqual([['status 500', { errorMessage: 'Could not save' }]]);
  });

  it('toast policy: only background refetch failures of shown data; never 401s, aborts or silent ones', async () => {
    const client = createQueryClient({ queries: { retry: false } });
    const decisions: boolean[] = [];
    const stop = onQueryError((error, query) =>
      decisions.push(shouldToastQueryError(error, query)),
    );
    let fail = false;
    const queryFn = () => (fail ? Promise.reject(apiError(500)) : Promise.resolve('data'));
    await client
      .fetchQuery({ queryKey: ['first'], queryFn: () => Promise.reject(apiError(500)) })
      .catch(() => undefined);
    await client.fetchQuery({ queryKey: ['shown'], queryFn });
    fail = true;
    await client.refetchQueries({ queryKey: ['shown'] });
    await client.fetchQuery({ queryKey: ['quiet'], queryFn: () => Promise.resolve('x') });
    await client
      .fetchQuery({ queryKey: ['quiet'], queryFn, meta: { silent: true }, staleTime: 0 })
      .catch(() => undefined);
    stop();
    expect(decisions).toEqual([false, true, false]);

    const mutation = client.getMutationCache().build(client, {});
    expect(shouldToastMutationError(apiError(400), mutation)).toBe(true);
    expect(shouldToastMutationError(apiError(401), mutation)).toBe(false);
    expect(shouldToastMutationError(new DOMException('stop', 'AbortError'), mutation)).toBe(false);
    const silent = client.getMutationCache().build(client, { meta: { silent: true } });
    expect(shouldToastMutationError(apiError(400), silent)).toBe(false);
    expect(errorToastMessage(apiError(400))).toBe('status 400');
    expect(errorToastMessage(apiError(400), { errorMessage: 'Could not save' })).toBe(
      'Could not save',
    );
  });
});
