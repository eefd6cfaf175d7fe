import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { bearer, createApiKey, createUser, seedAsset } from './accounts-helpers.ts';
import { injectUpload, makeJpeg, uploadFields } from './assets-helpers.ts';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface LinkDto {
  id: string;
  key: string;
  type: string;
  userId: string;
  allowDownload: boolean;
  allowUpload: boolean;
  showMetadata: boolean;
  password: string | null;
  description: string | null;
  expiresAt: string | null;
  createdAt: string;
  token?: string | null;
  assets: Record<string, unknown>[];
}

describe('shared links', () => {
  let t: TestApp;
  let owner: string;
  let photos: { id: string; bytes: Buffer }[];

  const upload = async (token: string, seed: number, fileName: string) => {
    const bytes = await makeJpeg(seed, 64, 48);
    const response = await injectUpload(t.app, token, bytes, {
      fileName,
      fields: uploadFields({ deviceAssetId: `shared-${seed}` }),
    });
    if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
    return { id: response.json<{ id: string }>().id, bytes };
  };

  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string> = {},
    payload?: Record<string, unknown>,
  ) => t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

  const createLink = async (payload: Record<string, unknown>, token = owner) => {
    const response = await inject('POST', '/api/shared-links', bearer(token), payload);
    if (response.statusCode !== 201) throw new Error(`create link failed: ${response.body}`);
    return response.json<LinkDto>();
  };

  beforeEach(async () => {
    t = await createTestApp();
    owner = await signUpAdmin(t.app);
    photos = [];
    for (const [seed, name] of [
      [1, 'one.jpg'],
      [2, 'two.jpg'],
      [3, 'three.jpg'],
    ] as const) {
      photos.push(await upload(owner, seed, name));
    }
  });
  afterEach(() => t.close());

  const [a, b, c] = [0, 1, 2].map((i) => () => {
    const photo = photos[i];
    if (!photo) throw new Error('no photo');
    return photo;
  }) as [
    () => { id: string; bytes: Buffer },
    () => { id: string; bytes: Buffer },
    () => { id: string; bytes: Buffer },
  ];

  it('creates an individual link with Immich defaults and lists it for its owner only', async () => {
    const link = await createLink({
      type: 'INDIVIDUAL',
      assetIds: [a().id, b().id],
      description: 'Trip',
    });
    expect(link).toMatchObject({
      type: 'INDIVIDUAL',
      allowDownload: true,
      allowUpload: true,
      showMetadata: true,
      password: null,
      expiresAt: null,
      description: 'Trip',
    });
    expect(link.key).toMatch(/^[A-Za-z0-9_-]{67}$/);
    expect(link.assets.map((asset) => asset.id)).toEqual([a().id, b().id]);
    expect(link.assets[0]).toMatchObject({ originalFileName: 'one.jpg', type: 'IMAGE' });

    const list = await inject('GET', '/api/shared-links', bearer(owner));
    expect(list.json<LinkDto[]>().map((l) => l.id)).toEqual([link.id]);
    const one = await inject('GET', `/api/shared-links/${link.id}`, bearer(owner));
    expect(one.json<LinkDto>()).toMatchObject({ id: link.id, key: link.key });

    const other = await createUser(t.app, owner, { email: 'eve@example.com' });
    expect((await inject('GET', '/api/shared-links', bearer(other.token))).json()).toEqual([]);
    for (const method of ['GET', 'DELETE', 'PATCH'] as const) {
      const response = await inject(
        method,
        `/api/shared-links/${link.id}`,
        bearer(other.token),
        method === 'PATCH' ? { description: 'x' } : undefined,
      );
      expect(response.statusCode, method).toBe(400);
      expect(response.json()).toMatchObject({ message: 'Shared link not found' });
    }
  });

  it('gives the key read-only access to exactly the linked assets', async () => {
    const link = await createLink({ type: 'INDIVIDUAL', assetIds: [a().id] });
    const key = `key=${link.key}`;

    const me = await inject('GET', `/api/shared-links/me?${key}`);
    expect(me.statusCode).toBe(200);
    expect(me.json<LinkDto>().assets.map((asset) => asset.id)).toEqual([a().id]);

    const info = await inject('GET', `/api/assets/${a().id}?${key}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ id: a().id, originalFileName: 'one.jpg' });
    expect(info.json<Record<string, unknown>>().owner).toBeUndefined();

    const thumbnail = await inject('GET', `/api/assets/${a().id}/thumbnail?${key}`);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toMatch(/^image\//);

    const original = await inject('GET', `/api/assets/${a().id}/original?${key}`);
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(a().bytes)).toBe(true);

    // The same through Immich's header.
    const viaHeader = await inject('GET', `/api/assets/${a().id}`, {
      'x-immich-share-key': link.key,
    });
    expect(viaHeader.statusCode).toBe(200);

    // Another asset of the same owner is out of reach, for every read.
    for (const url of [
      `/api/assets/${b().id}`,
      `/api/assets/${b().id}/thumbnail`,
      `/api/assets/${b().id}/original`,
    ]) {
      const response = await inject('GET', `${url}?${key}`);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(
        /^Not found or no asset\.(read|view|download) access$/,
      );
      expect(response.body).not.toContain('two.jpg');
    }
  });

  it('refuses the key everywhere that is not a shared-link read', async () => {
    const link = await createLink({ type: 'INDIVIDUAL', assetIds: [a().id] });
    const key = `key=${link.key}`;
    const attempts: ['GET' | 'POST' | 'PUT' | 'DELETE', string, Record<string, unknown>?][] = [
      ['GET', `/api/users/me?${key}`],
      ['GET', `/api/api-keys?${key}`],
      ['GET', `/api/shared-links?${key}`],
      ['POST', `/api/shared-links?${key}`, { type: 'INDIVIDUAL', assetIds: [b().id] }],
      ['DELETE', `/api/shared-links/${link.id}?${key}`],
      ['PUT', `/api/assets/${a().id}?${key}`, { isFavorite: true }],
      ['PUT', `/api/assets?${key}`, { ids: [a().id], isFavorite: true }],
      ['DELETE', `/api/assets?${key}`, { ids: [a().id], force: true }],
      ['GET', `/api/assets/statistics?${key}`],
      ['GET', `/api/timeline/buckets?${key}`],
      ['GET', `/api/admin/users?${key}`],
    ];
    for (const [method, url, payload] of attempts) {
      const response = await inject(method, url, {}, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json()).toMatchObject({ message: 'Forbidden', statusCode: 403 });
    }
    // Nothing changed.
    const asset = await inject('GET', `/api/assets/${a().id}`, bearer(owner));
    expect(asset.json()).toMatchObject({ isFavorite: false, isTrashed: false });
    expect(
      (await inject('GET', '/api/shared-links', bearer(owner))).json<unknown[]>(),
    ).toHaveLength(1);
  });

  it('rejects unknown and expired keys with 401', async () => {
    const unknown = await inject('GET', `/api/shared-links/me?key=${'x'.repeat(67)}`);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ message: 'Invalid share key' });
    const expired = await createLink({
      type: 'INDIVIDUAL',
      assetIds: [a().id],
      expiresAt: '2000-01-01T00:00:00.000Z',
    });
    expect(expired.expiresAt).toBe('2000-01-01T00:00:00.000Z');
    expect((await inject('GET', `/api/assets/${a().id}?key=${expired.key}`)).statusCode).toBe(401);
    const future = await createLink({
      type: 'INDIVIDUAL',
      assetIds: [a().id],
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    expect((await inject('GET', `/api/assets/${a().id}?key=${future.key}`)).statusCode).toBe(200);
  });

  it('allows downloads only when the link does', async () => {
    const noDownload = await createLink({
      type: 'INDIVIDUAL',
      assetIds: [a().id],
      allowDownload: false,
    });
    expect(noDownload.allowDownload).toBe(false);
    const original = await inject('GET', `/api/assets/${a().id}/original?key=${noDownload.key}`);
    expect(original.statusCode).toBe(400);
    expect(original.json()).toMatchObject({ message: 'Not found or no asset.download access' });
    // Viewing stays allowed.
    expect(
      (await inject('GET', `/api/assets/${a().id}/thumbnail?key=${noDownload.key}`)).statusCode,
    ).toBe(200);
  });

  it('hides metadata (and downloads) when showMetadata is false', async () => {
    const link = await createLink({
      type: 'INDIVIDUAL',
      assetIds: [a().id],
      showMetadata: false,
      allowDownload: true,
    });
    expect(link).toMatchObject({ showMetadata: false, allowDownload: false });
    const me = (await inject('GET', `/api/shared-links/me?key=${link.key}`)).json<LinkDto>();
    expect(me.assets[0]).toMatchObject({ id: a().id, hasMetadata: false });
    expect(me.assets[0]).not.toHaveProperty('originalFileName');
    expect(me.assets[0]).not.toHaveProperty('exifInfo');
    const info = await inject('GET', `/api/assets/${a().id}?key=${link.key}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ id: a().id, hasMetadata: false });
    expect(info.body).not.toContain('one.jpg');
  });

  it('asks for the password, then remembers it in a cookie', async () => {
    const link = await createLink({ type: 'INDIVIDUAL', assetIds: [a().id], password: 'sesame' });
    expect(link.password).toBe('sesame');
    const key = `key=${link.key}`;
    for (const url of [
      `/api/shared-links/me?${key}`,
      `/api/shared-links/me?${key}&password=wrong`,
      `/api/assets/${a().id}/thumbnail?${key}`,
    ]) {
      const response = await inject('GET', url);
      expect(response.statusCode, url).toBe(401);
      expect(response.json()).toMatchObject({ message: 'Invalid password' });
    }
    const unlocked = await inject('GET', `/api/shared-links/me?${key}&password=sesame`);
    expect(unlocked.statusCode).toBe(200);
    const body = unlocked.json<LinkDto>();
    expect(body.password).toBeNull();
    expect(body.token).toMatch(/^[0-9a-f]{64}$/);
    const cookie = unlocked.cookies.find((item) => item.name === 'immich_shared_link_token');
    expect(cookie?.value).toBe(body.token);
    expect(cookie?.httpOnly).toBe(true);

    const cookies = { immich_shared_link_token: cookie?.value ?? '' };
    const thumbnail = await t.app.inject({
      method: 'GET',
      url: `/api/assets/${a().id}/thumbnail?${key}`,
      cookies,
    });
    expect(thumbnail.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/shared-links/me?${key}`,
      cookies,
    });
    expect(again.statusCode).toBe(200);
  });

  it('stops the key at once when the link is deleted, and drops trashed assets', async () => {
    const link = await createLink({ type: 'INDIVIDUAL', assetIds: [a().id, b().id] });
    const trash = await inject('DELETE', '/api/assets', bearer(owner), { ids: [b().id] });
    expect(trash.statusCode).toBe(204);
    const me = (await inject('GET', `/api/shared-links/me?key=${link.key}`)).json<LinkDto>();
    expect(me.assets.map((asset) => asset.id)).toEqual([a().id]);
    expect((await inject('GET', `/api/assets/${b().id}?key=${link.key}`)).statusCode).toBe(400);

    const removed = await inject('DELETE', `/api/shared-links/${link.id}`, bearer(owner));
    expect(removed.statusCode).toBe(200);
    expect((await inject('GET', `/api/assets/${a().id}?key=${link.key}`)).statusCode).toBe(401);
    const gone = await inject('DELETE', `/api/shared-links/${link.id}`, bearer(owner));
    expect(gone.statusCode).toBe(400);
  });

  it('shares the motion part of a live photo with its still', async () => {
    const userId = t.app.repos.users.byEmail('admin@example.com')?.id ?? '';
    const motion = seedAsset(t.app, userId, {
      fileName: 'live.mov',
      visibility: 'hidden',
      type: 'VIDEO',
    });
    const still = seedAsset(t.app, userId, { fileName: 'live.jpg', livePhotoVideoId: motion.id });
    const link = await createLink({ type: 'INDIVIDUAL', assetIds: [still.id] });
    expect((await inject('GET', `/api/assets/${motion.id}?key=${link.key}`)).statusCode).toBe(200);
  });

  it('edits a link and adds or removes its assets', async () => {
    const link = await createLink({ type: 'INDIVIDUAL', assetIds: [a().id] });
    const edited = await inject('PATCH', `/api/shared-links/${link.id}`, bearer(owner), {
      description: 'New',
      allowDownload: false,
      expiresAt: '2999-12-31T00:00:00.000Z',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      description: 'New',
      allowDownload: false,
      expiresAt: '2999-12-31T00:00:00.000Z',
    });
    const never = await inject('PATCH', `/api/shared-links/${link.id}`, bearer(owner), {
      changeExpiryTime: true,
    });
    expect(never.json()).toMatchObject({ expiresAt: null, description: 'New' });

    const other = await createUser(t.app, owner, { email: 'eve@example.com' });
    const foreign = await upload(other.token, 9, 'foreign.jpg');
    const added = await inject('PUT', `/api/shared-links/${link.id}/assets`, bearer(owner), {
      assetIds: [a().id, c().id, foreign.id],
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual([
      { assetId: a().id, success: false, error: 'duplicate' },
      { assetId: c().id, success: true },
      { assetId: foreign.id, success: false, error: 'no_permission' },
    ]);
    const removed = await inject('DELETE', `/api/shared-links/${link.id}/assets`, bearer(owner), {
      assetIds: [a().id, b().id],
    });
    expect(removed.json()).toEqual([
      { assetId: a().id, success: true },
      { assetId: b().id, success: false, error: 'not_found' },
    ]);
    const now = (
      await inject('GET', `/api/shared-links/${link.id}`, bearer(owner))
    ).json<LinkDto>();
    expect(now.assets.map((asset) => asset.id)).toEqual([c().id]);
  });

  it('answers bad input with 400 and a message, and creates nothing', async () => {
    const other = await createUser(t.app, owner, { email: 'eve@example.com' });
    const foreign = await upload(other.token, 9, 'foreign.jpg');
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{}, /type/],
      [{ type: 'PUBLIC', assetIds: [a().id] }, /type/],
      [{ type: 'INDIVIDUAL' }, 'Invalid assetIds'],
      [{ type: 'INDIVIDUAL', assetIds: [] }, 'Invalid assetIds'],
      [{ type: 'INDIVIDUAL', assetIds: ['nope'] }, /assetIds/],
      [{ type: 'INDIVIDUAL', assetIds: [UNKNOWN] }, 'Not found or no asset.share access'],
      [{ type: 'INDIVIDUAL', assetIds: [foreign.id] }, 'Not found or no asset.share access'],
      [{ type: 'INDIVIDUAL', assetIds: [a().id], expiresAt: 'tomorrow' }, /expiresAt/],
      [{ type: 'ALBUM' }, 'Invalid albumId'],
      [{ type: 'ALBUM', albumId: UNKNOWN }, 'Not found or no album.share access'],
    ];
    for (const [payload, message] of cases) {
      const response = await inject('POST', '/api/shared-links', bearer(owner), payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const text = JSON.stringify(response.json<{ message: unknown }>().message);
      if (typeof message === 'string') expect(text).toContain(message);
      else expect(text).toMatch(message);
    }
    expect((await inject('GET', '/api/shared-links', bearer(owner))).json()).toEqual([]);
    expect((await inject('GET', '/api/shared-links/not-a-uuid', bearer(owner))).statusCode).toBe(
      400,
    );
    expect((await inject('GET', `/api/shared-links/${UNKNOWN}`, bearer(owner))).statusCode).toBe(
      400,
    );
  });

  it('answers 401 without credentials and honours API-key permissions', async () => {
    for (const [method, url] of [
      ['GET', '/api/shared-links'],
      ['POST', '/api/shared-links'],
      ['GET', '/api/shared-links/me'],
      ['GET', `/api/shared-links/${UNKNOWN}`],
      ['PATCH', `/api/shared-links/${UNKNOWN}`],
      ['DELETE', `/api/shared-links/${UNKNOWN}`],
      ['PUT', `/api/shared-links/${UNKNOWN}/assets`],
      ['DELETE', `/api/shared-links/${UNKNOWN}/assets`],
    ] as const) {
      expect((await inject(method, url)).statusCode, `${method} ${url}`).toBe(401);
    }
    // A signed-in user without a key asks /me: Immich answers 403.
    expect((await inject('GET', '/api/shared-links/me', bearer(owner))).statusCode).toBe(403);
    const readOnly = await createApiKey(t.app, owner, ['sharedLink.read']);
    expect(
      (await inject('GET', '/api/shared-links', { 'x-api-key': readOnly.secret })).statusCode,
    ).toBe(200);
    const denied = await inject(
      'POST',
      '/api/shared-links',
      { 'x-api-key': readOnly.secret },
      { type: 'INDIVIDUAL', assetIds: [a().id] },
    );
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({
      message: 'Missing required permission: sharedLink.create',
    });
  });
});
