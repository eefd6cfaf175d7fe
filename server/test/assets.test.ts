import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { buildApp } from '../src/app.ts';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import {
  auth,
  createUser,
  injectUpload,
  makeJpeg,
  makePng,
  multipart,
  sha1,
  uploadFields,
} from './assets-helpers.ts';

interface AssetJson {
  id: string;
  originalFileName: string;
  originalMimeType: string;
  originalPath: string;
  isFavorite: boolean;
  isArchived: boolean;
  isTrashed: boolean;
  visibility: string;
  checksum: string;
  thumbhash: string | null;
  deviceAssetId: string;
  deviceId: string;
  duration: string;
  localDateTime: string;
  fileCreatedAt: string;
  livePhotoVideoId: string | null;
  type: string;
  exifInfo?: Record<string, unknown>;
}

/** Every file under a folder, relative, so tests can see what was (not) stored. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('assets', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp();
    token = await signUpAdmin(t.app);
  });
  afterEach(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...auth(token), ...headers } });
  const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, payload: unknown, who = token) =>
    t.app.inject({ method, url, headers: auth(who), payload: payload as object });
  const upload = async (seed: number, options: Parameters<typeof injectUpload>[3] = {}) => {
    const res = await injectUpload(t.app, token, await makeJpeg(seed), options);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; status: string }>().id;
  };
  const assetCount = () => t.app.db.prepare('SELECT COUNT(*) FROM assets').pluck().get() as number;
  const libraryFiles = () => listFiles(path.join(t.dataDir, 'library'));
  const tmpFiles = () => listFiles(t.app.paths.uploadTmp);

  describe('POST /assets', () => {
    it('stores a new upload (201 created), byte for byte, and describes it', async () => {
      const jpeg = await makeJpeg(1);
      const res = await injectUpload(t.app, token, jpeg, {
        fileName: 'holiday.jpg',
        fields: uploadFields({
          deviceAssetId: 'dev-1',
          isFavorite: 'true',
          duration: '0:00:00.00000',
        }),
      });
      expect(res.statusCode).toBe(201);
      const { id, status } = res.json<{ id: string; status: string }>();
      expect(status).toBe('created');

      const info = await get(`/api/assets/${id}`);
      expect(info.statusCode).toBe(200);
      const asset = info.json<AssetJson>();
      expect(asset).toMatchObject({
        id,
        originalFileName: 'holiday.jpg',
        originalMimeType: 'image/jpeg',
        type: 'IMAGE',
        isFavorite: true,
        isTrashed: false,
        visibility: 'timeline',
        deviceAssetId: 'dev-1',
        deviceId: 'test-device',
        checksum: sha1(jpeg).toString('base64'),
      });
      expect(asset.exifInfo).toMatchObject({ fileSizeInByte: jpeg.length });
      const stored = fs.readFileSync(path.join(t.dataDir, asset.originalPath));
      expect(stored.equals(jpeg)).toBe(true);
      expect(tmpFiles()).toEqual([]);
    });

    it('answers a second upload of the same file with 200 duplicate and the first id', async () => {
      const jpeg = await makeJpeg(2);
      const first = await injectUpload(t.app, token, jpeg);
      const second = await injectUpload(t.app, token, jpeg, { fileName: 'other-name.jpg' });
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual({ id: first.json<{ id: string }>().id, status: 'duplicate' });
      expect(assetCount()).toBe(1);
      expect(libraryFiles()).toHaveLength(1);
      expect(tmpFiles()).toEqual([]);
    });

    it('stores one asset when the same file is uploaded 10 times at once', async () => {
      const jpeg = await makeJpeg(3);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => injectUpload(t.app, token, jpeg)),
      );
      const created = results.filter((r) => r.statusCode === 201);
      const duplicates = results.filter((r) => r.statusCode === 200);
      expect(created).toHaveLength(1);
      expect(duplicates).toHaveLength(9);
      const ids = new Set(results.map((r) => r.json<{ id: string }>().id));
      expect(ids.size).toBe(1);
      for (const d of duplicates) expect(d.json()).toMatchObject({ status: 'duplicate' });
      expect(assetCount()).toBe(1);
      expect(libraryFiles()).toHaveLength(1);
      expect(tmpFiles()).toEqual([]);
    });

    it('accepts x-immich-checksum in hex or base64, and answers a known one without the file', async () => {
      const jpeg = await makeJpeg(4);
      const hex = await injectUpload(t.app, token, jpeg, {
        headers: { 'x-immich-checksum': sha1(jpeg).toString('hex') },
      });
      expect(hex.statusCode).toBe(201);
      const png = await makePng(4);
      const b64 = await injectUpload(t.app, token, png, {
        fileName: 'a.png',
        headers: { 'x-immich-checksum': sha1(png).toString('base64') },
      });
      expect(b64.statusCode).toBe(201);
      // Known checksum: duplicate at once, even though the body is some other file.
      const known = await injectUpload(t.app, token, Buffer.from('not read'), {
        headers: { 'x-immich-checksum': sha1(jpeg).toString('hex') },
      });
      expect(known.statusCode).toBe(200);
      expect(known.json()).toEqual({ id: hex.json<{ id: string }>().id, status: 'duplicate' });
    });

    it('refuses a file whose SHA-1 does not match x-immich-checksum (400, nothing stored)', async () => {
      const jpeg = await makeJpeg(5);
      const res = await injectUpload(t.app, token, jpeg, {
        headers: { 'x-immich-checksum': sha1(Buffer.from('something else')).toString('hex') },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(res.json())).toMatch(/checksum/);
      expect(assetCount()).toBe(0);
      expect(libraryFiles()).toEqual([]);
      expect(tmpFiles()).toEqual([]);
    });

    it('accepts uploads without deviceAssetId and deviceId, as the CLI 3.x sends them', async () => {
      const { deviceAssetId: _a, deviceId: _d, ...rest } = uploadFields();
      const res = await injectUpload(t.app, token, await makeJpeg(6), { fields: rest });
      expect(res.statusCode).toBe(201);
      const asset = (await get(`/api/assets/${res.json<{ id: string }>().id}`)).json<AssetJson>();
      expect(asset.deviceAssetId).toBe('');
      expect(asset.deviceId).toBe('');
    });

    it('validates the fields, reporting every problem, and stores nothing', async () => {
      const res = await injectUpload(t.app, token, await makeJpeg(7), {
        fields: {
          deviceAssetId: '',
          deviceId: 'x',
          fileModifiedAt: 'yesterday',
          isFavorite: 'maybe',
          visibility: 'public',
          livePhotoVideoId: 'not-a-uuid',
        },
      });
      expect(res.statusCode).toBe(400);
      const messages = res.json<{ message: string[] }>().message;
      expect(messages).toEqual(
        expect.arrayContaining([
          'deviceAssetId should not be empty',
          'fileCreatedAt must be a Date instance',
          'fileModifiedAt must be a Date instance',
          'isFavorite must be a boolean value',
          expect.stringMatching(/^visibility must be one of/),
          'livePhotoVideoId must be a UUID',
        ]),
      );
      expect(assetCount()).toBe(0);
      expect(libraryFiles()).toEqual([]);
      expect(tmpFiles()).toEqual([]);
    });

    it('refuses a missing file, a non-multipart body and unsupported types with 400', async () => {
      const { multipart } = await import('./assets-helpers.ts');
      const noFile = await multipart(uploadFields(), []);
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/assets',
        headers: { ...auth(token), 'content-type': noFile.contentType },
        payload: noFile.body,
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json<{ message: string }>().message).toMatch(/assetData/);

      const json = await send('POST', '/api/assets', uploadFields());
      expect(json.statusCode).toBe(400);

      const text = await injectUpload(t.app, token, Buffer.from('hello'), {
        fileName: 'notes.txt',
      });
      expect(text.statusCode).toBe(400);
      expect(text.json()).toMatchObject({ message: 'Unsupported file type notes.txt' });

      const badSidecar = await injectUpload(t.app, token, await makeJpeg(8), {
        sidecar: { data: Buffer.from('<x/>'), fileName: 'side.exe' },
      });
      expect(badSidecar.statusCode).toBe(400);
      expect(assetCount()).toBe(0);
      expect(libraryFiles()).toEqual([]);
      expect(tmpFiles()).toEqual([]);
    });

    it('answers malformed, truncated and oversized multipart bodies with 4xx, storing nothing', async () => {
      const raw = (payload: string, contentType = 'multipart/form-data; boundary=abc') =>
        t.app.inject({
          method: 'POST',
          url: '/api/assets',
          headers: { ...auth(token), 'content-type': contentType },
          payload,
        });
      expect((await raw('xx', 'multipart/form-data')).statusCode).toBe(400);
      expect((await raw('garbage')).statusCode).toBe(400);
      const truncated = await raw(
        '--abc\r\nContent-Disposition: form-data; name="assetData"; filename="a.jpg"\r\n\r\nxxxx',
      );
      expect(truncated.statusCode).toBe(400);
      expect(truncated.json<{ message: string }>().message).toMatch(/did not complete/);

      const longField = await multipart(
        { ...uploadFields(), deviceId: 'x'.repeat(2 * 1024 * 1024) },
        [{ field: 'assetData', data: await makeJpeg(16), fileName: 'a.jpg' }],
      );
      const tooLong = await t.app.inject({
        method: 'POST',
        url: '/api/assets',
        headers: { ...auth(token), 'content-type': longField.contentType },
        payload: longField.body,
      });
      expect(tooLong.statusCode).toBe(413);
      const manyFiles = await multipart(
        uploadFields(),
        Array.from({ length: 6 }, (_, i) => ({
          field: `f${i}`,
          data: Buffer.from('x'),
          fileName: 'a.jpg',
        })),
      );
      const tooMany = await t.app.inject({
        method: 'POST',
        url: '/api/assets',
        headers: { ...auth(token), 'content-type': manyFiles.contentType },
        payload: manyFiles.body,
      });
      expect(tooMany.statusCode).toBe(413);
      expect(assetCount()).toBe(0);
      expect(libraryFiles()).toEqual([]);
      expect(tmpFiles()).toEqual([]);
    });

    it('never uses a client name as a path: ../ is cut off, NUL bytes are refused', async () => {
      const noExtension = await injectUpload(t.app, token, await makeJpeg(9), {
        fileName: '../../x',
      });
      expect(noExtension.statusCode).toBe(400);

      const climbing = await injectUpload(t.app, token, await makeJpeg(10), {
        fields: uploadFields({ filename: '../../../etc/evil.jpg' }),
      });
      expect(climbing.statusCode).toBe(201);
      const asset = (
        await get(`/api/assets/${climbing.json<{ id: string }>().id}`)
      ).json<AssetJson>();
      expect(asset.originalFileName).toBe('evil.jpg');
      expect(path.resolve(t.dataDir, asset.originalPath).startsWith(t.dataDir + path.sep)).toBe(
        true,
      );

      const nul = await injectUpload(t.app, token, await makeJpeg(11), {
        fields: uploadFields({ filename: 'a\u0000.jpg' }),
      });
      expect(nul.statusCode).toBe(400);
      expect(nul.json<{ message: string }>().message).toMatch(/control characters/);
      expect(assetCount()).toBe(1);
    });

    it('uses filename, visibility and sidecarData, storing the sidecar beside the original', async () => {
      const xmp = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>');
      const id = await upload(12, {
        fileName: 'blob',
        fields: uploadFields({ filename: 'renamed.png', visibility: 'archive' }),
        sidecar: { data: xmp, fileName: 'renamed.png.xmp' },
      });
      const asset = (await get(`/api/assets/${id}`)).json<AssetJson>();
      expect(asset).toMatchObject({
        originalFileName: 'renamed.png',
        isArchived: true,
        visibility: 'archive',
      });
      const row = t.app.repos.assets.byId(id);
      expect(row?.sidecar_path).toBeTruthy();
      expect(path.dirname(row?.sidecar_path ?? '')).toBe(path.dirname(asset.originalPath));
      expect(fs.readFileSync(path.join(t.dataDir, row?.sidecar_path ?? '')).equals(xmp)).toBe(true);
    });

    it('links a live photo: the motion video is hidden from the timeline', async () => {
      const video = await injectUpload(t.app, token, randomBytes(2048), { fileName: 'motion.mov' });
      const videoId = video.json<{ id: string }>().id;
      const photoId = await upload(13, { fields: uploadFields({ livePhotoVideoId: videoId }) });
      expect((await get(`/api/assets/${photoId}`)).json<AssetJson>().livePhotoVideoId).toBe(
        videoId,
      );
      expect((await get(`/api/assets/${videoId}`)).json<AssetJson>().visibility).toBe('hidden');

      const notAVideo = await injectUpload(t.app, token, await makeJpeg(14), {
        fields: uploadFields({ livePhotoVideoId: photoId }),
      });
      expect(notAVideo.statusCode).toBe(400);
      const unknown = await injectUpload(t.app, token, await makeJpeg(15), {
        fields: uploadFields({ livePhotoVideoId: randomUUID() }),
      });
      expect(unknown.statusCode).toBe(400);
    });

    it('requires credentials', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/assets' });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('PUT /assets/:id/original', () => {
    it('replaces the file (200 replaced) and keeps the old one as a trashed copy', async () => {
      const oldJpeg = await makeJpeg(20);
      const newJpeg = await makeJpeg(21);
      const id = await upload(20);
      const res = await injectUpload(t.app, token, newJpeg, {
        method: 'PUT',
        url: `/api/assets/${id}/original`,
        fileName: 'new.jpg',
      });
      expect(res.statusCode).toBe(200);
      const { id: copyId, status } = res.json<{ id: string; status: string }>();
      expect(status).toBe('replaced');
      expect(copyId).not.toBe(id);

      const original = await get(`/api/assets/${id}/original`);
      expect(original.rawPayload.equals(newJpeg)).toBe(true);
      const asset = (await get(`/api/assets/${id}`)).json<AssetJson>();
      expect(asset).toMatchObject({
        originalFileName: 'new.jpg',
        checksum: sha1(newJpeg).toString('base64'),
      });

      const copy = (await get(`/api/assets/${copyId}`)).json<AssetJson>();
      expect(copy).toMatchObject({ isTrashed: true, checksum: sha1(oldJpeg).toString('base64') });
      expect((await get(`/api/assets/${copyId}/original`)).rawPayload.equals(oldJpeg)).toBe(true);
    });

    it('answers 400 for another user, an unknown id, a bad id or a missing file', async () => {
      const id = await upload(22);
      const other = await createUser(t.app);
      const jpeg = await makeJpeg(23);
      const foreign = await injectUpload(t.app, other.token, jpeg, {
        method: 'PUT',
        url: `/api/assets/${id}/original`,
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json()).toMatchObject({ message: 'Not found or no asset.update access' });
      const unknown = await injectUpload(t.app, token, jpeg, {
        method: 'PUT',
        url: `/api/assets/${randomUUID()}/original`,
      });
      expect(unknown.statusCode).toBe(400);
      const badId = await injectUpload(t.app, token, jpeg, {
        method: 'PUT',
        url: '/api/assets/nope/original',
      });
      expect(badId.statusCode).toBe(400);
      expect(assetCount()).toBe(1);
      expect(libraryFiles()).toHaveLength(1);
    });
  });

  describe('GET /assets/:id', () => {
    it('refuses bad, unknown and foreign ids with 400 and no asset data', async () => {
      const id = await upload(30);
      const bad = await get('/api/assets/not-a-uuid');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      const unknown = await get(`/api/assets/${randomUUID()}`);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ message: 'Not found or no asset.read access' });
      const other = await createUser(t.app);
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/assets/${id}`,
        headers: auth(other.token),
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.body).not.toContain('photo.jpg');
      expect(Object.keys(foreign.json<object>()).sort()).toEqual([
        'correlationId',
        'error',
        'message',
        'statusCode',
      ]);
    });
  });

  describe('PUT /assets/:id', () => {
    it('updates favourite, visibility, description, rating, location and date', async () => {
      const id = await upload(40);
      const res = await send('PUT', `/api/assets/${id}`, {
        isFavorite: true,
        visibility: 'archive',
        description: 'At the lake',
        rating: 4,
        latitude: 46.5,
        longitude: 6.6,
        dateTimeOriginal: '2023-07-14T18:30:00.000+02:00',
      });
      expect(res.statusCode).toBe(200);
      const asset = res.json<AssetJson>();
      expect(asset).toMatchObject({
        isFavorite: true,
        isArchived: true,
        visibility: 'archive',
        fileCreatedAt: '2023-07-14T16:30:00.000Z',
        localDateTime: '2023-07-14T18:30:00.000Z',
      });
      expect(asset.exifInfo).toMatchObject({
        description: 'At the lake',
        rating: 4,
        latitude: 46.5,
        longitude: 6.6,
        dateTimeOriginal: '2023-07-14T16:30:00.000Z',
        timeZone: 'UTC+2',
      });
    });

    it('keeps user edits when the metadata is extracted again', async () => {
      const id = await upload(41);
      await t.app.assetMedia.service.idle();
      await send('PUT', `/api/assets/${id}`, {
        description: 'mine',
        dateTimeOriginal: '2020-01-02T03:04:05Z',
      });
      const jobs = await send('POST', '/api/assets/jobs', {
        assetIds: [id],
        name: 'refresh-metadata',
      });
      expect(jobs.statusCode).toBe(204);
      await t.app.assetMedia.service.idle();
      const asset = (await get(`/api/assets/${id}`)).json<AssetJson>();
      expect(asset.exifInfo).toMatchObject({
        description: 'mine',
        dateTimeOriginal: '2020-01-02T03:04:05.000Z',
      });
      expect(asset.localDateTime).toBe('2020-01-02T03:04:05.000Z');
    });

    it('answers bad input with 400 and changes nothing', async () => {
      const id = await upload(42);
      const cases: unknown[] = [
        { visibility: 'public' },
        { isFavorite: 'yes please' },
        { rating: 9 },
        { latitude: 10 },
        { latitude: 100, longitude: 0 },
        { dateTimeOriginal: 'last summer' },
        { livePhotoVideoId: 'abc' },
      ];
      for (const body of cases) {
        const res = await send('PUT', `/api/assets/${id}`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json<{ message: unknown }>().message).toBeTruthy();
      }
      const locked = await send('PUT', `/api/assets/${id}`, { visibility: 'locked' });
      expect(locked.statusCode).toBe(401);
      expect(locked.json()).toMatchObject({ message: 'Elevated permission is required' });
      expect(
        (await send('PUT', '/api/assets', { ids: [id], visibility: 'locked' })).statusCode,
      ).toBe(401);
      const lockedUpload = await injectUpload(t.app, token, await makeJpeg(43), {
        fields: uploadFields({ visibility: 'locked' }),
      });
      expect(lockedUpload.statusCode).toBe(401);
      const malformed = await t.app.inject({
        method: 'PUT',
        url: `/api/assets/${id}`,
        headers: { ...auth(token), 'content-type': 'application/json' },
        payload: '{"isFavorite": tru',
      });
      expect(malformed.statusCode).toBe(400);
      const asset = (await get(`/api/assets/${id}`)).json<AssetJson>();
      expect(asset).toMatchObject({ isFavorite: false, visibility: 'timeline' });
      const other = await createUser(t.app);
      const foreign = await send('PUT', `/api/assets/${id}`, { isFavorite: true }, other.token);
      expect(foreign.statusCode).toBe(400);
      expect((await get(`/api/assets/${id}`)).json<AssetJson>().isFavorite).toBe(false);
    });
  });

  describe('PUT /assets (bulk)', () => {
    it('updates every id (204) and refuses the whole request if one is not the caller’s', async () => {
      const a = await upload(50);
      const b = await upload(51);
      const res = await send('PUT', '/api/assets', {
        ids: [a, b],
        isFavorite: true,
        visibility: 'archive',
        rating: 3,
        description: 'bulk',
        latitude: 1.5,
        longitude: 2.5,
        dateTimeOriginal: '2022-02-02T02:02:02.000Z',
        duplicateId: null,
      });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      for (const id of [a, b]) {
        const asset = (await get(`/api/assets/${id}`)).json<AssetJson>();
        expect(asset).toMatchObject({
          isFavorite: true,
          visibility: 'archive',
          localDateTime: '2022-02-02T02:02:02.000Z',
        });
        expect(asset.exifInfo).toMatchObject({
          rating: 3,
          description: 'bulk',
          latitude: 1.5,
          longitude: 2.5,
        });
      }
      const other = await createUser(t.app);
      const otherAsset = await injectUpload(t.app, other.token, await makeJpeg(52));
      const mixed = await send('PUT', '/api/assets', {
        ids: [a, otherAsset.json<{ id: string }>().id],
        isFavorite: false,
      });
      expect(mixed.statusCode).toBe(400);
      expect((await get(`/api/assets/${a}`)).json<AssetJson>().isFavorite).toBe(true);
      expect((await send('PUT', '/api/assets', { ids: ['x'] })).statusCode).toBe(400);
      expect((await send('PUT', '/api/assets', { isFavorite: true })).statusCode).toBe(400);
    });
  });

  describe('DELETE /assets', () => {
    it('moves to the trash, or with force removes the asset and its files (204)', async () => {
      const a = await upload(60);
      const b = await upload(61);
      await t.app.assetMedia.service.idle();
      const trashed = await send('DELETE', '/api/assets', { ids: [a] });
      expect(trashed.statusCode).toBe(204);
      expect((await get(`/api/assets/${a}`)).json<AssetJson>().isTrashed).toBe(true);

      const row = t.app.repos.assets.byId(b);
      const files = [row?.original_path, row?.thumbnail_path, row?.preview_path].map((p) =>
        path.join(t.dataDir, p ?? 'missing'),
      );
      for (const f of files) expect(fs.existsSync(f), f).toBe(true);
      const forced = await send('DELETE', '/api/assets', { ids: [b], force: true });
      expect(forced.statusCode).toBe(204);
      expect((await get(`/api/assets/${b}`)).statusCode).toBe(400);
      for (const f of files) expect(fs.existsSync(f), f).toBe(false);

      expect((await send('DELETE', '/api/assets', { ids: ['nope'] })).statusCode).toBe(400);
      const other = await createUser(t.app);
      expect(
        (await send('DELETE', '/api/assets', { ids: [a], force: true }, other.token)).statusCode,
      ).toBe(400);
      expect(t.app.repos.assets.byId(a)).toBeDefined();
    });
  });

  describe('GET /assets/:id/original', () => {
    it('streams the original with its type, name, validators and byte ranges', async () => {
      const jpeg = await makeJpeg(70);
      const id = await upload(70, { fileName: 'Été à Paris.jpg' });
      const full = await get(`/api/assets/${id}/original`);
      expect(full.statusCode).toBe(200);
      expect(full.rawPayload.equals(jpeg)).toBe(true);
      expect(full.headers['content-type']).toBe('image/jpeg');
      expect(full.headers['content-disposition']).toBe(
        `inline; filename*=UTF-8''${encodeURIComponent('Été à Paris.jpg')}`,
      );
      expect(full.headers['accept-ranges']).toBe('bytes');
      expect(full.headers['last-modified']).toBeTruthy();
      const etag = String(full.headers.etag);

      const part = await get(`/api/assets/${id}/original`, { range: 'bytes=10-19' });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 10-19/${jpeg.length}`);
      expect(part.rawPayload.equals(jpeg.subarray(10, 20))).toBe(true);

      const open = await get(`/api/assets/${id}/original`, { range: `bytes=${jpeg.length - 5}-` });
      expect(open.statusCode).toBe(206);
      expect(open.rawPayload.equals(jpeg.subarray(jpeg.length - 5))).toBe(true);
      const suffix = await get(`/api/assets/${id}/original`, { range: 'bytes=-7' });
      expect(suffix.rawPayload.equals(jpeg.subarray(jpeg.length - 7))).toBe(true);

      const past = await get(`/api/assets/${id}/original`, { range: `bytes=${jpeg.length}-` });
      expect(past.statusCode).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${jpeg.length}`);
      expect(past.json()).toMatchObject({ statusCode: 416 });

      const cached = await get(`/api/assets/${id}/original`, { 'if-none-match': etag });
      expect(cached.statusCode).toBe(304);
      expect(cached.body).toBe('');

      const other = await createUser(t.app);
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/assets/${id}/original`,
        headers: auth(other.token),
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.rawPayload.includes(jpeg.subarray(0, 16))).toBe(false);
    });
  });

  describe('GET /assets/:id/thumbnail', () => {
    it('serves the 250 px WebP thumbnail, the JPEG preview, and redirects fullsize of a JPEG', async () => {
      const id = await upload(80);
      // Asked for before the media job has run: the request waits for it.
      const thumb = await get(`/api/assets/${id}/thumbnail`);
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      expect(thumb.headers['cache-control']).toBe('private, max-age=86400, no-transform');
      const meta = await sharp(thumb.rawPayload).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.min(meta.width, meta.height)).toBe(250);

      const cached = await get(`/api/assets/${id}/thumbnail`, {
        'if-none-match': String(thumb.headers.etag),
      });
      expect(cached.statusCode).toBe(304);

      const preview = await get(`/api/assets/${id}/thumbnail?size=preview`);
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['content-type']).toBe('image/jpeg');
      expect((await sharp(preview.rawPayload).metadata()).format).toBe('jpeg');

      const fullsize = await get(`/api/assets/${id}/thumbnail?size=fullsize&c=abc`);
      expect(fullsize.statusCode).toBe(302);
      expect(fullsize.headers.location).toBe('original?c=abc');

      expect((await get(`/api/assets/${id}/thumbnail?size=huge`)).statusCode).toBe(400);
      const asset = (await get(`/api/assets/${id}`)).json<AssetJson>();
      expect(asset.thumbhash).toEqual(expect.any(String));
    });

    it('answers 404 (never a 500) when no thumbnail can be made', async () => {
      const res = await injectUpload(t.app, token, randomBytes(4096), { fileName: 'broken.jpg' });
      expect(res.statusCode).toBe(201);
      const id = res.json<{ id: string }>().id;
      const thumb = await get(`/api/assets/${id}/thumbnail`);
      expect(thumb.statusCode).toBe(404);
      expect(thumb.json()).toMatchObject({ statusCode: 404, message: 'Asset media not found' });
      // The original stays downloadable.
      expect((await get(`/api/assets/${id}/original`)).statusCode).toBe(200);
    });
  });

  describe('GET /assets/:id/video/playback', () => {
    it('streams a video with ranges and refuses an image with 400', async () => {
      const clip = randomBytes(10_000);
      const video = await injectUpload(t.app, token, clip, { fileName: 'clip.mp4' });
      const id = video.json<{ id: string }>().id;
      const range = await get(`/api/assets/${id}/video/playback`, { range: 'bytes=0-' });
      expect(range.statusCode).toBe(206);
      expect(range.headers['content-type']).toBe('video/mp4');
      expect(range.headers['content-range']).toBe(`bytes 0-9999/10000`);
      expect(range.rawPayload.equals(clip)).toBe(true);
      const image = await upload(90);
      const notVideo = await get(`/api/assets/${image}/video/playback`);
      expect(notVideo.statusCode).toBe(400);
      expect(notVideo.json()).toMatchObject({ message: 'Asset is not a video' });
    });
  });

  describe('statistics, random, device, exist, bulk-upload-check, jobs', () => {
    it('counts images and videos with the favourite, trash and visibility filters', async () => {
      const a = await upload(100);
      const b = await upload(101, { fields: uploadFields({ isFavorite: 'true' }) });
      await upload(102, { fields: uploadFields({ visibility: 'archive' }) });
      await injectUpload(t.app, token, randomBytes(500), { fileName: 'v.mp4' });
      await send('DELETE', '/api/assets', { ids: [a] });
      expect((await get('/api/assets/statistics')).json()).toEqual({
        images: 2,
        videos: 1,
        total: 3,
      });
      expect((await get('/api/assets/statistics?isFavorite=true')).json()).toEqual({
        images: 1,
        videos: 0,
        total: 1,
      });
      expect((await get('/api/assets/statistics?isTrashed=true')).json()).toEqual({
        images: 1,
        videos: 0,
        total: 1,
      });
      expect((await get('/api/assets/statistics?visibility=archive')).json()).toEqual({
        images: 1,
        videos: 0,
        total: 1,
      });
      expect((await get('/api/assets/statistics?visibility=nope')).statusCode).toBe(400);
      expect((await get('/api/assets/statistics?visibility=locked')).statusCode).toBe(401);
      const other = await createUser(t.app);
      const theirs = await t.app.inject({
        method: 'GET',
        url: '/api/assets/statistics',
        headers: auth(other.token),
      });
      expect(theirs.json()).toEqual({ images: 0, videos: 0, total: 0 });
      expect(b).toBeTruthy();
    });

    it('returns random assets of the caller only', async () => {
      const ids = [await upload(110), await upload(111), await upload(112)];
      const three = await get('/api/assets/random?count=3');
      expect(three.statusCode).toBe(200);
      expect(
        three
          .json<AssetJson[]>()
          .map((a) => a.id)
          .sort(),
      ).toEqual([...ids].sort());
      expect((await get('/api/assets/random')).json<AssetJson[]>()).toHaveLength(1);
      expect((await get('/api/assets/random?count=0')).statusCode).toBe(400);
      expect((await get('/api/assets/random?count=abc')).statusCode).toBe(400);
      const other = await createUser(t.app);
      const theirs = await t.app.inject({
        method: 'GET',
        url: '/api/assets/random?count=5',
        headers: auth(other.token),
      });
      expect(theirs.json()).toEqual([]);
    });

    it('lists device asset ids and checks which exist', async () => {
      await upload(120, { fields: uploadFields({ deviceAssetId: 'd-1', deviceId: 'phone' }) });
      await upload(121, { fields: uploadFields({ deviceAssetId: 'd-2', deviceId: 'phone' }) });
      await upload(122, { fields: uploadFields({ deviceAssetId: 'd-3', deviceId: 'tablet' }) });
      expect((await get('/api/assets/device/phone')).json<string[]>().sort()).toEqual([
        'd-1',
        'd-2',
      ]);
      const exist = await send('POST', '/api/assets/exist', {
        deviceId: 'phone',
        deviceAssetIds: ['d-1', 'd-3', 'd-9'],
      });
      expect(exist.statusCode).toBe(200);
      expect(exist.json()).toEqual({ existingIds: ['d-1'] });
      expect(
        (await send('POST', '/api/assets/exist', { deviceId: 'phone', deviceAssetIds: [] }))
          .statusCode,
      ).toBe(400);
      expect(
        (await send('POST', '/api/assets/exist', { deviceAssetIds: ['d-1'] })).statusCode,
      ).toBe(400);
    });

    it('rejects known checksums as duplicates in the bulk upload check', async () => {
      const jpeg = await makeJpeg(130);
      const id = await upload(130);
      const trashedJpeg = await makeJpeg(131);
      const trashed = await upload(131);
      await send('DELETE', '/api/assets', { ids: [trashed] });
      const res = await send('POST', '/api/assets/bulk-upload-check', {
        assets: [
          { id: 'a', checksum: sha1(jpeg).toString('hex') },
          { id: 'b', checksum: sha1(trashedJpeg).toString('base64') },
          { id: 'c', checksum: sha1(Buffer.from('new')).toString('hex') },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        results: [
          { id: 'a', action: 'reject', reason: 'duplicate', assetId: id, isTrashed: false },
          { id: 'b', action: 'reject', reason: 'duplicate', assetId: trashed, isTrashed: true },
          { id: 'c', action: 'accept' },
        ],
      });
      expect(
        (await send('POST', '/api/assets/bulk-upload-check', { assets: [{ id: 'a' }] })).statusCode,
      ).toBe(400);
      const other = await createUser(t.app);
      const theirs = await send(
        'POST',
        '/api/assets/bulk-upload-check',
        { assets: [{ id: 'a', checksum: sha1(jpeg).toString('hex') }] },
        other.token,
      );
      expect(theirs.json()).toEqual({ results: [{ id: 'a', action: 'accept' }] });
    });

    it('re-runs media work for POST /assets/jobs (204) and checks names and ownership', async () => {
      const id = await upload(140);
      await t.app.assetMedia.service.idle();
      const thumbnail = path.join(
        t.dataDir,
        t.app.repos.assets.byId(id)?.thumbnail_path ?? 'missing',
      );
      fs.rmSync(thumbnail);
      const res = await send('POST', '/api/assets/jobs', {
        assetIds: [id],
        name: 'regenerate-thumbnail',
      });
      expect(res.statusCode).toBe(204);
      await t.app.assetMedia.service.idle();
      expect(fs.existsSync(thumbnail)).toBe(true);
      expect(
        (await send('POST', '/api/assets/jobs', { assetIds: [id], name: 'dance' })).statusCode,
      ).toBe(400);
      const other = await createUser(t.app);
      const foreign = await send(
        'POST',
        '/api/assets/jobs',
        { assetIds: [id], name: 'refresh-metadata' },
        other.token,
      );
      expect(foreign.statusCode).toBe(400);
    });
  });
});

describe('upload storage', () => {
  it('leaves no half asset and no temporary file when the connection is cut mid-upload', async () => {
    const t = await createTestApp();
    try {
      const token = await signUpAdmin(t.app);
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const address = t.app.server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      const big = Buffer.concat([await makeJpeg(200), randomBytes(4 * 1024 * 1024)]);
      const { body, contentType } = await multipart(uploadFields(), [
        { field: 'assetData', data: big, fileName: 'big.jpg' },
      ]);
      const socket = net.connect(address.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/assets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      // Half the body, then the connection drops.
      await new Promise<void>((resolve) =>
        socket.write(body.subarray(0, body.length / 2), () => resolve()),
      );
      const tmp = t.app.paths.uploadTmp;
      for (let i = 0; i < 100 && listFiles(tmp).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(listFiles(tmp)).toHaveLength(1);
      socket.destroy();
      for (let i = 0; i < 250 && listFiles(tmp).length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(listFiles(tmp)).toEqual([]);
      expect(t.app.db.prepare('SELECT COUNT(*) FROM assets').pluck().get()).toBe(0);
      expect(listFiles(path.join(t.dataDir, 'library'))).toEqual([]);
      // The server is still up and takes the next upload.
      const next = await injectUpload(t.app, token, await makeJpeg(201));
      expect(next.statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('answers a known checksum once the body has arrived, on the same kept-alive connection', async () => {
    const t = await createTestApp();
    try {
      const token = await signUpAdmin(t.app);
      const jpeg = await makeJpeg(205);
      const checksum = sha1(jpeg).toString('hex');
      const first = await injectUpload(t.app, token, jpeg, {
        headers: { 'x-immich-checksum': checksum },
      });
      expect(first.statusCode).toBe(201);
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const address = t.app.server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      const { body, contentType } = await multipart(uploadFields(), [
        { field: 'assetData', data: jpeg, fileName: 'again.jpg' },
      ]);
      const socket = net.connect(address.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      let received = '';
      let bodySent = false;
      let answeredBeforeBody = false;
      socket.on('data', (chunk: Buffer) => {
        if (!bodySent) answeredBeforeBody = true;
        received += chunk.toString('latin1');
      });
      socket.write(
        `POST /api/assets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
          `x-immich-checksum: ${checksum}\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      await new Promise<void>((resolve) =>
        socket.write(body.subarray(0, body.length / 2), () => resolve()),
      );
      // The server knows the answer from the header; it waits for the rest before giving it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      bodySent = true;
      socket.write(body.subarray(body.length / 2));
      for (let i = 0; i < 250 && !received.includes('"status":"duplicate"'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(answeredBeforeBody).toBe(false);
      expect(received).toMatch(/^HTTP\/1\.1 200 /);
      expect(received).toContain(`"id":"${first.json<{ id: string }>().id}"`);
      // The connection is still usable: the body did not stay behind the answer.
      received = '';
      socket.write(`GET /api/server/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      for (let i = 0; i < 250 && !received.includes('pong'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(received).toMatch(/^HTTP\/1\.1 200 [\s\S]*pong/);
      socket.destroy();
    } finally {
      await t.close();
    }
  });

  it('clears upload leftovers at start and makes the media an interrupted run never made', async () => {
    const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-restart-test-'));
    try {
      const first = await buildApp({ dataDir });
      const token = await signUpAdmin(first);
      const res = await injectUpload(first, token, await makeJpeg(210));
      const id = res.json<{ id: string }>().id;
      await first.assetMedia.service.idle();
      // As if the server had stopped before the media job ran, mid-way through another upload.
      first.repos.assets.update([id], {
        media_status: 'pending',
        thumbnail_path: null,
        preview_path: null,
      });
      await first.close();
      fs.writeFileSync(path.join(dataDir, 'upload-tmp', 'leftover.part'), 'half a file');

      const second = await buildApp({ dataDir });
      await second.ready();
      expect(listFiles(second.paths.uploadTmp)).toEqual([]);
      await second.assetMedia.service.idle();
      const row = second.repos.assets.byId(id);
      expect(row?.media_status).toBe('ready');
      expect(row?.thumbnail_path).toBeTruthy();
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
