import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimeBucketAssetResponseDto } from '@immich/sdk';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import {
  auth,
  createUser,
  injectUpload,
  makeJpeg,
  makePng,
  uploadFields,
} from './assets-helpers.ts';

describe('timeline', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp();
    token = await signUpAdmin(t.app);
  });
  afterEach(() => t.close());

  const get = (url: string, who = token) =>
    t.app.inject({ method: 'GET', url, headers: auth(who) });
  const upload = async (seed: number, fields: Record<string, string> = {}, who = token) => {
    const res = await injectUpload(t.app, who, await makeJpeg(seed), {
      fields: uploadFields(fields),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const at = (iso: string) => ({ fileCreatedAt: iso, fileModifiedAt: iso });

  it('lists month buckets newest first, with Immich’s filters', async () => {
    const jan1 = await upload(1, at('2024-01-10T10:00:00.000Z'));
    await upload(2, at('2024-01-20T10:00:00.000Z'));
    const mar = await upload(3, { ...at('2024-03-05T10:00:00.000Z'), isFavorite: 'true' });
    await upload(4, { ...at('2023-12-31T10:00:00.000Z'), visibility: 'archive' });
    await upload(5, { ...at('2023-11-01T10:00:00.000Z'), visibility: 'hidden' });
    const trashed = await upload(6, at('2022-06-01T10:00:00.000Z'));
    await t.app.inject({
      method: 'DELETE',
      url: '/api/assets',
      headers: auth(token),
      payload: { ids: [trashed] },
    });

    const buckets = await get('/api/timeline/buckets');
    expect(buckets.statusCode).toBe(200);
    expect(buckets.json()).toEqual([
      { timeBucket: '2024-03-01', count: 1 },
      { timeBucket: '2024-01-01', count: 2 },
      { timeBucket: '2023-12-01', count: 1 },
    ]);
    expect(
      (await get('/api/timeline/buckets?order=asc'))
        .json<{ timeBucket: string }[]>()
        .map((b) => b.timeBucket),
    ).toEqual(['2023-12-01', '2024-01-01', '2024-03-01']);
    expect((await get('/api/timeline/buckets?visibility=timeline')).json()).toEqual([
      { timeBucket: '2024-03-01', count: 1 },
      { timeBucket: '2024-01-01', count: 2 },
    ]);
    expect((await get('/api/timeline/buckets?visibility=archive')).json()).toEqual([
      { timeBucket: '2023-12-01', count: 1 },
    ]);
    expect((await get('/api/timeline/buckets?visibility=hidden')).json()).toEqual([
      { timeBucket: '2023-11-01', count: 1 },
    ]);
    expect((await get('/api/timeline/buckets?isFavorite=true')).json()).toEqual([
      { timeBucket: '2024-03-01', count: 1 },
    ]);
    expect((await get('/api/timeline/buckets?isTrashed=true')).json()).toEqual([
      { timeBucket: '2022-06-01', count: 1 },
    ]);

    const bucket = await get('/api/timeline/bucket?timeBucket=2024-03-01&isFavorite=true');
    expect(bucket.json<TimeBucketAssetResponseDto>().id).toEqual([mar]);
    expect(jan1).toBeTruthy();
  });

  it('returns a month column by column, as TimeBucketAssetResponseDto, newest first', async () => {
    const early = await upload(10, at('2024-05-02T08:00:00.000Z'));
    const late = await upload(11, { ...at('2024-05-20T08:00:00.000Z'), isFavorite: 'true' });
    const png = await injectUpload(t.app, token, await makePng(12), {
      fileName: 'tall.png',
      fields: uploadFields(at('2024-05-10T08:00:00.000Z')),
    });
    const tall = png.json<{ id: string }>().id;
    await t.app.assetMedia.service.idle();

    const res = await get('/api/timeline/bucket?timeBucket=2024-05-01');
    expect(res.statusCode).toBe(200);
    const body = res.json<TimeBucketAssetResponseDto>();
    const me = t.app.repos.assets.byId(early)?.owner_id;
    expect(body.id).toEqual([late, tall, early]);
    expect(body).toMatchObject({
      ownerId: [me, me, me],
      isFavorite: [true, false, false],
      visibility: ['timeline', 'timeline', 'timeline'],
      isTrashed: [false, false, false],
      isImage: [true, true, true],
      fileCreatedAt: ['2024-05-20T08:00:00', '2024-05-10T08:00:00', '2024-05-02T08:00:00'],
      localOffsetHours: [0, 0, 0],
      duration: [null, null, null],
      projectionType: [null, null, null],
      livePhotoVideoId: [null, null, null],
      city: [null, null, null],
      country: [null, null, null],
    });
    expect(body.ratio).toEqual([1.333, 0.6, 1.333]);
    expect(body.thumbhash.every((h) => typeof h === 'string' && h.length > 0)).toBe(true);
    const keys = Object.keys(body).sort();
    expect(keys).toEqual(
      [
        'city',
        'country',
        'duration',
        'fileCreatedAt',
        'id',
        'isFavorite',
        'isImage',
        'isTrashed',
        'livePhotoVideoId',
        'localOffsetHours',
        'ownerId',
        'projectionType',
        'ratio',
        'thumbhash',
        'visibility',
      ].sort(),
    );
    const asc = (
      await get('/api/timeline/bucket?timeBucket=2024-05-01&order=asc')
    ).json<TimeBucketAssetResponseDto>();
    expect(asc.id).toEqual([early, tall, late]);
    const stacked = (
      await get('/api/timeline/bucket?timeBucket=2024-05-01&withStacked=true')
    ).json<TimeBucketAssetResponseDto>();
    expect(stacked.stack).toEqual([null, null, null]);
    // Full ISO dates are accepted as the bucket too (older clients send them).
    expect(
      (
        await get('/api/timeline/bucket?timeBucket=2024-05-01T00:00:00.000Z')
      ).json<TimeBucketAssetResponseDto>().id,
    ).toHaveLength(3);
    expect(
      (await get('/api/timeline/bucket?timeBucket=2024-06-01')).json<TimeBucketAssetResponseDto>()
        .id,
    ).toEqual([]);
  });

  it('groups by the local date-time month and reports the offset', async () => {
    const id = await upload(20, at('2024-01-31T23:30:00.000Z'));
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/assets/${id}`,
      headers: auth(token),
      payload: { dateTimeOriginal: '2024-02-01T01:30:00.000+02:00' },
    });
    expect(edit.statusCode).toBe(200);
    expect((await get('/api/timeline/buckets')).json()).toEqual([
      { timeBucket: '2024-02-01', count: 1 },
    ]);
    const feb = (
      await get('/api/timeline/bucket?timeBucket=2024-02-01')
    ).json<TimeBucketAssetResponseDto>();
    expect(feb.id).toEqual([id]);
    expect(feb.fileCreatedAt).toEqual(['2024-01-31T23:30:00']);
    expect(feb.localOffsetHours).toEqual([2]);
    expect(
      (await get('/api/timeline/bucket?timeBucket=2024-01-01')).json<TimeBucketAssetResponseDto>()
        .id,
    ).toEqual([]);
  });

  it('shows a user only their own timeline', async () => {
    await upload(30, at('2024-04-01T10:00:00.000Z'));
    const other = await createUser(t.app);
    expect((await get('/api/timeline/buckets', other.token)).json()).toEqual([]);
    const theirBucket = (
      await get('/api/timeline/bucket?timeBucket=2024-04-01', other.token)
    ).json<TimeBucketAssetResponseDto>();
    expect(theirBucket.id).toEqual([]);
    const me = t.app.repos.users.byEmail('admin@example.com')?.id ?? '';
    const peek = await get(`/api/timeline/buckets?userId=${me}`, other.token);
    expect(peek.statusCode).toBe(400);
    expect(peek.json()).toMatchObject({ message: 'Not found or no timeline.read access' });
    const peekBucket = await get(
      `/api/timeline/bucket?timeBucket=2024-04-01&userId=${me}`,
      other.token,
    );
    expect(peekBucket.statusCode).toBe(400);
    expect(peekBucket.body).not.toContain(me.slice(0, 8) + '-');
  });

  it('answers bad parameters with 400 (401 for the locked folder), never a 500', async () => {
    const bad = [
      '/api/timeline/bucket',
      '/api/timeline/bucket?timeBucket=soon',
      '/api/timeline/bucket?timeBucket=2024-13-01',
      '/api/timeline/buckets?visibility=everything',
      '/api/timeline/buckets?order=sideways',
      '/api/timeline/buckets?isFavorite=perhaps',
      '/api/timeline/buckets?userId=me',
      `/api/timeline/buckets?albumId=${randomUUID()}`,
      '/api/timeline/buckets?withPartners=true',
    ];
    for (const url of bad) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ message: unknown }>().message, url).toBeTruthy();
    }
    expect((await get('/api/timeline/buckets?visibility=locked')).statusCode).toBe(401);
    expect((await get(`/api/timeline/buckets?personId=${randomUUID()}`)).json()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/timeline/buckets' })).statusCode).toBe(
      401,
    );
  });

  it('serves one month of a 100,000-asset library from the timeline index, not a table scan', async () => {
    const ownerId = t.app.repos.users.byEmail('admin@example.com')?.id ?? '';
    const insert = t.app.db.prepare(
      `INSERT INTO assets (id, owner_id, type, original_path, original_file_name, original_mime_type,
         checksum, file_size_in_byte, file_created_at, file_modified_at, local_date_time, created_at,
         updated_at, visibility, is_favorite, media_status)
       VALUES (?, ?, 'IMAGE', 'library/x.jpg', 'x.jpg', 'image/jpeg', ?, 1, ?, ?, ?, ?, ?, ?, ?, 'ready')`,
    );
    const start = Date.UTC(2000, 0, 1);
    const expectedInMay2010: string[] = [];
    t.app.db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const iso = new Date(start + i * 9_000_000).toISOString();
        const id = randomUUID();
        const visibility = i % 10 === 0 ? 'archive' : 'timeline';
        insert.run(
          id,
          ownerId,
          Buffer.from(`sum-${i}`),
          iso,
          iso,
          iso,
          iso,
          iso,
          visibility,
          i % 7 === 0 ? 1 : 0,
        );
        if (iso.startsWith('2010-05')) expectedInMay2010.push(id);
      }
    })();

    const buckets = (await get('/api/timeline/buckets')).json<
      { timeBucket: string; count: number }[]
    >();
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(100_000);
    expect(buckets.find((b) => b.timeBucket === '2010-05-01')?.count).toBe(
      expectedInMay2010.length,
    );

    // Watch the SQL the bucket request runs, and ask SQLite how it would run it.
    const statements: string[] = [];
    const prepare = t.app.db.prepare.bind(t.app.db);
    t.app.db.prepare = (sql: string) => {
      statements.push(sql);
      return prepare(sql);
    };
    const bucket = await get('/api/timeline/bucket?timeBucket=2010-05-01');
    t.app.db.prepare = prepare;
    expect(bucket.json<TimeBucketAssetResponseDto>().id.sort()).toEqual(expectedInMay2010.sort());

    const bucketSql = statements.find((sql) => sql.includes('local_date_time >= ?'));
    expect(bucketSql).toBeDefined();
    const params = (bucketSql?.match(/\?/g) ?? []).map(() => 'x');
    const plan = (
      prepare(`EXPLAIN QUERY PLAN ${bucketSql}`).all(...params) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(
      /SEARCH a USING (COVERING )?INDEX assets_timeline \(.*local_date_time>\? AND local_date_time<\?\)/,
    );
    expect(plan.join('\n')).not.toMatch(/SCAN a\b/);
  });
});
