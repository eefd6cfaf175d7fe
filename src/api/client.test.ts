import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from './client';
import {
  apiFetch,
  apiUrl,
  configureApi,
  getApiConfig,
  isAbortError,
  isApiError,
  onUnauthorized,
} from './client';
import { login, logout, signUpAdmin, validateAccessToken } from './auth';
import { getMyUser } from './users';
import {
  getServerConfig,
  getServerFeatures,
  getServerVersion,
  getSupportedMediaTypes,
  pingServer,
} from './server';
import { createTestSession, TEST_ADMIN, type TestSession } from '@/testing/api-session';

let session: TestSession;

beforeAll(async () => {
  session = await createTestSession('client');
});

afterEach(() => {
  configureApi({ baseUrl: session.apiUrl, headers: session.headers });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejection(promise);
  if (!isApiError(error)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('apiUrl', () => {
  it('joins the base URL, the path and the query, dropping undefined and null', () => {
    configureApi({ baseUrl: 'http://example.test/api/', headers: {} });
    expect(getApiConfig().baseUrl).toBe('http://example.test/api');
    expect(
      apiUrl('/assets/statistics', {
        isFavorite: true,
        isTrashed: undefined,
        visibility: null,
        size: 3,
        ids: ['a', 'b'],
        name: 'a b&c',
      }),
    ).toBe(
      'http://example.test/api/assets/statistics?isFavorite=true&size=3&ids=a&ids=b&name=a+b%26c',
    );
    expect(apiUrl('/server/ping', { key: undefined })).toBe('http://example.test/api/server/ping');
  });
});

describe('apiFetch against the local server', () => {
  it('returns parsed JSON', async () => {
    await expect(pingServer()).resolves.toEqual({ res: 'pong' });
    const version = await getServerVersion();
    expect(version).toEqual({ major: 1, minor: 135, patch: expect.any(Number) as number });
    const config = await getServerConfig();
    expect(config.isInitialized).toBe(true);
  });

  it('sends the configured headers (the signed-in user)', async () => {
    const me = await getMyUser();
    expect(me.id).toBe(session.userId);
    expect(me.email).toBe(session.email);
  });

  it('throws an ApiError with status, message, operation and body on 4xx', async () => {
    const error = await apiError(
      login({ loginCredentialDto: { email: session.email, password: 'wrong password' } }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(error.status).toBe(401);
    expect(error.operation).toBe('login');
    expect(error.message).toBe('Incorrect email or password');
    expect(error.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('keeps every message of a validation error', async () => {
    const error = await apiError(
      apiFetch('/auth/login', {
        operation: 'login',
        method: 'POST',
        body: { email: 5 },
        notifyUnauthorized: false,
      }),
    );
    expect(error.status).toBe(400);
    expect(error.messages.length).toBeGreaterThanOrEqual(2);
    expect(error.message).toBe(error.messages.join('; '));
  });

  it('names the route in a 404 for an unknown path', async () => {
    const error = await apiError(apiFetch('/no-such-thing', { operation: 'noSuchThing' }));
    expect(error.status).toBe(404);
    expect(error.operation).toBe('noSuchThing');
    expect(error.message).toBe('Cannot GET /api/no-such-thing');
  });

  it('answers a second admin sign-up with the server message', async () => {
    const error = await apiError(signUpAdmin({ signUpDto: TEST_ADMIN }));
    expect(error.status).toBe(400);
    expect(error.operation).toBe('signUpAdmin');
    expect(error.message).toMatch(/admin/i);
  });

  it('reports 401s to onUnauthorized listeners, but not a wrong password', async () => {
    const heard: ApiError[] = [];
    const stop = onUnauthorized((error) => heard.push(error));
    try {
      configureApi({ headers: { authorization: 'Bearer not-a-real-token' } });
      const error = await apiError(getMyUser());
      expect(error.status).toBe(401);
      expect(heard).toEqual([error]);
      expect(heard[0]?.operation).toBe('getMyUser');

      // Sign-in's "wrong password" and validateToken's "not signed in" are expected answers.
      configureApi({ headers: {} });
      await apiError(login({ loginCredentialDto: { email: session.email, password: 'nope' } }));
      configureApi({ headers: { authorization: 'Bearer not-a-real-token' } });
      await apiError(validateAccessToken());
      expect(heard).toHaveLength(1);
    } finally {
      stop();
    }
    await apiError(getMyUser());
    expect(heard).toHaveLength(1);
  });

  it('signs in, validates the token and signs out', async () => {
    configureApi({ headers: {} });
    const signedIn = await login({
      loginCredentialDto: { email: session.email, password: session.password },
    });
    expect(signedIn.userId).toBe(session.userId);
    configureApi({ headers: { authorization: `Bearer ${signedIn.accessToken}` } });
    await expect(validateAccessToken()).resolves.toEqual({ authStatus: true });
    await expect(logout()).resolves.toEqual({ successful: true, redirectUri: '/auth/login' });
    expect((await apiError(validateAccessToken())).status).toBe(401);
  });

  it('reads the media types and features', async () => {
    const types = await getSupportedMediaTypes().catch((error: unknown) => error);
    const features = await getServerFeatures().catch((error: unknown) => error);
    // Until the server-accounts routes land these are 404s; then they must be the real shapes.
    if (!(isApiError(types) && types.status === 404)) {
      expect(types).toMatchObject({ image: expect.arrayContaining(['.jpg']) as string[] });
    }
    if (!(isApiError(features) && features.status === 404)) {
      expect(features).toMatchObject({ trash: expect.any(Boolean) as boolean });
    }
  });
});

describe('failures without an HTTP answer', () => {
  it('gives status 0 when nothing listens on the port', async () => {
    configureApi({ baseUrl: 'http://127.0.0.1:1/api' });
    const error = await apiError(pingServer());
    expect(error.status).toBe(0);
    expect(error.isNetworkError).toBe(true);
    expect(error.operation).toBe('pingServer');
    expect(error.message).toMatch(/reach the server/);
  });

  it('rejects with an AbortError, not an ApiError, when aborted', async () => {
    const before = new AbortController();
    before.abort();
    const early = await rejection(getServerConfig(before.signal));
    expect(isAbortError(early)).toBe(true);
    expect(isApiError(early)).toBe(false);

    const during = new AbortController();
    const pending = getServerConfig(during.signal);
    during.abort();
    const late = await rejection(pending);
    expect(isAbortError(late)).toBe(true);
  });
});
