// Every route the app registers, found from the app itself: all but an explicit list of public
// ones answer 401 with a message to a caller without credentials, or with bogus, revoked or
// logged-out ones. A new route that forgets its guard fails here until it is listed as public.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { bearer, createApiKey } from './accounts-helpers.ts';

/**
 * The routes Immich 1.135 serves without credentials (`@Authenticated` absent), as "METHOD path".
 * HEAD goes with GET. Routes that take a shared-link key are not public: without a key they are
 * refused like any other.
 */
const PUBLIC = new Set([
  'GET /.well-known/immich',
  'POST /api/auth/admin-sign-up',
  'POST /api/auth/login',
  'GET /api/server/ping',
  'GET /api/server/version',
  'GET /api/server/config',
  'GET /api/server/features',
  'GET /api/server/media-types',
  'GET /api/server/theme',
]);

interface Route {
  method: HTTPMethods;
  url: string;
}

/**
 * Every route of the app, read from Fastify's own route tree (`printRoutes` with no common-prefix
 * folding: each line is a path segment under its parent, with its methods).
 */
function registeredRoutes(app: FastifyInstance): Route[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const url = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      routes.push({ method, url });
    }
  }
  return routes;
}

const isPublic = ({ method, url }: Route) =>
  PUBLIC.has(`${method === 'HEAD' ? 'GET' : method} ${url}`);

/** A concrete URL for a route pattern: ids become fresh UUIDs. */
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_all, name: string) => (name === 'id' ? randomUUID() : 'some-device'));

describe('unauthenticated access', () => {
  let t: TestApp;
  let routes: Route[];
  let revokedKey: string;
  let loggedOutToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const token = await signUpAdmin(t.app);
    routes = registeredRoutes(t.app);
    const key = await createApiKey(t.app, token, ['all'], 'revoked');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/api-keys/${key.id}`,
      headers: bearer(token),
    });
    expect(removed.statusCode).toBe(204);
    revokedKey = key.secret;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@example.com', password: 'admin-password' },
    });
    loggedOutToken = login.json<{ accessToken: string }>().accessToken;
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(loggedOutToken),
    });
    expect(logout.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('finds the routes from the app itself, including every asset operation', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    console.log(
      `unauthenticated: ${routes.length} routes enumerated (${routes.filter((r) => !isPublic(r)).length} protected, ${routes.filter(isPublic).length} public)`,
    );
    for (const expected of [
      'POST /api/assets',
      'PUT /api/assets',
      'DELETE /api/assets',
      'GET /api/assets/:id',
      'PUT /api/assets/:id',
      'GET /api/assets/:id/original',
      'PUT /api/assets/:id/original',
      'GET /api/assets/:id/thumbnail',
      'GET /api/assets/:id/video/playback',
      'GET /api/assets/statistics',
      'GET /api/assets/random',
      'GET /api/assets/device/:deviceId',
      'POST /api/assets/exist',
      'POST /api/assets/bulk-upload-check',
      'POST /api/assets/jobs',
      'GET /api/timeline/buckets',
      'GET /api/timeline/bucket',
      'GET /api/users/me',
    ]) {
      expect(names).toContain(expected);
    }
    // Every public route named above really exists (the list cannot go stale unnoticed).
    for (const entry of PUBLIC) expect(names).toContain(entry);
  });

  const variants: [string, Record<string, string>, string][] = [
    ['no credentials', {}, ''],
    ['a bogus bearer token', { authorization: 'Bearer not-a-session' }, ''],
    ['a bogus API key', { 'x-api-key': 'not-a-key' }, ''],
    ['a bogus session cookie', { cookie: 'immich_access_token=not-a-session' }, ''],
    ['a bogus share key', {}, '?key=not-a-share-key'],
    ['a bogus share-key header', { 'x-immich-share-key': 'not-a-share-key' }, ''],
  ];

  it.each(variants)(
    'answers 401 with a message on every protected route to %s',
    async (_what, headers, query) => {
      const protectedRoutes = routes.filter((r) => !isPublic(r));
      expect(protectedRoutes.length).toBeGreaterThan(30);
      const failures: string[] = [];
      for (const route of protectedRoutes) {
        const response = await t.app.inject({
          method: route.method,
          url: concrete(route.url) + query,
          headers,
        });
        const what = `${route.method} ${route.url}`;
        if (response.statusCode !== 401) {
          failures.push(`${what}: ${response.statusCode} ${response.body.slice(0, 120)}`);
          continue;
        }
        if (route.method === 'HEAD') continue; // no body on HEAD
        const body = response.json<{ message?: unknown; error?: unknown; statusCode?: unknown }>();
        if (
          typeof body.message !== 'string' ||
          body.message === '' ||
          body.error !== 'Unauthorized' ||
          body.statusCode !== 401
        ) {
          failures.push(`${what}: body ${response.body}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('refuses a revoked API key and a logged-out session on every protected route', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !isPublic(r))) {
      for (const headers of [{ 'x-api-key': revokedKey }, bearer(loggedOutToken)]) {
        const response = await t.app.inject({
          method: route.method,
          url: concrete(route.url),
          headers,
        });
        if (response.statusCode !== 401) {
          failures.push(
            `${route.method} ${route.url} ${Object.keys(headers)[0]}: ${response.statusCode}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('serves the public routes without credentials', async () => {
    for (const route of routes.filter(isPublic)) {
      // The sign-up and login answers depend on the body; they only must not ask for credentials.
      const response = await t.app.inject({
        method: route.method,
        url: route.url,
        ...(route.method === 'POST' ? { payload: {} } : {}),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).not.toBe(401);
      expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
    }
  });
});
