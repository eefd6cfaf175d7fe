import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, signUpAdmin, type TestApp } from './helpers.ts';

describe('auth', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('reports an uninitialised server until the admin signs up, and only one admin', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/server/config' });
    expect(before.json()).toMatchObject({ isInitialized: false });
    await signUpAdmin(t.app);
    const after = await t.app.inject({ method: 'GET', url: '/api/server/config' });
    expect(after.json()).toMatchObject({ isInitialized: true });
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/admin-sign-up', payload: ADMIN });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('logs in with a cookie and a token, and logs out', async () => {
    await signUpAdmin(t.app);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(login.statusCode).toBe(201);
    const body = login.json<{ accessToken: string; userEmail: string; isAdmin: boolean }>();
    expect(body).toMatchObject({ userEmail: ADMIN.email, isAdmin: true });
    const cookie = login.cookies.find((c) => c.name === 'immich_access_token');
    expect(cookie?.value).toBe(body.accessToken);
    expect(cookie?.httpOnly).toBe(true);

    const me = await t.app.inject({ method: 'GET', url: '/api/users/me', cookies: { immich_access_token: body.accessToken } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: ADMIN.email, name: ADMIN.name, isAdmin: true });

    const headers = { authorization: `Bearer ${body.accessToken}` };
    const validate = await t.app.inject({ method: 'POST', url: '/api/auth/validateToken', headers });
    expect(validate.json()).toEqual({ authStatus: true });

    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(logout.json()).toEqual({ successful: true, redirectUri: '/auth/login' });
    const afterLogout = await t.app.inject({ method: 'GET', url: '/api/users/me', headers });
    expect(afterLogout.statusCode).toBe(401);
  });

  it('rejects a wrong password with 401 and a message', async () => {
    await signUpAdmin(t.app);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: 'wrong' },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json()).toMatchObject({ message: 'Incorrect email or password', statusCode: 401 });
  });

  it('answers malformed bodies with 400 and every message', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(broken.statusCode).toBe(400);
    const wrongTypes = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 5 } });
    expect(wrongTypes.statusCode).toBe(400);
    expect(wrongTypes.json<{ message: string[] }>().message.length).toBeGreaterThan(0);
  });

  it('requires credentials and rejects invalid ones', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/users/me' })).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'GET', url: '/api/users/me', headers: { 'x-api-key': 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/server/ping' })).json()).toEqual({ res: 'pong' });
  });
});
