// A table of malformed requests against the 15 asset operations of Immich's AssetsApi, the
// timeline, trash and auth endpoints: broken JSON, wrong types, huge values, unknown enums, invalid
// UUIDs, missing and truncated multipart parts, hostile file names, wrong content types. Every one
// must be answered with a 4xx in Immich's `{ message, error, statusCode }` shape, never a 5xx, and
// afterwards the server must still serve and hold exactly what it held.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { auth, createUser, injectUpload, makeJpeg, sha1, uploadFields } from './assets-helpers.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface BadRequest {
  name: string;
  method: Method;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** Who sends it; default the admin's Bearer token. 'none' sends no credentials. */
  as?: 'admin' | 'other' | 'none';
}

const BOUNDARY = 'lightbox-corpus-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

interface RawPart {
  name: string;
  value: string | Buffer;
  /** Sent as the part's filename exactly (no escaping), making it a file part. */
  fileName?: string;
}

/** A multipart body written byte by byte, so names reach the server exactly as given. */
function rawMultipart(parts: RawPart[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.fileName === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.fileName}"`;
    const type = part.fileName === undefined ? '' : 'Content-Type: application/octet-stream\r\n';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const textParts = (fields: Record<string, string>): RawPart[] =>
  Object.entries(fields).map(([name, value]) => ({ name, value }));

/** Every file under a folder, relative and sorted. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('bad input corpus', () => {
  let t: TestApp;
  let adminToken: string;
  let otherToken: string;
  let ownId: string;
  let foreignId: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await signUpAdmin(t.app);
    otherToken = (await createUser(t.app)).token;
    jpeg = await makeJpeg(901, 64, 48);
    const own = await injectUpload(t.app, adminToken, jpeg, {
      fileName: 'kept.jpg',
      fields: uploadFields({ deviceAssetId: 'kept-1', deviceId: 'corpus-phone' }),
    });
    expect(own.statusCode, own.body).toBe(201);
    ownId = own.json<{ id: string }>().id;
    const foreign = await injectUpload(t.app, otherToken, await makeJpeg(902, 64, 48), {
      fileName: 'theirs.jpg',
    });
    expect(foreign.statusCode, foreign.body).toBe(201);
    foreignId = foreign.json<{ id: string }>().id;
    await t.app.assetMedia.service.idle();
  });
  afterAll(() => t.close());

  /** What the library holds: every asset row as the API shows it, and every stored file. */
  const snapshot = async () => {
    const rows = t.app.db
      .prepare('SELECT * FROM assets ORDER BY id')
      .all()
      .map((row) =>
        JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
      );
    const exif = t.app.db.prepare('SELECT * FROM asset_exif ORDER BY asset_id').all();
    const info = await t.app.inject({
      method: 'GET',
      url: `/api/assets/${ownId}`,
      headers: auth(adminToken),
    });
    return {
      rows,
      exif: JSON.stringify(exif),
      files: listFiles(t.dataDir).filter((f) => !f.startsWith('upload-tmp')),
      tmp: listFiles(t.app.paths.uploadTmp),
      info: info.json<Record<string, unknown>>(),
    };
  };

  /** The corpus, built once the seeded ids are known. */
  function corpus(): BadRequest[] {
    const list: BadRequest[] = [];
    const json = (
      name: string,
      method: Method,
      url: string,
      body: string,
      contentType = 'application/json',
    ) => list.push({ name, method, url, payload: body, headers: { 'content-type': contentType } });
    const upload = (name: string, body: Buffer, url = '/api/assets', method: Method = 'POST') =>
      list.push({ name, method, url, payload: body, headers: { 'content-type': MULTIPART } });

    const badIds = [
      'not-a-uuid',
      '123',
      `${ownId}x`,
      ownId.slice(0, -1),
      ownId.replaceAll('-', ''),
      'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
      '..%2F..%2Fetc%2Fpasswd',
      '%00',
      `${ownId}%00`,
      'a'.repeat(600),
      "1' OR '1'='1",
      randomUUID(), // well-formed but unknown
      foreignId, // another user's
    ];

    // --- Broken JSON, wrong content types and prototype tricks on every JSON-body endpoint ---
    const jsonEndpoints: [Method, string][] = [
      ['PUT', '/api/assets'],
      ['DELETE', '/api/assets'],
      ['PUT', `/api/assets/${ownId}`],
      ['POST', '/api/assets/exist'],
      ['POST', '/api/assets/bulk-upload-check'],
      ['POST', '/api/assets/jobs'],
      ['POST', '/api/trash/restore/assets'],
      ['POST', '/api/auth/login'],
      ['POST', '/api/auth/admin-sign-up'],
    ];
    for (const [method, url] of jsonEndpoints) {
      json(`${method} ${url}: truncated JSON`, method, url, '{"ids": [');
      json(`${method} ${url}: NUL byte`, method, url, '\u0000');
      json(`${method} ${url}: not JSON`, method, url, 'hello world');
      json(`${method} ${url}: trailing garbage`, method, url, '{"ids": []} trailing');
      json(`${method} ${url}: empty JSON body`, method, url, '');
      json(`${method} ${url}: __proto__ key`, method, url, '{"__proto__": {"isAdmin": true}}');
      json(
        `${method} ${url}: constructor.prototype`,
        method,
        url,
        '{"constructor": {"prototype": {"isAdmin": true}}}',
      );
      json(`${method} ${url}: text/plain`, method, url, '{"ids": []}', 'text/plain');
      json(`${method} ${url}: XML`, method, url, '<ids></ids>', 'application/xml');
      json(
        `${method} ${url}: form-encoded`,
        method,
        url,
        'ids=1',
        'application/x-www-form-urlencoded',
      );
      json(`${method} ${url}: multipart`, method, url, 'x', MULTIPART);
      json(`${method} ${url}: JSON array`, method, url, '[1, 2, 3]');
      json(`${method} ${url}: JSON string`, method, url, '"just a string"');
    }
    // Over the 10 MiB body limit.
    const huge = JSON.stringify({ ids: [ownId], description: 'x'.repeat(11 * 1024 * 1024) });
    json('PUT /api/assets: body over the size limit', 'PUT', '/api/assets', huge);
    json('POST /api/auth/login: body over the size limit', 'POST', '/api/auth/login', huge);

    // --- PUT /assets/{id} and PUT /assets: wrong types, huge values, unknown enums ---
    const badEdits: [string, unknown][] = [
      ['isFavorite as a string', { isFavorite: 'yes' }],
      ['isFavorite as an object', { isFavorite: { value: true } }],
      ['visibility unknown', { visibility: 'everyone' }],
      ['visibility number', { visibility: 3 }],
      ['visibility locked without elevation', { visibility: 'locked' }],
      ['rating too high', { rating: 6 }],
      ['rating huge', { rating: 1e308 }],
      ['rating fractional', { rating: 2.5 }],
      ['rating as text', { rating: 'five' }],
      ['latitude out of range', { latitude: 91, longitude: 0 }],
      ['longitude out of range', { latitude: 0, longitude: -181 }],
      ['latitude huge', { latitude: 1e308, longitude: 0 }],
      ['latitude without longitude', { latitude: 10 }],
      ['longitude without latitude', { longitude: 10 }],
      ['latitude as text', { latitude: 'north', longitude: 0 }],
      ['dateTimeOriginal not a date', { dateTimeOriginal: 'yesterday' }],
      ['dateTimeOriginal month 13', { dateTimeOriginal: '2024-13-01T00:00:00Z' }],
      ['dateTimeOriginal number', { dateTimeOriginal: 1700000000 }],
      ['description as an array', { description: ['a', 'b'] }],
      ['description as an object', { description: { text: 'x' } }],
    ];
    for (const [what, body] of badEdits) {
      json(`PUT /assets/{id}: ${what}`, 'PUT', `/api/assets/${ownId}`, JSON.stringify(body));
      json(
        `PUT /assets: ${what}`,
        'PUT',
        '/api/assets',
        JSON.stringify({ ids: [ownId], ...(body as object) }),
      );
    }
    json(
      'PUT /assets/{id}: livePhotoVideoId not a UUID',
      'PUT',
      `/api/assets/${ownId}`,
      '{"livePhotoVideoId": "nope"}',
    );
    json(
      'PUT /assets/{id}: livePhotoVideoId itself',
      'PUT',
      `/api/assets/${ownId}`,
      JSON.stringify({ livePhotoVideoId: ownId }),
    );
    json(
      'PUT /assets/{id}: livePhotoVideoId of another user',
      'PUT',
      `/api/assets/${ownId}`,
      JSON.stringify({ livePhotoVideoId: foreignId }),
    );
    json(
      'PUT /assets/{id}: livePhotoVideoId unknown',
      'PUT',
      `/api/assets/${ownId}`,
      JSON.stringify({ livePhotoVideoId: randomUUID() }),
    );
    for (const [what, ids] of [
      ['ids missing', undefined],
      ['ids of numbers', [1, 2]],
      ['ids not UUIDs', ['abc']],
      ['ids with null', [null]],
      ['ids with another user’s', [ownId, foreignId]],
      ['ids unknown', [randomUUID()]],
      // Wrong types that a coercing validator would turn into right ones.
      ['ids a string', ownId],
      ['ids nested', [[ownId]]],
    ] as [string, unknown][]) {
      json(`PUT /assets: ${what}`, 'PUT', '/api/assets', JSON.stringify({ ids, isFavorite: true }));
      json(
        `DELETE /assets: ${what}`,
        'DELETE',
        '/api/assets',
        JSON.stringify({ ids, force: true }),
      );
      json(
        `POST /assets/jobs: ${what}`,
        'POST',
        '/api/assets/jobs',
        JSON.stringify({ assetIds: ids, name: 'refresh-metadata' }),
      );
      json(
        `POST /trash/restore/assets: ${what}`,
        'POST',
        '/api/trash/restore/assets',
        JSON.stringify({ ids }),
      );
    }
    json(
      'DELETE /assets: force as text',
      'DELETE',
      '/api/assets',
      JSON.stringify({ ids: [ownId], force: 'always' }),
    );
    for (const [what, body] of [
      ['duplicateId a number', { ids: [ownId], duplicateId: 5 }],
      ['isFavorite "true"', { ids: [ownId], isFavorite: 'true' }],
      ['isFavorite [true]', { ids: [ownId], isFavorite: [true] }],
      ['rating "5"', { ids: [ownId], rating: '5' }],
      ['description a number', { ids: [ownId], description: 42 }],
    ] as [string, unknown][]) {
      json(`PUT /assets: ${what}`, 'PUT', '/api/assets', JSON.stringify(body));
    }
    json(
      'DELETE /assets: force "true"',
      'DELETE',
      '/api/assets',
      JSON.stringify({ ids: [ownId], force: 'true' }),
    );
    json(
      'DELETE /assets: force as an object',
      'DELETE',
      '/api/assets',
      JSON.stringify({ ids: [ownId], force: {} }),
    );

    // --- POST /assets/jobs, /assets/exist, /assets/bulk-upload-check ---
    for (const name of ['dance', '', 'REFRESH-METADATA', 42, null]) {
      json(
        `POST /assets/jobs: name ${JSON.stringify(name)}`,
        'POST',
        '/api/assets/jobs',
        JSON.stringify({ assetIds: [ownId], name }),
      );
    }
    json(
      'POST /assets/jobs: name missing',
      'POST',
      '/api/assets/jobs',
      JSON.stringify({ assetIds: [ownId] }),
    );
    for (const [what, body] of [
      ['empty object', {}],
      ['deviceId missing', { deviceAssetIds: ['kept-1'] }],
      ['deviceAssetIds missing', { deviceId: 'corpus-phone' }],
      ['deviceAssetIds empty', { deviceId: 'corpus-phone', deviceAssetIds: [] }],
      ['deviceAssetIds a string', { deviceId: 'corpus-phone', deviceAssetIds: 'kept-1' }],
      ['deviceId a number', { deviceId: 7, deviceAssetIds: ['kept-1'] }],
      ['deviceAssetIds with an empty id', { deviceId: 'corpus-phone', deviceAssetIds: [''] }],
      ['deviceAssetIds with objects', { deviceId: 'corpus-phone', deviceAssetIds: [{}] }],
      ['deviceId empty', { deviceId: '', deviceAssetIds: ['kept-1'] }],
      ['deviceId an object', { deviceId: { $ne: null }, deviceAssetIds: ['kept-1'] }],
    ] as [string, unknown][]) {
      json(`POST /assets/exist: ${what}`, 'POST', '/api/assets/exist', JSON.stringify(body));
    }
    for (const [what, body] of [
      ['empty object', {}],
      ['assets a string', { assets: 'all' }],
      ['assets of strings', { assets: ['abc'] }],
      ['asset without checksum', { assets: [{ id: 'a' }] }],
      ['asset without id', { assets: [{ checksum: sha1(jpeg).toString('hex') }] }],
      ['checksum empty', { assets: [{ id: 'a', checksum: '' }] }],
      ['checksum a number', { assets: [{ id: 'a', checksum: 12 }] }],
      ['assets one object, not a list', { assets: { id: 'a', checksum: 'ab' } }],
      ['id empty', { assets: [{ id: '', checksum: 'ab' }] }],
      ['assets null', { assets: null }],
    ] as [string, unknown][]) {
      json(
        `POST /assets/bulk-upload-check: ${what}`,
        'POST',
        '/api/assets/bulk-upload-check',
        JSON.stringify(body),
      );
    }

    // --- Invalid UUIDs in paths, on every operation that takes an id ---
    for (const id of badIds) {
      const label = id.length > 40 ? `${id.slice(0, 12)}…(${id.length})` : id;
      list.push({ name: `GET /assets/${label}`, method: 'GET', url: `/api/assets/${id}` });
      list.push({
        name: `GET /assets/${label}/original`,
        method: 'GET',
        url: `/api/assets/${id}/original`,
      });
      list.push({
        name: `GET /assets/${label}/thumbnail`,
        method: 'GET',
        url: `/api/assets/${id}/thumbnail`,
      });
      list.push({
        name: `GET /assets/${label}/video/playback`,
        method: 'GET',
        url: `/api/assets/${id}/video/playback`,
      });
      json(`PUT /assets/${label}`, 'PUT', `/api/assets/${id}`, '{"isFavorite": true}');
      upload(
        `PUT /assets/${label}/original`,
        rawMultipart([
          ...textParts(uploadFields()),
          { name: 'assetData', value: jpeg, fileName: 'new.jpg' },
        ]),
        `/api/assets/${id}/original`,
        'PUT',
      );
    }
    // Thumbnails of an unknown size, and video playback of an image.
    for (const size of ['huge', 'THUMBNAIL', '', '1', 'preview%00']) {
      list.push({
        name: `GET thumbnail size=${size}`,
        method: 'GET',
        url: `/api/assets/${ownId}/thumbnail?size=${size}`,
      });
    }
    list.push({
      name: 'GET video/playback of an image',
      method: 'GET',
      url: `/api/assets/${ownId}/video/playback`,
    });
    list.push({
      name: 'GET original with a bad range',
      method: 'GET',
      url: `/api/assets/${ownId}/original`,
      headers: { range: `bytes=${jpeg.length + 10}-` },
    });
    list.push({
      name: 'GET /assets/{id} with an unknown share key',
      method: 'GET',
      url: `/api/assets/${ownId}?key=nope`,
      as: 'none',
    });
    list.push({
      name: 'GET /assets/device/ (too long)',
      method: 'GET',
      url: `/api/assets/device/${'d'.repeat(600)}`,
    });

    // --- Query parameters: statistics, random, timeline ---
    for (const query of [
      'isFavorite=maybe',
      'isTrashed=2',
      'visibility=everyone',
      'visibility=locked',
      'isFavorite=true&isFavorite=false',
    ]) {
      list.push({
        name: `GET /assets/statistics?${query}`,
        method: 'GET',
        url: `/api/assets/statistics?${query}`,
      });
    }
    for (const count of [
      '0',
      '-1',
      'abc',
      '1.5',
      '1e400',
      '99999999999999999999999',
      '',
      'NaN',
      'Infinity',
    ]) {
      list.push({
        name: `GET /assets/random?count=${count}`,
        method: 'GET',
        url: `/api/assets/random?count=${count}`,
      });
    }
    for (const query of [
      'order=sideways',
      'visibility=everyone',
      'visibility=locked',
      'isFavorite=sometimes',
      'userId=not-a-uuid',
      `userId=${randomUUID()}`,
      `albumId=${randomUUID()}`,
      'albumId=nope',
      'personId=nope',
      'tagId=%00',
      'withPartners=true',
      'withStacked=perhaps',
      'key=unknown-share-key',
    ]) {
      list.push({
        name: `GET /timeline/buckets?${query}`,
        method: 'GET',
        url: `/api/timeline/buckets?${query}`,
      });
      list.push({
        name: `GET /timeline/bucket?timeBucket=2024-03-01&${query}`,
        method: 'GET',
        url: `/api/timeline/bucket?timeBucket=2024-03-01&${query}`,
      });
    }
    for (const bucket of [
      '',
      'later',
      '2024-13-01',
      '2024-00-01',
      '24-03-01',
      '2024/03/01',
      `${'9'.repeat(400)}-01-01`,
      '2024-03-01%00',
    ]) {
      list.push({
        name: `GET /timeline/bucket?timeBucket=${bucket.slice(0, 30)}`,
        method: 'GET',
        url: `/api/timeline/bucket?timeBucket=${bucket}`,
      });
    }
    list.push({
      name: 'GET /timeline/bucket without timeBucket',
      method: 'GET',
      url: '/api/timeline/bucket',
    });

    // --- Uploads: missing parts, truncated bodies, bad fields, hostile names, wrong types ---
    // Distinct bytes each time: were a request accepted, it would store a new asset (and fail the
    // test) rather than pass as a duplicate of the seeded one.
    const file = (fileName: string): RawPart => ({
      name: 'assetData',
      value: Buffer.concat([jpeg, Buffer.from(randomUUID())]),
      fileName,
    });
    const good = () => textParts(uploadFields());
    const complete = rawMultipart([...good(), file('ok.jpg')]);
    for (const [what, url, method] of [
      ['POST /assets', '/api/assets', 'POST'],
      ['PUT /assets/{id}/original', `/api/assets/${ownId}/original`, 'PUT'],
    ] as [string, string, Method][]) {
      upload(`${what}: no file part`, rawMultipart(good()), url, method);
      upload(
        `${what}: file under another field`,
        rawMultipart([...good(), { name: 'photo', value: jpeg, fileName: 'a.jpg' }]),
        url,
        method,
      );
      upload(`${what}: no parts at all`, rawMultipart([]), url, method);
      upload(`${what}: empty body`, Buffer.alloc(0), url, method);
      upload(
        `${what}: no closing boundary`,
        rawMultipart([...good(), file('a.jpg')], false),
        url,
        method,
      );
      for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
        upload(
          `${what}: truncated at ${fraction * 100}%`,
          complete.subarray(0, Math.floor(complete.length * fraction)),
          url,
          method,
        );
      }
      list.push({
        name: `${what}: multipart without boundary`,
        method,
        url,
        payload: complete,
        headers: { 'content-type': 'multipart/form-data' },
      });
      list.push({
        name: `${what}: wrong boundary`,
        method,
        url,
        payload: complete,
        headers: { 'content-type': 'multipart/form-data; boundary=other' },
      });
      list.push({
        name: `${what}: as JSON`,
        method,
        url,
        payload: JSON.stringify(uploadFields()),
        headers: { 'content-type': 'application/json' },
      });
      list.push({
        name: `${what}: as octet-stream`,
        method,
        url,
        payload: jpeg,
        headers: { 'content-type': 'application/octet-stream' },
      });
      list.push({
        name: `${what}: as image/jpeg`,
        method,
        url,
        payload: jpeg,
        headers: { 'content-type': 'image/jpeg' },
      });
      list.push({
        name: `${what}: as text/plain`,
        method,
        url,
        payload: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      list.push({ name: `${what}: no content type`, method, url, payload: complete });
      list.push({
        name: `${what}: checksum header mismatch`,
        method,
        url,
        payload: complete,
        headers: {
          'content-type': MULTIPART,
          'x-immich-checksum': sha1(Buffer.from('other')).toString('hex'),
        },
      });
      list.push({
        name: `${what}: checksum header malformed`,
        method,
        url,
        payload: complete,
        headers: { 'content-type': MULTIPART, 'x-immich-checksum': 'not-a-checksum' },
      });
      for (const [field, value] of [
        ['fileCreatedAt', 'yesterday'],
        ['fileCreatedAt', ''],
        ['fileModifiedAt', '2024-02-30T99:00:00Z'],
        ['fileModifiedAt', '1e400'],
        ['deviceAssetId', ''],
        ['deviceId', '   '],
      ] as [string, string][]) {
        upload(
          `${what}: ${field}=${JSON.stringify(value)}`,
          rawMultipart([...textParts(uploadFields({ [field]: value })), file('a.jpg')]),
          url,
          method,
        );
      }
      upload(
        `${what}: dates missing`,
        rawMultipart([{ name: 'deviceId', value: 'x' }, file('a.jpg')]),
        url,
        method,
      );
      const hostileNames = [
        '../../x',
        '..',
        '.',
        '/',
        '../../',
        '..\\..\\windows\\system32',
        'a\u0000.jpg',
        'x.jpg\u0000.html',
        `${'n'.repeat(300)}.jpg`,
        `${'é'.repeat(200)}.jpg`,
        'photo.exe',
        'photo',
        '<img src=x onerror=alert(1)>',
        'line\r\nbreak.jpg',
        'tab\t.jpg',
        'evil.jpg\u007f',
      ];
      for (const name of hostileNames) {
        const label = JSON.stringify(
          name.length > 40 ? `${name.slice(0, 12)}…(${name.length})` : name,
        );
        upload(`${what}: file name ${label}`, rawMultipart([...good(), file(name)]), url, method);
        // The `filename` field names new uploads only (a replacement keeps its file's name).
        if (method === 'POST') {
          upload(
            `${what}: filename field ${label}`,
            rawMultipart([...textParts(uploadFields({ filename: name })), file('ok.jpg')]),
            url,
            method,
          );
        }
      }
      upload(
        `${what}: sidecar with a bad name`,
        rawMultipart([
          ...good(),
          file('a.jpg'),
          { name: 'sidecarData', value: Buffer.from('<x/>'), fileName: '../../evil.sh' },
        ]),
        url,
        method,
      );
      upload(
        `${what}: field longer than the limit`,
        rawMultipart([
          ...textParts(uploadFields({ deviceId: 'x'.repeat(1024 * 1024 + 10) })),
          file('a.jpg'),
        ]),
        url,
        method,
      );
      upload(
        `${what}: too many files`,
        rawMultipart([
          ...good(),
          ...Array.from({ length: 6 }, (_, i) => ({
            name: `f${i}`,
            value: 'x',
            fileName: 'a.jpg',
          })),
        ]),
        url,
        method,
      );
    }
    for (const [field, value] of [
      ['isFavorite', 'yes'],
      ['isFavorite', '1'],
      ['visibility', 'everyone'],
      ['visibility', 'locked'],
      ['livePhotoVideoId', 'not-a-uuid'],
      ['livePhotoVideoId', foreignId],
      ['livePhotoVideoId', randomUUID()],
    ] as [string, string][]) {
      upload(
        `POST /assets: ${field}=${value}`,
        rawMultipart([...textParts(uploadFields({ [field]: value })), file('a.jpg')]),
      );
    }

    // --- Auth endpoints ---
    for (const [what, body] of [
      ['empty object', {}],
      ['email missing', { password: 'x' }],
      ['password missing', { email: 'admin@example.com' }],
      ['email a number', { email: 5, password: 'x' }],
      ['password an object', { email: 'admin@example.com', password: { $gt: '' } }],
      ['email not an address', { email: 'admin', password: 'x' }],
      ['wrong password', { email: 'admin@example.com', password: 'wrong' }],
      ['unknown user', { email: 'nobody@example.com', password: 'x' }],
      ['huge password', { email: 'admin@example.com', password: 'p'.repeat(100_000) }],
    ] as [string, unknown][]) {
      json(`POST /auth/login: ${what}`, 'POST', '/api/auth/login', JSON.stringify(body));
    }
    for (const [what, body] of [
      ['second admin', { email: 'again@example.com', password: 'x-password', name: 'Again' }],
      ['name missing', { email: 'again@example.com', password: 'x-password' }],
      ['email a list', { email: ['a@b.c'], password: 'x', name: 'n' }],
    ] as [string, unknown][]) {
      json(
        `POST /auth/admin-sign-up: ${what}`,
        'POST',
        '/api/auth/admin-sign-up',
        JSON.stringify(body),
      );
    }
    for (const [what, headers] of [
      ['no credentials', {}],
      ['bogus bearer', { authorization: 'Bearer nope' }],
      ['bogus API key', { 'x-api-key': 'nope' }],
      ['bogus cookie', { cookie: 'immich_access_token=nope' }],
      ['empty bearer', { authorization: 'Bearer ' }],
    ] as [string, Record<string, string>][]) {
      list.push({
        name: `POST /auth/validateToken: ${what}`,
        method: 'POST',
        url: '/api/auth/validateToken',
        headers,
        as: 'none',
      });
      list.push({
        name: `GET /assets/statistics: ${what}`,
        method: 'GET',
        url: '/api/assets/statistics',
        headers,
        as: 'none',
      });
    }
    return list;
  }

  it('refuses JSON values of the wrong type, naming the field, while queries are still read', async () => {
    const put = (payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/assets', headers: auth(adminToken), payload });
    const asString = await put({ ids: ownId, isFavorite: true });
    expect(asString.statusCode).toBe(400);
    expect(asString.json()).toMatchObject({ message: ['ids must be array'] });
    const nested = await put({ ids: [[ownId]], rating: '5', isFavorite: [true] });
    expect(nested.statusCode).toBe(400);
    expect(nested.json<{ message: string[] }>().message.sort()).toEqual([
      'ids.0 must be string',
      'isFavorite must be boolean',
      'rating must be integer',
    ]);
    // Query strings are text: `?count=2` and `?isFavorite=false` still read as a number and a boolean.
    const random = await t.app.inject({
      method: 'GET',
      url: '/api/assets/random?count=2',
      headers: auth(adminToken),
    });
    expect(random.statusCode).toBe(200);
    const stats = await t.app.inject({
      method: 'GET',
      url: '/api/assets/statistics?isFavorite=false',
      headers: auth(adminToken),
    });
    expect(stats.json()).toEqual({ images: 1, videos: 0, total: 1 });
    expect((await snapshot()).info).toMatchObject({ isFavorite: false });
  });

  it('answers every malformed request with a 4xx in Immich’s error shape, losing nothing', async () => {
    const before = await snapshot();
    const requests = corpus();
    const failures: string[] = [];
    let sent = 0;
    for (const request of requests) {
      const token = request.as === 'other' ? otherToken : request.as === 'none' ? null : adminToken;
      const response = await t.app.inject({
        method: request.method,
        url: request.url,
        headers: { ...(token ? auth(token) : {}), ...request.headers },
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
      sent += 1;
      const status = response.statusCode;
      const problem = (why: string) =>
        failures.push(`${request.name}: ${why} (${status} ${response.body.slice(0, 200)})`);
      if (status < 400 || status >= 500) {
        problem('not a 4xx');
        continue;
      }
      let body: { message?: unknown; error?: unknown; statusCode?: unknown };
      try {
        body = response.json();
      } catch {
        problem('body is not JSON');
        continue;
      }
      const { message } = body;
      const messageOk =
        (typeof message === 'string' && message.trim() !== '') ||
        (Array.isArray(message) &&
          message.length > 0 &&
          message.every((m) => typeof m === 'string' && m.trim() !== ''));
      if (!messageOk) problem('no message');
      if (typeof body.error !== 'string' || body.error === '') problem('no error');
      if (body.statusCode !== status) problem('statusCode differs from the status');
    }
    console.log(`bad-input corpus: ${sent} malformed requests sent, ${failures.length} mishandled`);
    expect(failures).toEqual([]);
    expect(sent).toBe(requests.length);
    expect(sent).toBeGreaterThanOrEqual(200);

    // Still serving: a normal request works, and the library holds exactly what it held.
    await t.app.assetMedia.service.idle();
    expect(await snapshot()).toEqual(before);
    const ping = await t.app.inject({ method: 'GET', url: '/api/server/ping' });
    expect(ping.json()).toEqual({ res: 'pong' });
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/assets/${ownId}`,
      headers: auth(adminToken),
      payload: { description: 'still here' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json<{ exifInfo: { description: string } }>().exifInfo.description).toBe(
      'still here',
    );
    const original = await t.app.inject({
      method: 'GET',
      url: `/api/assets/${ownId}/original`,
      headers: auth(adminToken),
    });
    expect(original.rawPayload.equals(jpeg)).toBe(true);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/assets/${foreignId}`,
      headers: auth(otherToken),
    });
    expect(theirs.json<{ originalFileName: string }>().originalFileName).toBe('theirs.jpg');
  });
});
