// A second user against the first user's assets, through each of the 15 asset operations of
// Immich's AssetsApi (and the timeline, trash, download and shared-link routes that take asset
// ids), signed in three ways: a session token, an API key with every permission, the session
// cookie. They can neither read, list, change, download nor delete anything of the first user's:
// id-taking operations answer Immich's 400 "Not found or no asset.<permission> access" with no
// asset data in the body, list-like ones answer as for an empty library, and afterwards the first
// user's assets, rows and files are exactly as they were.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import {
  auth,
  createUser,
  injectUpload,
  makeJpeg,
  multipart,
  sha1,
  uploadFields,
} from './assets-helpers.ts';
import { createApiKey } from './accounts-helpers.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Headers = Record<string, string>;

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('a second user and the first user’s assets', () => {
  let t: TestApp;
  let ownerToken: string;
  let otherToken: string;
  let otherKey: string;
  let photo: { id: string; bytes: Buffer };
  let video: { id: string; bytes: Buffer };
  let trashed: { id: string; bytes: Buffer };
  /** An asset of the second user's own, to try linking and bulk edits with. */
  let theirs: string;

  beforeAll(async () => {
    t = await createTestApp();
    ownerToken = await signUpAdmin(t.app);
    const other = await createUser(t.app);
    otherToken = other.token;
    otherKey = (await createApiKey(t.app, otherToken, ['all'], 'other-all')).secret;

    const seed = async (bytes: Buffer, fileName: string, deviceAssetId: string) => {
      const res = await injectUpload(t.app, ownerToken, bytes, {
        fileName,
        fields: uploadFields({ deviceAssetId, deviceId: 'owner-phone' }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return { id: res.json<{ id: string }>().id, bytes };
    };
    photo = await seed(await makeJpeg(301, 80, 60), 'owner-secret.jpg', 'owner-1');
    video = await seed(randomBytes(2048), 'owner-clip.mp4', 'owner-2');
    trashed = await seed(await makeJpeg(302, 80, 60), 'owner-trashed.jpg', 'owner-3');
    const described = await t.app.inject({
      method: 'PUT',
      url: `/api/assets/${photo.id}`,
      headers: auth(ownerToken),
      payload: { description: 'owner private note', rating: 4 },
    });
    expect(described.statusCode).toBe(200);
    const trash = await t.app.inject({
      method: 'DELETE',
      url: '/api/assets',
      headers: auth(ownerToken),
      payload: { ids: [trashed.id] },
    });
    expect(trash.statusCode).toBe(204);
    const mine = await injectUpload(t.app, otherToken, await makeJpeg(303, 80, 60), {
      fileName: 'theirs.jpg',
    });
    theirs = mine.json<{ id: string }>().id;
    await t.app.assetMedia.service.idle();
  });
  afterAll(() => t.close());

  /** Everything the first user has: rows, exif, the API's view of each asset, the stored files. */
  const ownerState = async () => {
    const rows = t.app.db
      .prepare('SELECT * FROM assets WHERE owner_id = (SELECT id FROM users WHERE email = ?)')
      .all('admin@example.com');
    const views = await Promise.all(
      [photo.id, video.id, trashed.id].map(
        async (id) =>
          (
            await t.app.inject({
              method: 'GET',
              url: `/api/assets/${id}`,
              headers: auth(ownerToken),
            })
          ).body,
      ),
    );
    return {
      rows: JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
      exif: JSON.stringify(t.app.db.prepare('SELECT * FROM asset_exif ORDER BY asset_id').all()),
      views,
      files: listFiles(t.dataDir).filter((f) => !f.startsWith('upload-tmp')),
    };
  };

  /** What must never show in an answer to the second user. */
  const secrets = () => [
    photo.id,
    video.id,
    trashed.id,
    'owner-secret',
    'owner-clip',
    'owner-trashed',
    'owner private note',
    'owner-1',
    sha1(photo.bytes).toString('base64'),
    sha1(photo.bytes).toString('hex'),
  ];

  const expectNothingLeaked = (response: LightMyRequestResponse, what: string) => {
    for (const secret of secrets()) expect(response.body, what).not.toContain(secret);
    const magic = photo.bytes.subarray(0, 64);
    expect(response.rawPayload.includes(magic), what).toBe(false);
  };

  const expectDenied = (response: LightMyRequestResponse, what: string) => {
    expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort(), what).toEqual([
      'correlationId',
      'error',
      'message',
      'statusCode',
    ]);
    expect(body.message, what).toMatch(
      /^Not found or no [a-z.]+ access$|^Live photo video not found$/,
    );
    expectNothingLeaked(response, what);
  };

  const replacement = async () =>
    multipart(uploadFields(), [
      { field: 'assetData', data: await makeJpeg(399, 80, 60), fileName: 'replacement.jpg' },
    ]);

  type Attempt = [string, (headers: Headers) => Promise<LightMyRequestResponse>];

  const send = (method: Method, url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** The id-taking operations: each must be refused, whichever way the caller signed in. */
  const deniedAttempts = (): Attempt[] => [
    ['GET /assets/{id}', (h) => send('GET', `/api/assets/${photo.id}`, h)],
    ['GET /assets/{id} (trashed)', (h) => send('GET', `/api/assets/${trashed.id}`, h)],
    ['GET /assets/{id}/original', (h) => send('GET', `/api/assets/${photo.id}/original`, h)],
    [
      'GET /assets/{id}/original with a range',
      (h) => send('GET', `/api/assets/${photo.id}/original`, { ...h, range: 'bytes=0-99' }),
    ],
    ['GET /assets/{id}/thumbnail', (h) => send('GET', `/api/assets/${photo.id}/thumbnail`, h)],
    [
      'GET /assets/{id}/thumbnail?size=preview',
      (h) => send('GET', `/api/assets/${photo.id}/thumbnail?size=preview`, h),
    ],
    [
      'GET /assets/{id}/thumbnail?size=fullsize',
      (h) => send('GET', `/api/assets/${photo.id}/thumbnail?size=fullsize`, h),
    ],
    [
      'GET /assets/{id}/video/playback',
      (h) => send('GET', `/api/assets/${video.id}/video/playback`, h),
    ],
    [
      'PUT /assets/{id}',
      (h) =>
        send('PUT', `/api/assets/${photo.id}`, h, {
          isFavorite: true,
          description: 'defaced',
          visibility: 'archive',
        }),
    ],
    [
      'PUT /assets/{id} linking their video',
      (h) => send('PUT', `/api/assets/${theirs}`, h, { livePhotoVideoId: video.id }),
    ],
    [
      'PUT /assets',
      (h) => send('PUT', '/api/assets', h, { ids: [photo.id], isFavorite: true, rating: 1 }),
    ],
    [
      'PUT /assets with one own id among theirs',
      (h) => send('PUT', '/api/assets', h, { ids: [theirs, photo.id], isFavorite: true }),
    ],
    ['DELETE /assets', (h) => send('DELETE', '/api/assets', h, { ids: [photo.id] })],
    [
      'DELETE /assets force',
      (h) => send('DELETE', '/api/assets', h, { ids: [photo.id, trashed.id], force: true }),
    ],
    [
      'POST /assets/jobs',
      (h) =>
        send('POST', '/api/assets/jobs', h, {
          assetIds: [photo.id],
          name: 'regenerate-thumbnail',
        }),
    ],
    [
      'PUT /assets/{id}/original',
      async (h) => {
        const { body, contentType } = await replacement();
        return t.app.inject({
          method: 'PUT',
          url: `/api/assets/${photo.id}/original`,
          headers: { ...h, 'content-type': contentType },
          payload: body,
        });
      },
    ],
    [
      'POST /assets linking their video',
      async (h) => {
        const { body, contentType } = await multipart(
          uploadFields({ livePhotoVideoId: video.id }),
          [{ field: 'assetData', data: await makeJpeg(398, 80, 60), fileName: 'live.jpg' }],
        );
        return t.app.inject({
          method: 'POST',
          url: '/api/assets',
          headers: { ...h, 'content-type': contentType },
          payload: body,
        });
      },
    ],
    [
      'POST /trash/restore/assets',
      (h) => send('POST', '/api/trash/restore/assets', h, { ids: [trashed.id] }),
    ],
    ['POST /download/info', (h) => send('POST', '/api/download/info', h, { assetIds: [photo.id] })],
    [
      'POST /download/archive',
      (h) => send('POST', '/api/download/archive', h, { assetIds: [photo.id] }),
    ],
    [
      'POST /shared-links',
      (h) =>
        send('POST', '/api/shared-links', h, {
          type: 'INDIVIDUAL',
          assetIds: [photo.id],
          allowDownload: true,
        }),
    ],
  ];

  /** The listing operations: answered as for an empty library, whatever the filter. */
  const listingAttempts = (): [
    string,
    (h: Headers) => Promise<LightMyRequestResponse>,
    unknown,
  ][] => [
    [
      'GET /assets/statistics',
      (h) => send('GET', '/api/assets/statistics', h),
      { images: 1, videos: 0, total: 1 }, // their own photo only
    ],
    [
      'GET /assets/statistics?isTrashed=true',
      (h) => send('GET', '/api/assets/statistics?isTrashed=true', h),
      { images: 0, videos: 0, total: 0 },
    ],
    ['GET /assets/device/{deviceId}', (h) => send('GET', '/api/assets/device/owner-phone', h), []],
    [
      'POST /assets/exist',
      (h) =>
        send('POST', '/api/assets/exist', h, {
          deviceId: 'owner-phone',
          deviceAssetIds: ['owner-1', 'owner-2', 'owner-3'],
        }),
      { existingIds: [] },
    ],
    [
      'POST /assets/bulk-upload-check',
      (h) =>
        send('POST', '/api/assets/bulk-upload-check', h, {
          assets: [
            { id: 'a', checksum: sha1(photo.bytes).toString('hex') },
            { id: 'b', checksum: sha1(trashed.bytes).toString('base64') },
          ],
        }),
      {
        results: [
          { id: 'a', action: 'accept' },
          { id: 'b', action: 'accept' },
        ],
      },
    ],
  ];

  const ways = (): [string, Headers][] => [
    ['session token', auth(otherToken)],
    ['API key', { 'x-api-key': otherKey }],
    ['session cookie', { cookie: `immich_access_token=${otherToken}` }],
  ];

  it('proves the operations work for the owner (so the refusals below mean something)', async () => {
    const h = auth(ownerToken);
    expect((await send('GET', `/api/assets/${photo.id}`, h)).statusCode).toBe(200);
    const original = await send('GET', `/api/assets/${photo.id}/original`, h);
    expect(original.rawPayload.equals(photo.bytes)).toBe(true);
    expect((await send('GET', `/api/assets/${photo.id}/thumbnail`, h)).statusCode).toBe(200);
    expect((await send('GET', `/api/assets/${video.id}/video/playback`, h)).statusCode).toBe(200);
    expect(
      (await send('GET', '/api/assets/device/owner-phone', h)).json<string[]>().sort(),
    ).toEqual(['owner-1', 'owner-2']);
    expect((await send('GET', '/api/assets/statistics', h)).json()).toMatchObject({ total: 2 });
  });

  it.each([0, 1, 2])('refuses every id-taking operation (way %i of signing in)', async (way) => {
    const [wayName, headers] = ways()[way] ?? ['', {}];
    const before = await ownerState();
    for (const [what, attempt] of deniedAttempts()) {
      expectDenied(await attempt(headers), `${wayName}: ${what}`);
    }
    await t.app.assetMedia.service.idle();
    expect(await ownerState()).toEqual(before);
  });

  it.each([0, 1, 2])(
    'lists none of the first user’s assets (way %i of signing in)',
    async (way) => {
      const [wayName, headers] = ways()[way] ?? ['', {}];
      for (const [what, attempt, expected] of listingAttempts()) {
        const response = await attempt(headers);
        expect(response.statusCode, `${wayName}: ${what}`).toBe(200);
        expect(response.json(), `${wayName}: ${what}`).toEqual(expected);
        expectNothingLeaked(response, `${wayName}: ${what}`);
      }
      const random = await send('GET', '/api/assets/random?count=50', headers);
      expect(random.json<{ id: string }[]>().map((asset) => asset.id)).toEqual([theirs]);
      expectNothingLeaked(random, `${wayName}: random`);
      const buckets = await send('GET', '/api/timeline/buckets', headers);
      expect(buckets.json()).toEqual([{ timeBucket: expect.any(String) as string, count: 1 }]);
      const month = (buckets.json<{ timeBucket: string }[]>()[0] ?? { timeBucket: '' }).timeBucket;
      const bucket = await send('GET', `/api/timeline/bucket?timeBucket=${month}`, headers);
      expect(bucket.json<{ id: string[] }>().id).toEqual([theirs]);
      expectNothingLeaked(bucket, `${wayName}: timeline bucket`);
      const trashedBucket = await send(
        'GET',
        `/api/timeline/bucket?timeBucket=${month}&isTrashed=true`,
        headers,
      );
      expect(trashedBucket.json<{ id: string[] }>().id).toEqual([]);
    },
  );

  it('cannot reach the owner’s timeline by naming the owner', async () => {
    const owner = await send('GET', '/api/users/me', auth(ownerToken));
    const ownerId = owner.json<{ id: string }>().id;
    for (const url of [
      `/api/timeline/buckets?userId=${ownerId}`,
      `/api/timeline/bucket?timeBucket=2024-03-01&userId=${ownerId}`,
    ]) {
      const response = await send('GET', url, auth(otherToken));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ message: 'Not found or no timeline.read access' });
      expectNothingLeaked(response, url);
    }
  });

  it('leaves the owner’s trash alone when the second user empties or restores theirs', async () => {
    const before = await ownerState();
    for (const url of ['/api/trash/restore', '/api/trash/empty']) {
      const response = await send('POST', url, auth(otherToken));
      expect(response.statusCode, url).toBe(200);
      expect(response.json(), url).toEqual({ count: 0 });
    }
    await t.app.assetMedia.service.idle();
    expect(await ownerState()).toEqual(before);
    const info = await send('GET', `/api/assets/${trashed.id}`, auth(ownerToken));
    expect(info.json<{ isTrashed: boolean }>().isTrashed).toBe(true);
  });
});
