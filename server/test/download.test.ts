import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import {
  bearer,
  createApiKey,
  createUser,
  readZip,
  seedAsset,
  userIdOf,
} from './accounts-helpers.ts';
import { injectUpload, makeJpeg, uploadFields } from './assets-helpers.ts';
import { archiveNames, planArchives } from '../src/routes/api/download.ts';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface Info {
  totalSize: number;
  archives: { size: number; assetIds: string[] }[];
}

describe('downloads', () => {
  let t: TestApp;
  let owner: string;
  let ownerId: string;

  const inject = (
    url: string,
    payload: Record<string, unknown> | undefined,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

  const upload = async (token: string, seed: number, fileName: string) => {
    const bytes = await makeJpeg(seed, 64 + seed, 48);
    const response = await injectUpload(t.app, token, bytes, {
      fileName,
      fields: uploadFields({ deviceAssetId: `download-${seed}` }),
    });
    if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
    return { id: response.json<{ id: string }>().id, bytes, fileName };
  };

  beforeEach(async () => {
    t = await createTestApp();
    owner = await signUpAdmin(t.app);
    ownerId = await userIdOf(t.app, owner);
  });
  afterEach(() => t.close());

  it('plans archives for chosen assets, split past the archive size, motion parts last', async () => {
    const one = await upload(owner, 1, 'one.jpg');
    const two = await upload(owner, 2, 'two.jpg');
    // Sizes chosen so that the split below is [one, two] then [still, motion].
    const target = one.bytes.length + two.bytes.length - 1;
    const motion = seedAsset(t.app, ownerId, {
      fileName: 'live.mov',
      visibility: 'hidden',
      type: 'VIDEO',
      bytes: Buffer.alloc(target, 7),
    });
    const still = seedAsset(t.app, ownerId, {
      fileName: 'live.jpg',
      livePhotoVideoId: motion.id,
      bytes: Buffer.alloc(300, 1),
    });

    const all = await inject(
      '/api/download/info',
      { assetIds: [one.id, two.id, still.id] },
      bearer(owner),
    );
    expect(all.statusCode).toBe(201);
    const total = one.bytes.length + two.bytes.length + 300 + target;
    expect(all.json()).toEqual({
      totalSize: total,
      archives: [{ size: total, assetIds: [one.id, two.id, still.id, motion.id] }],
    });

    // Immich closes an archive once it passes the target size.
    const split = await inject(
      '/api/download/info',
      { assetIds: [one.id, two.id, still.id], archiveSize: target },
      bearer(owner),
    );
    expect(split.json<Info>().archives.map((archive) => archive.assetIds)).toEqual([
      [one.id, two.id],
      [still.id, motion.id],
    ]);
    expect(split.json<Info>().totalSize).toBe(total);
  });

  it('plans the whole library of the caller, without trash or hidden assets', async () => {
    const one = await upload(owner, 1, 'one.jpg');
    const trashed = seedAsset(t.app, ownerId, { fileName: 'old.jpg', trashed: true });
    seedAsset(t.app, ownerId, { fileName: 'hidden.mov', visibility: 'hidden', type: 'VIDEO' });
    const archived = seedAsset(t.app, ownerId, { fileName: 'archived.jpg', visibility: 'archive' });
    const response = await inject('/api/download/info', { userId: ownerId }, bearer(owner));
    expect(response.statusCode).toBe(201);
    const ids = response.json<Info>().archives.flatMap((archive) => archive.assetIds);
    expect(ids.sort()).toEqual([one.id, archived.id].sort());
    expect(ids).not.toContain(trashed.id);

    const other = await createUser(t.app, owner, { email: 'eve@example.com' });
    const foreign = await inject('/api/download/info', { userId: ownerId }, bearer(other.token));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ message: 'Not found or no timeline.download access' });
  });

  it('streams a zip of the originals, byte for byte, with unique names', async () => {
    const one = await upload(owner, 1, 'photo.jpg');
    const two = await upload(owner, 2, 'photo.jpg');
    const three = await upload(owner, 3, 'PHOTO.jpg');
    const hostile = seedAsset(t.app, ownerId, {
      fileName: '../../etc/evil\u0007.jpg',
      bytes: Buffer.from('evil bytes'),
    });
    const response = await inject(
      '/api/download/archive',
      { assetIds: [one.id, two.id, three.id, hostile.id] },
      bearer(owner),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    const entries = readZip(response.rawPayload);
    expect(entries.map((entry) => entry.name)).toEqual([
      'photo.jpg',
      'photo+1.jpg',
      'PHOTO+2.jpg',
      'evil.jpg',
    ]);
    expect(entries[0]?.data.equals(one.bytes)).toBe(true);
    expect(entries[1]?.data.equals(two.bytes)).toBe(true);
    expect(entries[2]?.data.equals(three.bytes)).toBe(true);
    expect(entries[3]?.data.toString()).toBe('evil bytes');
  });

  it("refuses another user's assets, unknown ids and bad bodies with 400, sending no zip", async () => {
    const mine = await upload(owner, 1, 'mine.jpg');
    const other = await createUser(t.app, owner, { email: 'eve@example.com' });
    const theirs = await upload(other.token, 2, 'theirs.jpg');
    for (const assetIds of [[theirs.id], [mine.id, theirs.id], [UNKNOWN]]) {
      for (const url of ['/api/download/archive', '/api/download/info']) {
        const response = await inject(url, { assetIds }, bearer(owner));
        expect(response.statusCode, url).toBe(400);
        expect(response.json()).toMatchObject({ message: 'Not found or no asset.download access' });
        expect(response.body).not.toContain('theirs.jpg');
      }
    }
    const cases: [string, Record<string, unknown>][] = [
      ['/api/download/archive', {}],
      ['/api/download/archive', { assetIds: ['nope'] }],
      ['/api/download/archive', { assetIds: 'x' }],
      ['/api/download/info', {}],
      ['/api/download/info', { assetIds: [mine.id], archiveSize: 0 }],
      ['/api/download/info', { assetIds: [mine.id], archiveSize: 1.5 }],
      ['/api/download/info', { albumId: UNKNOWN }],
      ['/api/download/info', { userId: 'me' }],
    ];
    for (const [url, payload] of cases) {
      const response = await inject(url, payload, bearer(owner));
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json<{ message: unknown }>().message).toBeTruthy();
    }
    expect((await inject('/api/download/info', {}, bearer(owner))).json()).toMatchObject({
      message: 'assetIds, albumId, or userId is required',
    });
  });

  it('answers 404 before streaming when an original is missing', async () => {
    const asset = seedAsset(t.app, ownerId, { fileName: 'gone.jpg' });
    rmSync(path.join(t.dataDir, asset.original_path));
    const response = await inject('/api/download/archive', { assetIds: [asset.id] }, bearer(owner));
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ message: 'Original file missing for: gone.jpg' });
  });

  it('downloads through a shared link only when it allows downloads, and only its assets', async () => {
    const shared = await upload(owner, 1, 'shared.jpg');
    const private_ = await upload(owner, 2, 'private.jpg');
    const create = async (allowDownload: boolean) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/shared-links',
          headers: bearer(owner),
          payload: { type: 'INDIVIDUAL', assetIds: [shared.id], allowDownload },
        })
      ).json<{ key: string }>().key;
    const open = await create(true);
    const info = await inject(`/api/download/info?key=${open}`, { assetIds: [shared.id] });
    expect(info.statusCode).toBe(201);
    expect(info.json<Info>().archives[0]?.assetIds).toEqual([shared.id]);
    const zip = await inject(`/api/download/archive?key=${open}`, { assetIds: [shared.id] });
    expect(zip.statusCode).toBe(200);
    expect(readZip(zip.rawPayload)[0]?.data.equals(shared.bytes)).toBe(true);
    expect(
      (await inject(`/api/download/archive?key=${open}`, { assetIds: [private_.id] })).statusCode,
    ).toBe(400);
    expect((await inject(`/api/download/info?key=${open}`, { userId: ownerId })).statusCode).toBe(
      400,
    );

    const closed = await create(false);
    for (const url of ['/api/download/info', '/api/download/archive']) {
      const response = await inject(`${url}?key=${closed}`, { assetIds: [shared.id] });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ message: 'Not found or no asset.download access' });
    }
  });

  it('survives a client that goes away mid-archive, and serves the next one whole', async () => {
    const big = seedAsset(t.app, ownerId, {
      fileName: 'big.bin',
      bytes: Buffer.alloc(24 * 1024 * 1024, 3),
    });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const request = () =>
      fetch(`${address}/api/download/archive`, {
        method: 'POST',
        headers: { ...bearer(owner), 'content-type': 'application/json' },
        body: JSON.stringify({ assetIds: [big.id] }),
      });
    const first = await request();
    expect(first.status).toBe(200);
    const reader = first.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    const second = await request();
    const zip = Buffer.from(await second.arrayBuffer());
    const [entry] = readZip(zip);
    expect(entry?.name).toBe('big.bin');
    expect(entry?.data.length).toBe(24 * 1024 * 1024);
    expect((await fetch(`${address}/api/server/ping`)).status).toBe(200);
  });

  it('answers 401 without credentials and 403 to a key without asset.download', async () => {
    const asset = await upload(owner, 1, 'one.jpg');
    expect((await inject('/api/download/info', { assetIds: [asset.id] })).statusCode).toBe(401);
    expect((await inject('/api/download/archive', { assetIds: [asset.id] })).statusCode).toBe(401);
    const key = await createApiKey(t.app, owner, ['asset.read']);
    for (const url of ['/api/download/info', '/api/download/archive']) {
      const response = await inject(url, { assetIds: [asset.id] }, { 'x-api-key': key.secret });
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({
        message: 'Missing required permission: asset.download',
      });
    }
  });
});

describe('download helpers', () => {
  it('names files inside the archive safely and uniquely', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(
      archiveNames([
        { id, original_file_name: 'a.jpg' },
        { id, original_file_name: 'a.jpg' },
        { id, original_file_name: 'a+1.jpg' },
        { id, original_file_name: 'C:\\photos\\b.png' },
        { id, original_file_name: '..' },
        { id, original_file_name: '.hidden' },
        { id, original_file_name: 'noext' },
        { id, original_file_name: 'noext' },
      ]),
    ).toEqual(['a.jpg', 'a+1.jpg', 'a+1+1.jpg', 'b.png', id, '.hidden', 'noext', 'noext+1']);
  });

  it('splits like Immich: an archive closes once it passes the target', () => {
    const asset = (id: string, size: number) => ({ id, size, livePhotoVideoId: null });
    expect(planArchives([asset('a', 5), asset('b', 5), asset('c', 5)], [], 9)).toEqual({
      totalSize: 15,
      archives: [
        { size: 10, assetIds: ['a', 'b'] },
        { size: 5, assetIds: ['c'] },
      ],
    });
    expect(planArchives([], [], 9)).toEqual({ totalSize: 0, archives: [] });
  });
});
