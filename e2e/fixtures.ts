import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { startLocalServer, type LocalServer } from './local-server.ts';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password', name: 'Ada Admin' };

export interface TestUser {
  email: string;
  password: string;
  name: string;
  accessToken: string;
}

interface WorkerFixtures {
  server: LocalServer;
  adminToken: string;
}

interface TestFixtures {
  /** A new user of its own for each test, so that no test sees another's assets. */
  user: TestUser;
  /** API requests as `user` (x-api-key is not needed: Bearer token). */
  api: APIRequestContext;
  /** The page, already signed in as `user`. */
  signedIn: void;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the destructuring
    async ({}, use) => {
      const server = await startLocalServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  adminToken: [
    async ({ server, playwright }, use) => {
      const request = await playwright.request.newContext({ baseURL: server.url });
      expect((await request.post('/api/auth/admin-sign-up', { data: ADMIN })).status()).toBe(201);
      const login = await request.post('/api/auth/login', { data: ADMIN });
      const { accessToken } = (await login.json()) as { accessToken: string };
      await request.dispose();
      await use(accessToken);
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  user: async ({ server, adminToken, playwright }, use) => {
    const request = await playwright.request.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { authorization: `Bearer ${adminToken}` },
    });
    const email = `user-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'user-password';
    const name = 'Test User';
    const created = await request.post('/api/admin/users', { data: { email, password, name } });
    expect(created.status(), await created.text()).toBe(201);
    const login = await request.post('/api/auth/login', { data: { email, password } });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await request.dispose();
    await use({ email, password, name, accessToken });
  },
  api: async ({ server, user, playwright }, use) => {
    const request = await playwright.request.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { authorization: `Bearer ${user.accessToken}` },
    });
    await use(request);
    await request.dispose();
  },
  signedIn: async ({ page, user, server }, use) => {
    await page.context().addCookies([
      { name: 'immich_access_token', value: user.accessToken, url: server.url, httpOnly: true },
      { name: 'immich_is_authenticated', value: 'true', url: server.url },
    ]);
    await use();
  },
});

export { expect };
