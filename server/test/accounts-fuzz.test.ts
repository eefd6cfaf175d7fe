// Property-based bad input for the accounts, shared-link and download endpoints: whatever JSON,
// ids or keys arrive, the answer is a 2xx or a 4xx with a message, never a 5xx, and the server
// keeps serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { bearer, createApiKey } from './accounts-helpers.ts';
import { injectUpload, makeJpeg } from './assets-helpers.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe('accounts endpoints under fuzzed input', () => {
  let t: TestApp;
  let token: string;
  let assetId: string;
  let linkId: string;
  let keyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await signUpAdmin(t.app);
    const upload = await injectUpload(t.app, token, await makeJpeg(5, 32, 32));
    assetId = upload.json<{ id: string }>().id;
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/shared-links',
      headers: bearer(token),
      payload: { type: 'INDIVIDUAL', assetIds: [assetId] },
    });
    linkId = link.json<{ id: string }>().id;
    keyId = (await createApiKey(t.app, token, ['all'])).id;
  });
  afterAll(() => t.close());

  const expectHandled = (status: number, body: string, what: string) => {
    expect(status, what).toBeLessThan(500);
    if (status >= 400) {
      const parsed = JSON.parse(body) as { message?: unknown; statusCode?: unknown };
      expect(parsed.statusCode, what).toBe(status);
      expect(parsed.message, what).toBeTruthy();
    }
  };

  const jsonBodyEndpoints = (): [Method, string][] => [
    ['POST', '/api/admin/users'],
    ['POST', '/api/api-keys'],
    ['PUT', `/api/api-keys/${keyId}`],
    ['POST', '/api/shared-links'],
    ['PATCH', `/api/shared-links/${linkId}`],
    ['PUT', `/api/shared-links/${linkId}/assets`],
    ['DELETE', `/api/shared-links/${linkId}/assets`],
    ['POST', '/api/download/info'],
    ['POST', '/api/download/archive'],
  ];

  it('answers any JSON body with 2xx or a 4xx and a message', async () => {
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          email: fc.oneof(fc.string(), fc.emailAddress()),
          password: fc.string(),
          name: fc.string(),
          permissions: fc.array(fc.oneof(fc.string(), fc.constantFrom('all', 'asset.read'))),
          type: fc.constantFrom('INDIVIDUAL', 'ALBUM', 'other'),
          assetIds: fc.array(fc.oneof(fc.uuid(), fc.string(), fc.constant(assetId))),
          archiveSize: fc.oneof(fc.integer(), fc.double(), fc.string()),
          expiresAt: fc.oneof(
            fc.string(),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
          userId: fc.oneof(fc.uuid(), fc.string()),
          albumId: fc.oneof(fc.uuid(), fc.string()),
        },
        { requiredKeys: [] },
      ),
    );
    for (const [method, url] of jsonBodyEndpoints()) {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const response = await t.app.inject({
            method,
            url,
            headers: { ...bearer(token), 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expectHandled(
            response.statusCode,
            response.body,
            `${method} ${url} ${JSON.stringify(body)}`,
          );
        }),
        { numRuns: 40 },
      );
    }
  });

  it('answers broken JSON and wrong content types with 4xx', async () => {
    for (const [method, url] of jsonBodyEndpoints()) {
      for (const [type, payload] of [
        ['application/json', '{"assetIds": ['],
        ['application/json', '\u0000'],
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', 'a=b'],
      ] as const) {
        const response = await t.app.inject({
          method,
          url,
          headers: { ...bearer(token), 'content-type': type },
          payload,
        });
        expectHandled(response.statusCode, response.body, `${method} ${url} ${type}`);
        expect(response.statusCode, `${method} ${url} ${type}`).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('answers any path id, share key or query with 2xx or a 4xx and a message', async () => {
    const listLinks = async () =>
      (
        await t.app.inject({ method: 'GET', url: '/api/shared-links', headers: bearer(token) })
      ).json<{ id: string }[]>();
    // The JSON-body property above may have created links too; these requests must not add or
    // remove any.
    const before = (await listLinks()).map((link) => link.id).sort();
    expect(before).toContain(linkId);
    const text = fc.oneof(
      fc.string(),
      fc.uuid(),
      fc.constant('../../etc/passwd'),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constant('a'.repeat(600)),
    );
    await fc.assert(
      fc.asyncProperty(text, text, async (id, key) => {
        const safeId = encodeURIComponent(id);
        const query = `key=${encodeURIComponent(key)}&password=${encodeURIComponent(id)}&token=${encodeURIComponent(key)}`;
        for (const [method, url, headers] of [
          ['GET', `/api/api-keys/${safeId}`, bearer(token)],
          ['DELETE', `/api/api-keys/${safeId}`, bearer(token)],
          ['GET', `/api/shared-links/${safeId}`, bearer(token)],
          ['GET', `/api/admin/users/${safeId}`, bearer(token)],
          ['GET', `/api/admin/users?id=${safeId}&withDeleted=${safeId}`, bearer(token)],
          ['GET', `/api/shared-links/me?${query}`, {}],
          ['GET', `/api/assets/${assetId}/thumbnail?${query}`, {}],
          ['GET', `/api/server/features?${query}`, {}],
          [
            'GET',
            '/api/shared-links/me',
            { 'x-immich-share-key': key.replace(/[^\x20-\x7e]/g, '') || 'x' },
          ],
        ] as [Method, string, Record<string, string>][]) {
          const response = await t.app.inject({ method, url, headers });
          expectHandled(response.statusCode, response.body, `${method} ${url}`);
        }
      }),
      { numRuns: 60 },
    );
    // Still serving, still the same data.
    expect((await listLinks()).map((link) => link.id).sort()).toEqual(before);
  });
});
