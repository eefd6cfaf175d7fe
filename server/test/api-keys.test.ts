import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { bearer, createApiKey, createUser } from './accounts-helpers.ts';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('API keys', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => {
    t = await createTestApp();
    admin = await signUpAdmin(t.app);
  });
  afterEach(() => t.close());

  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: Record<string, unknown>,
  ) => t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

  it('creates a key whose secret is shown once and works as x-api-key', async () => {
    const created = await inject('POST', '/api/api-keys', bearer(admin), {
      name: 'CLI',
      permissions: ['all'],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ secret: string; apiKey: Record<string, unknown> }>();
    expect(body.secret.length).toBeGreaterThanOrEqual(40);
    expect(body.apiKey).toMatchObject({ name: 'CLI', permissions: ['all'] });
    expect(Object.keys(body.apiKey).sort()).toEqual([
      'createdAt',
      'id',
      'name',
      'permissions',
      'updatedAt',
    ]);

    const me = await inject('GET', '/api/users/me', { 'x-api-key': body.secret });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'admin@example.com' });

    const list = await inject('GET', '/api/api-keys', bearer(admin));
    expect(list.json()).toEqual([body.apiKey]);
    expect(list.body).not.toContain(body.secret);
    const one = await inject('GET', `/api/api-keys/${String(body.apiKey.id)}`, bearer(admin));
    expect(one.json()).toEqual(body.apiKey);
  });

  it('names an unnamed key "API Key" and lists keys newest first', async () => {
    const first = await createApiKey(t.app, admin, ['asset.read']);
    const second = await createApiKey(t.app, admin, ['asset.upload', 'asset.read'], 'Second');
    const list = (await inject('GET', '/api/api-keys', bearer(admin))).json<
      { id: string; name: string; permissions: string[] }[]
    >();
    expect(list.map((k) => [k.id, k.name])).toEqual([
      [second.id, 'Second'],
      [first.id, 'API Key'],
    ]);
    expect(list[0]?.permissions).toEqual(['asset.upload', 'asset.read']);
  });

  it('answers /api-keys/me with the key in use, and 403 for a session', async () => {
    const key = await createApiKey(t.app, admin, ['asset.upload', 'asset.read']);
    const me = await inject('GET', '/api/api-keys/me', { 'x-api-key': key.secret });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: key.id, permissions: ['asset.upload', 'asset.read'] });
    const session = await inject('GET', '/api/api-keys/me', bearer(admin));
    expect(session.statusCode).toBe(403);
    expect(session.json()).toMatchObject({ message: 'Not authenticated with an API Key' });
    expect((await inject('GET', '/api/api-keys/me', {})).statusCode).toBe(401);
  });

  it('updates name and permissions', async () => {
    const key = await createApiKey(t.app, admin, ['asset.read']);
    const updated = await inject('PUT', `/api/api-keys/${key.id}`, bearer(admin), {
      name: 'Renamed',
      permissions: ['asset.read', 'asset.view'],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      id: key.id,
      name: 'Renamed',
      permissions: ['asset.read', 'asset.view'],
    });
    const nameOnly = await inject('PUT', `/api/api-keys/${key.id}`, bearer(admin), {
      name: 'Again',
    });
    expect(nameOnly.json()).toMatchObject({
      name: 'Again',
      permissions: ['asset.read', 'asset.view'],
    });
  });

  it('enforces permissions: a key without one gets 403 naming it; "all" grants everything', async () => {
    const readOnly = await createApiKey(t.app, admin, ['apiKey.read']);
    const list = await inject('GET', '/api/api-keys', { 'x-api-key': readOnly.secret });
    expect(list.statusCode).toBe(200);
    const create = await inject(
      'POST',
      '/api/api-keys',
      { 'x-api-key': readOnly.secret },
      { permissions: ['apiKey.read'] },
    );
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({
      message: 'Missing required permission: apiKey.create',
      statusCode: 403,
    });

    const all = await createApiKey(t.app, admin, ['all']);
    const created = await inject(
      'POST',
      '/api/api-keys',
      { 'x-api-key': all.secret },
      { permissions: ['asset.read'] },
    );
    expect(created.statusCode).toBe(201);
  });

  it('never lets a key grant more than it has', async () => {
    const limited = await createApiKey(t.app, admin, [
      'apiKey.create',
      'apiKey.update',
      'asset.read',
    ]);
    const escalate = await inject(
      'POST',
      '/api/api-keys',
      { 'x-api-key': limited.secret },
      { permissions: ['all'] },
    );
    expect(escalate.statusCode).toBe(400);
    expect(escalate.json()).toMatchObject({ message: 'Cannot grant permissions you do not have' });
    const subset = await inject(
      'POST',
      '/api/api-keys',
      { 'x-api-key': limited.secret },
      { permissions: ['asset.read'] },
    );
    expect(subset.statusCode).toBe(201);
    const other = subset.json<{ apiKey: { id: string } }>().apiKey.id;
    const widen = await inject(
      'PUT',
      `/api/api-keys/${other}`,
      { 'x-api-key': limited.secret },
      { permissions: ['asset.delete'] },
    );
    expect(widen.statusCode).toBe(400);
  });

  it('revokes a key at once', async () => {
    const key = await createApiKey(t.app, admin, ['all']);
    expect((await inject('GET', '/api/users/me', { 'x-api-key': key.secret })).statusCode).toBe(
      200,
    );
    const removed = await inject('DELETE', `/api/api-keys/${key.id}`, bearer(admin));
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    const after = await inject('GET', '/api/users/me', { 'x-api-key': key.secret });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ message: 'Invalid API key' });
    const again = await inject('DELETE', `/api/api-keys/${key.id}`, bearer(admin));
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ message: 'API Key not found' });
  });

  it("keeps each user's keys private", async () => {
    const ann = await createUser(t.app, admin, { email: 'ann@example.com' });
    const adminKey = await createApiKey(t.app, admin, ['all']);
    expect((await inject('GET', '/api/api-keys', bearer(ann.token))).json()).toEqual([]);
    for (const [method, payload] of [
      ['GET', undefined],
      ['PUT', { name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await inject(
        method,
        `/api/api-keys/${adminKey.id}`,
        bearer(ann.token),
        payload,
      );
      expect(response.statusCode, method).toBe(400);
      expect(response.json()).toMatchObject({ message: 'API Key not found' });
    }
    expect(
      (await inject('GET', '/api/users/me', { 'x-api-key': adminKey.secret })).statusCode,
    ).toBe(200);
  });

  it('answers bad input with 400 and missing credentials with 401', async () => {
    for (const payload of [{}, { permissions: [] }, { permissions: ['everything'] }]) {
      const response = await inject('POST', '/api/api-keys', bearer(admin), payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ message: unknown }>().message).toBeTruthy();
    }
    expect((await inject('GET', '/api/api-keys/not-a-uuid', bearer(admin))).statusCode).toBe(400);
    expect((await inject('GET', `/api/api-keys/${UNKNOWN}`, bearer(admin))).statusCode).toBe(400);
    expect(
      (await inject('PUT', `/api/api-keys/${UNKNOWN}`, bearer(admin), { permissions: [] }))
        .statusCode,
    ).toBe(400);
    for (const [method, url] of [
      ['GET', '/api/api-keys'],
      ['POST', '/api/api-keys'],
      ['GET', `/api/api-keys/${UNKNOWN}`],
      ['PUT', `/api/api-keys/${UNKNOWN}`],
      ['DELETE', `/api/api-keys/${UNKNOWN}`],
    ] as const) {
      expect((await inject(method, url, {})).statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
