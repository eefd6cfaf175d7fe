// Property-based input for the asset and timeline endpoints: whatever JSON body, query or path id
// arrives, the answer is a 2xx or a 4xx in Immich's error shape, never a 5xx, the server keeps
// serving and nobody's assets are lost; and edits that are valid really apply, exactly.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { auth, createUser, injectUpload, makeJpeg, sha1 } from './assets-helpers.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface AssetJson {
  id: string;
  isFavorite: boolean;
  visibility: string;
  exifInfo?: {
    description?: string | null;
    rating?: number | null;
    latitude?: number | null;
    longitude?: number | null;
    dateTimeOriginal?: string | null;
  };
}

describe('asset endpoints under fuzzed input', () => {
  let t: TestApp;
  let token: string;
  let otherToken: string;
  let photoIds: string[];
  let videoId: string;
  let foreignId: string;
  let photoBytes: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    token = await signUpAdmin(t.app);
    otherToken = (await createUser(t.app)).token;
    photoIds = [];
    for (const seed of [1, 2, 3]) {
      const bytes = await makeJpeg(700 + seed, 48, 32);
      if (seed === 1) photoBytes = bytes;
      const res = await injectUpload(t.app, token, bytes, { fileName: `p${seed}.jpg` });
      expect(res.statusCode, res.body).toBe(201);
      photoIds.push(res.json<{ id: string }>().id);
    }
    const video = await injectUpload(t.app, token, randomBytes(1024), { fileName: 'v.mp4' });
    videoId = video.json<{ id: string }>().id;
    const foreign = await injectUpload(t.app, otherToken, await makeJpeg(799, 48, 32));
    foreignId = foreign.json<{ id: string }>().id;
    await t.app.assetMedia.service.idle();
  });
  afterAll(() => t.close());

  const expectHandled = (status: number, body: string, what: string) => {
    expect(status, `${what} → ${status} ${body.slice(0, 200)}`).toBeLessThan(500);
    if (status >= 400) {
      const parsed = JSON.parse(body) as {
        message?: unknown;
        error?: unknown;
        statusCode?: unknown;
      };
      expect(parsed.statusCode, what).toBe(status);
      expect(typeof parsed.error, what).toBe('string');
      const messages = Array.isArray(parsed.message) ? parsed.message : [parsed.message];
      expect(messages.length, what).toBeGreaterThan(0);
      for (const message of messages) {
        expect(typeof message === 'string' && message.length > 0, what).toBe(true);
      }
    }
  };

  const request = async (method: Method, url: string, payload?: string, who = token) => {
    const response = await t.app.inject({
      method,
      url,
      headers: {
        ...auth(who),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });
    expectHandled(response.statusCode, response.body, `${method} ${url} ${payload ?? ''}`);
    return response;
  };

  /** Ids as clients get them wrong: own ones, another user's, unknown, garbage. */
  const ids = (own: boolean) =>
    fc.oneof(
      ...(own ? [fc.constantFrom(...photoIds, videoId)] : []),
      fc.constant(foreignId),
      fc.uuid(),
      fc.string(),
      fc.constant(''),
    );

  /** Plausible-but-wrong DTOs: every field of the asset DTOs, each right, wrong or absent. */
  const plausible = (own: boolean) =>
    fc.record(
      {
        ids: fc.oneof(fc.array(ids(own), { maxLength: 4 }), fc.jsonValue()),
        assetIds: fc.oneof(fc.array(ids(own), { maxLength: 4 }), fc.jsonValue()),
        isFavorite: fc.oneof(fc.boolean(), fc.jsonValue()),
        visibility: fc.oneof(
          fc.constantFrom('archive', 'timeline', 'hidden', 'locked', 'everyone', ''),
          fc.jsonValue(),
        ),
        rating: fc.oneof(fc.integer({ min: -3, max: 8 }), fc.double(), fc.jsonValue()),
        latitude: fc.oneof(fc.double(), fc.integer({ min: -100, max: 100 }), fc.jsonValue()),
        longitude: fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 }), fc.jsonValue()),
        description: fc.oneof(fc.string(), fc.jsonValue()),
        dateTimeOriginal: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.jsonValue(),
        ),
        livePhotoVideoId: fc.oneof(ids(own), fc.constant(null), fc.jsonValue()),
        duplicateId: fc.oneof(fc.uuid(), fc.constant(null), fc.jsonValue()),
        force: fc.oneof(fc.boolean(), fc.jsonValue()),
        name: fc.oneof(
          fc.constantFrom(
            'refresh-faces',
            'refresh-metadata',
            'regenerate-thumbnail',
            'transcode-video',
          ),
          fc.string(),
        ),
        deviceId: fc.oneof(fc.string(), fc.jsonValue()),
        deviceAssetIds: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), fc.jsonValue()),
        assets: fc.oneof(
          fc.array(
            fc.record(
              {
                id: fc.oneof(fc.string(), fc.jsonValue()),
                checksum: fc.oneof(
                  fc.string(),
                  fc.constant(sha1(photoBytes).toString('hex')),
                  fc.constant(sha1(photoBytes).toString('base64')),
                  fc.jsonValue(),
                ),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 4 },
          ),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );

  const endpoints = (): [Method, string, boolean][] => [
    // [method, url, whether the caller's own assets may be named (never for deletion)]
    ['PUT', '/api/assets', true],
    ['PUT', `/api/assets/${photoIds[0]}`, true],
    ['DELETE', '/api/assets', false],
    ['POST', '/api/assets/exist', true],
    ['POST', '/api/assets/bulk-upload-check', true],
    ['POST', '/api/assets/jobs', true],
    ['POST', '/api/trash/restore/assets', true],
  ];

  const assetCount = () => t.app.db.prepare('SELECT COUNT(*) FROM assets').pluck().get() as number;

  it('answers any JSON body with a 2xx or a 4xx and a message', async () => {
    const before = assetCount();
    let sent = 0;
    for (const [method, url, own] of endpoints()) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), plausible(own)), async (body) => {
          await request(method, url, JSON.stringify(body));
          sent += 1;
        }),
        { numRuns: 60 },
      );
    }
    console.log(`assets-fuzz: ${sent} JSON bodies sent`);
    await t.app.assetMedia.service.idle();
    // Nothing was lost: the caller's assets are still there, their originals intact.
    expect(assetCount()).toBe(before);
    const original = await request('GET', `/api/assets/${photoIds[0]}/original`);
    expect(original.rawPayload.equals(photoBytes)).toBe(true);
    const theirs = await request('GET', `/api/assets/${foreignId}`, undefined, otherToken);
    expect(theirs.statusCode).toBe(200);
  });

  it('answers any query of the listing endpoints with a 2xx or a 4xx and a message', async () => {
    const keys = fc.constantFrom(
      'count',
      'isFavorite',
      'isTrashed',
      'visibility',
      'order',
      'timeBucket',
      'userId',
      'albumId',
      'personId',
      'tagId',
      'withPartners',
      'withStacked',
      'key',
    );
    const values = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'true',
        'false',
        'asc',
        'desc',
        'archive',
        'locked',
        '2024-04-01',
        '1e400',
        '-1',
      ),
      fc.integer().map(String),
      fc.double().map(String),
      fc.uuid(),
    );
    const query = fc.array(fc.tuple(keys, values), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        for (const url of [
          '/api/assets/random',
          '/api/assets/statistics',
          '/api/timeline/buckets',
          '/api/timeline/bucket',
        ]) {
          await request('GET', `${url}?${search}`);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('answers any path id with a 2xx or a 4xx and a message', async () => {
    const id = fc.oneof(
      fc.string(),
      fc.uuid(),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('../../etc/passwd', '%00', '.', '..', 'a'.repeat(600)),
    );
    await fc.assert(
      fc.asyncProperty(id, async (raw) => {
        const safe = encodeURIComponent(raw);
        await request('GET', `/api/assets/${safe}`);
        await request('GET', `/api/assets/${safe}/thumbnail?size=preview`);
        await request('GET', `/api/assets/${safe}/original`);
        await request('GET', `/api/assets/${safe}/video/playback`);
        await request('GET', `/api/assets/device/${safe}`);
        await request('PUT', `/api/assets/${safe}`, '{"isFavorite":false}');
      }),
      { numRuns: 60 },
    );
  });

  /** A valid UpdateAssetDto (locked needs a PIN session, so it is left out). */
  const validEdit = fc.record(
    {
      isFavorite: fc.boolean(),
      visibility: fc.constantFrom('archive', 'timeline', 'hidden'),
      rating: fc.integer({ min: 0, max: 5 }),
      description: fc.string({ maxLength: 200 }),
      location: fc.tuple(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
      ),
      dateTimeOriginal: fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T23:59:59Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
    },
    { requiredKeys: [] },
  );

  const toDto = (edit: {
    location?: [number, number];
    [key: string]: unknown;
  }): Record<string, unknown> => {
    const { location, ...rest } = edit;
    // Through JSON as a client would send it (-0 arrives as 0).
    const dto = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    if (location) {
      dto.latitude = JSON.parse(JSON.stringify(location[0])) as number;
      dto.longitude = JSON.parse(JSON.stringify(location[1])) as number;
    }
    return dto;
  };

  /** The edit as the asset now shows it. */
  const expectApplied = (asset: AssetJson, dto: Record<string, unknown>, what: string) => {
    if (dto.isFavorite !== undefined) expect(asset.isFavorite, what).toBe(dto.isFavorite);
    if (dto.visibility !== undefined) expect(asset.visibility, what).toBe(dto.visibility);
    if (dto.rating !== undefined) expect(asset.exifInfo?.rating, what).toBe(dto.rating);
    if (dto.description !== undefined)
      expect(asset.exifInfo?.description ?? '', what).toBe(dto.description);
    if (dto.latitude !== undefined) {
      expect(asset.exifInfo?.latitude, what).toBe(dto.latitude);
      expect(asset.exifInfo?.longitude, what).toBe(dto.longitude);
    }
    if (typeof dto.dateTimeOriginal === 'string') {
      expect(Date.parse(asset.exifInfo?.dateTimeOriginal ?? ''), what).toBe(
        Date.parse(dto.dateTimeOriginal),
      );
    }
  };

  it('applies every valid edit exactly, one asset or many', async () => {
    await fc.assert(
      fc.asyncProperty(
        validEdit,
        fc.subarray(photoIds, { minLength: 1 }),
        async (edit, targets) => {
          const dto = toDto(edit);
          const what = JSON.stringify(dto);
          const [first] = targets;
          const one = await request('PUT', `/api/assets/${first}`, JSON.stringify(dto));
          expect(one.statusCode, what).toBe(200);
          expectApplied(one.json<AssetJson>(), dto, what);

          const many = await request(
            'PUT',
            '/api/assets',
            JSON.stringify({ ids: targets, ...dto }),
          );
          expect(many.statusCode, what).toBe(204);
          for (const id of targets) {
            const asset = await request('GET', `/api/assets/${id}`);
            expectApplied(asset.json<AssetJson>(), dto, `${id} ${what}`);
          }
        },
      ),
      { numRuns: 40 },
    );
    // The files under the library are still exactly the originals uploaded.
    const library = path.join(t.dataDir, 'library');
    const files = fs
      .readdirSync(library, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile());
    expect(files.length).toBe(5);
  });
});
