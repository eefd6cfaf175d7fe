import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { bearer, createApiKey, createUser } from './accounts-helpers.ts';

describe('admin users', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => {
    t = await createTestApp();
    admin = await signUpAdmin(t.app);
  });
  afterEach(() => t.close());

  const create = (token: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/admin/users', headers: bearer(token), payload });

  it('creates a user who can then log in, with every field of UserAdminResponseDto', async () => {
    const response = await create(admin, {
      email: 'Ann@Example.com',
      password: 'ann-password',
      name: 'Ann',
      avatarColor: 'green',
      quotaSizeInBytes: 1000,
      shouldChangePassword: true,
      storageLabel: 'ann.s/label',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      email: 'ann@example.com',
      name: 'Ann',
      isAdmin: false,
      avatarColor: 'green',
      quotaSizeInBytes: 1000,
      quotaUsageInBytes: 0,
      shouldChangePassword: true,
      storageLabel: 'annslabel',
      status: 'active',
      deletedAt: null,
      profileImagePath: '',
      oauthId: '',
      license: null,
    });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(body).sort()).toEqual(
      [
        'avatarColor',
        'createdAt',
        'deletedAt',
        'email',
        'id',
        'isAdmin',
        'license',
        'name',
        'oauthId',
        'profileChangedAt',
        'profileImagePath',
        'quotaSizeInBytes',
        'quotaUsageInBytes',
        'shouldChangePassword',
        'status',
        'storageLabel',
        'updatedAt',
      ].sort(),
    );
    expect(JSON.stringify(body)).not.toContain('ann-password');

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ann@example.com', password: 'ann-password' },
    });
    expect(login.statusCode).toBe(201);
    expect(login.json()).toMatchObject({
      userEmail: 'ann@example.com',
      isAdmin: false,
      shouldChangePassword: true,
    });
  });

  it('refuses a duplicate email (any case) and a taken storage label with 400', async () => {
    expect(
      (
        await create(admin, {
          email: 'bob@example.com',
          password: 'x',
          name: 'Bob',
          storageLabel: 'bob',
        })
      ).statusCode,
    ).toBe(201);
    const again = await create(admin, { email: 'BOB@example.com', password: 'y', name: 'Bob 2' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({
      message: 'User exists',
      error: 'Bad Request',
      statusCode: 400,
    });
    const admins = await create(admin, { email: ADMIN.email, password: 'y', name: 'Copy' });
    expect(admins.json()).toMatchObject({ message: 'User exists' });
    const label = await create(admin, {
      email: 'carl@example.com',
      password: 'y',
      name: 'Carl',
      storageLabel: 'bob',
    });
    expect(label.statusCode).toBe(400);
    expect(label.json()).toMatchObject({ message: 'Storage label already in use by another user' });
  });

  it("creates a second admin without taking the first admin's storage label", async () => {
    const second = await create(admin, {
      email: 'root@example.com',
      password: 'x',
      name: 'Root',
      isAdmin: true,
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ isAdmin: true, storageLabel: null });
  });

  it('answers bad input with 400 and a message, storing nothing', async () => {
    for (const payload of [
      {},
      { email: 'not-an-email', password: 'x', name: 'X' },
      { email: 'x@example.com', password: 'x' },
      { email: 'x@example.com', password: 'x', name: 'X', avatarColor: 'neon' },
      { email: 'x@example.com', password: 'x', name: 'X', quotaSizeInBytes: -1 },
      { email: 'x@example.com', password: 'x', name: 'X', isAdmin: 'maybe' },
      { email: 'x@example.com', password: '', name: 'X' },
    ]) {
      const response = await create(admin, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ message: unknown }>().message).toBeTruthy();
    }
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: bearer(admin),
    });
    expect(list.json<unknown[]>()).toHaveLength(1);
  });

  it('lists users newest first, finds one by id, and hides the list from non-admins', async () => {
    const ann = await createUser(t.app, admin, { email: 'ann@example.com' });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: bearer(admin),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ email: string }[]>().map((u) => u.email)).toEqual([
      'ann@example.com',
      ADMIN.email,
    ]);

    const filtered = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users?id=${ann.id}`,
      headers: bearer(admin),
    });
    expect(filtered.json<{ id: string }[]>().map((u) => u.id)).toEqual([ann.id]);
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users/${ann.id}`,
      headers: bearer(admin),
    });
    expect(one.json()).toMatchObject({ id: ann.id, email: 'ann@example.com' });
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users/00000000-0000-4000-8000-000000000000',
      headers: bearer(admin),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ message: 'User not found' });
    const badId = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users/nope',
      headers: bearer(admin),
    });
    expect(badId.statusCode).toBe(400);

    for (const [method, url] of [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users'],
      ['GET', `/api/admin/users/${ann.id}`],
    ] as const) {
      const forbidden = await t.app.inject({
        method,
        url,
        headers: bearer(ann.token),
        payload:
          method === 'POST' ? { email: 'eve@example.com', password: 'x', name: 'Eve' } : undefined,
      });
      expect(forbidden.statusCode, `${method} ${url}`).toBe(403);
      expect(forbidden.json()).toMatchObject({ message: 'Forbidden', statusCode: 403 });
      const anonymous = await t.app.inject({ method, url });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('needs admin.user.* permissions when an API key calls', async () => {
    const readOnly = await createApiKey(t.app, admin, ['admin.user.read']);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: { 'x-api-key': readOnly.secret },
    });
    expect(list.statusCode).toBe(200);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { 'x-api-key': readOnly.secret },
      payload: { email: 'eve@example.com', password: 'x', name: 'Eve' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({
      message: 'Missing required permission: admin.user.create',
    });
  });
});
