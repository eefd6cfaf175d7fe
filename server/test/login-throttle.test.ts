import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { HttpError } from '../src/lib/http-errors.ts';
import { LoginThrottle } from '../src/lib/login-throttle.ts';
import { ADMIN, signUpAdmin } from './helpers.ts';

function caught(run: () => void): HttpError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  return undefined;
}

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () =>
    new LoginThrottle({ maxPerAccount: 3, maxPerAddress: 5, windowMs: 60_000, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets failures through up to the limit, then answers 429 with Retry-After', () => {
    const t = throttle();
    for (let i = 0; i < 3; i += 1) {
      expect(caught(() => t.check('a@x.com', '1.1.1.1'))).toBeUndefined();
      t.recordFailure('a@x.com', '1.1.1.1');
      now += 1000;
    }
    const error = caught(() => t.check('A@X.com', '1.1.1.1'));
    expect(error?.statusCode).toBe(429);
    // The first failure (at 1 000 000) leaves the 60 s window at 1 060 000; now is 1 003 000.
    expect(error?.headers['retry-after']).toBe('57');
    expect(error?.message).toBe('Too many failed login attempts. Try again in 57 seconds.');
    // Another address, or another account from this address, is not held back.
    expect(caught(() => t.check('a@x.com', '2.2.2.2'))).toBeUndefined();
    expect(caught(() => t.check('b@x.com', '1.1.1.1'))).toBeUndefined();
  });

  it('opens again once the oldest failure leaves the window', () => {
    const t = throttle();
    for (let i = 0; i < 3; i += 1) t.recordFailure('a@x.com', '1.1.1.1');
    now += 59_999;
    expect(caught(() => t.check('a@x.com', '1.1.1.1'))?.headers['retry-after']).toBe('1');
    now += 1;
    expect(caught(() => t.check('a@x.com', '1.1.1.1'))).toBeUndefined();
  });

  it('limits one address across many accounts', () => {
    const t = throttle();
    for (let i = 0; i < 5; i += 1) t.recordFailure(`user${i}@x.com`, '1.1.1.1');
    const error = caught(() => t.check('new@x.com', '1.1.1.1'));
    expect(error?.statusCode).toBe(429);
    expect(caught(() => t.check('new@x.com', '9.9.9.9'))).toBeUndefined();
  });

  it("forgets an account's failures after a successful login", () => {
    const t = throttle();
    for (let i = 0; i < 2; i += 1) t.recordFailure('a@x.com', '1.1.1.1');
    t.recordSuccess('a@x.com', '1.1.1.1');
    for (let i = 0; i < 2; i += 1) t.recordFailure('a@x.com', '1.1.1.1');
    expect(caught(() => t.check('a@x.com', '1.1.1.1'))).toBeUndefined();
  });

  it('stays bounded in memory', () => {
    const t = new LoginThrottle({
      maxPerAccount: 1,
      maxPerAddress: 100,
      maxEntries: 10,
      windowMs: 60_000,
      now: () => now,
    });
    for (let i = 0; i < 100; i += 1) t.recordFailure(`u${i}@x.com`, `10.0.0.${i}`);
    // The oldest addresses were forgotten; the newest are still held back.
    expect(caught(() => t.check('u0@x.com', '10.0.0.0'))).toBeUndefined();
    expect(caught(() => t.check('u99@x.com', '10.0.0.99'))?.statusCode).toBe(429);
  });
});

describe('POST /auth/login throttling', () => {
  let app: FastifyInstance;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-throttle-test-'));
    app = await buildApp({
      dataDir,
      dbFile: ':memory:',
      loginThrottle: { maxPerAccount: 3, maxPerAddress: 10 },
    });
    await signUpAdmin(app);
  });
  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = (password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password },
    });

  it('slows repeated failures with 429, a message and Retry-After, even for the right password', async () => {
    // signUpAdmin logged in once successfully; now three wrong guesses.
    for (let i = 0; i < 3; i += 1) expect((await login('wrong')).statusCode).toBe(401);
    const limited = await login('wrong');
    expect(limited.statusCode).toBe(429);
    const body = limited.json<{ statusCode: number; error: string; message: string }>();
    expect(body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(body.message).toMatch(/^Too many failed login attempts\. Try again in \d+ minutes?\.$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Guessing right does not get through while held back.
    expect((await login(ADMIN.password)).statusCode).toBe(429);
  });

  it('does not count unknown emails against a real account', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `nobody${i}@example.com`, password: 'x' },
      });
      expect(response.statusCode).toBe(401);
    }
    expect((await login(ADMIN.password)).statusCode).toBe(201);
  });
});
