import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { auth, createUser, injectUpload, makeJpeg } from './assets-helpers.ts';

describe('trash', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp();
    token = await signUpAdmin(t.app);
  });
  afterEach(() => t.close());

  const post = (url: string, payload?: object, who = token) =>
    t.app.inject({ method: 'POST', url, headers: auth(who), ...(payload ? { payload } : {}) });
  const upload = async (seed: number, who = token) => {
    const res = await injectUpload(t.app, who, await makeJpeg(seed));
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const trash = (ids: string[], who = token) =>
    t.app.inject({ method: 'DELETE', url: '/api/assets', headers: auth(who), payload: { ids } });
  const isTrashed = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/assets/${id}`, headers: auth(token) })).json<{
      isTrashed: boolean;
    }>().isTrashed;

  it('restores chosen assets and reports how many left the trash', async () => {
    const [a, b, c] = [await upload(1), await upload(2), await upload(3)];
    await trash([a, b]);
    const res = await post('/api/trash/restore/assets', { ids: [a, c] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 1 });
    expect(await isTrashed(a)).toBe(false);
    expect(await isTrashed(b)).toBe(true);
    expect(await isTrashed(c)).toBe(false);
  });

  it('restores the whole trash', async () => {
    const [a, b] = [await upload(4), await upload(5)];
    await trash([a, b]);
    const res = await post('/api/trash/restore');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 2 });
    expect(await isTrashed(a)).toBe(false);
    expect((await post('/api/trash/restore')).json()).toEqual({ count: 0 });
  });

  it('empties the trash for good, files included, and leaves other assets alone', async () => {
    const [a, b, keep] = [await upload(6), await upload(7), await upload(8)];
    await t.app.assetMedia.service.idle();
    const files = [a, b].flatMap((id) => {
      const row = t.app.repos.assets.byId(id);
      return [row?.original_path, row?.thumbnail_path, row?.preview_path].map((p) =>
        path.join(t.dataDir, p ?? 'missing'),
      );
    });
    for (const f of files) expect(fs.existsSync(f)).toBe(true);
    await trash([a, b]);
    const res = await post('/api/trash/empty');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 2 });
    for (const f of files) expect(fs.existsSync(f)).toBe(false);
    expect(t.app.repos.assets.byId(a)).toBeUndefined();
    expect(t.app.repos.assets.byId(keep)).toBeDefined();
    expect((await post('/api/trash/empty')).json()).toEqual({ count: 0 });
  });

  it('touches only the caller’s trash and refuses foreign or malformed ids', async () => {
    const mine = await upload(9);
    await trash([mine]);
    const other = await createUser(t.app);
    const theirs = await upload(10, other.token);
    await trash([theirs], other.token);

    const foreign = await post('/api/trash/restore/assets', { ids: [mine] }, other.token);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ message: 'Not found or no asset.delete access' });
    expect((await post('/api/trash/restore', undefined, other.token)).json()).toEqual({ count: 1 });
    expect((await post('/api/trash/empty', undefined, other.token)).json()).toEqual({ count: 0 });
    expect(await isTrashed(mine)).toBe(true);

    expect((await post('/api/trash/restore/assets', { ids: ['nope'] })).statusCode).toBe(400);
    expect((await post('/api/trash/restore/assets', {})).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/trash/empty' })).statusCode).toBe(401);
  });
});
