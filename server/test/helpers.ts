import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/** A server on a new temporary data folder with an in-memory database. */
export async function createTestApp(): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-server-test-'));
  const app = await buildApp({ dataDir, dbFile: ':memory:' });
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { email: 'admin@example.com', password: 'admin-password', name: 'Admin' };

/** Signs up the admin and returns a Bearer token for it. */
export async function signUpAdmin(app: FastifyInstance): Promise<string> {
  const signUp = await app.inject({
    method: 'POST',
    url: '/api/auth/admin-sign-up',
    payload: ADMIN,
  });
  if (signUp.statusCode !== 201) throw new Error(`sign-up failed: ${signUp.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: ADMIN.email, password: ADMIN.password },
  });
  return login.json<{ accessToken: string }>().accessToken;
}
