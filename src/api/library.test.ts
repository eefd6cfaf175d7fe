// Timeline, trash, shared links, downloads and API keys against the local server.
import { beforeAll, describe, expect, it } from 'vitest';
import { configureApi, isAbortError, isApiError, onUnauthorized, type ApiError } from './client';
import { deleteAssets, downloadAsset, getAssetInfo, updateAsset, viewAsset } from './assets';
import { getTimeBucket, getTimeBuckets } from './timeline';
import { emptyTrash, restoreAssets, restoreTrash } from './trash';
import { createSharedLink, getMySharedLink, removeSharedLink } from './shared-links';
import { downloadArchive, downloadArchiveStream, getDownloadInfo } from './download';
import { createApiKey } from './api-keys';
import { getMyUser } from './users';
import { Permission, SharedLinkType } from './types';
import { createTestSession, type TestSession } from '@/testing/api-session';
import { sha1Hex } from '@/testing/images';
import { seedAsset } from '@/testing/seed';

let session: TestSession;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  session = await createTestSession('library');
});

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Runs `body` with no credentials at all (a shared-link visitor), then signs back in. */
async function anonymously<T>(body: () => Promise<T>): Promise<T> {
  configureApi({ headers: {} });
  try {
    return await body();
  } finally {
    configureApi({ headers: session.headers });
  }
}

describe('timeline', () => {
  it('lists the month of an asset and the asset in that month', async () => {
    const asset = await seedAsset({ takenAt: '2019-03-15T10:00:00.000Z' });
    const buckets = await getTimeBuckets({});
    expect(buckets).toContainEqual({
      timeBucket: '2019-03-01',
      count: expect.any(Number) as number,
    });
    const month = await getTimeBucket({ timeBucket: '2019-03-01' });
    const index = month.id.indexOf(asset.id);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(month.isImage[index]).toBe(true);
    expect(month.isFavorite[index]).toBe(false);
    expect(month.id).toHaveLength(month.ratio.length);
  });

  it('filters favourites and the trash', async () => {
    const favourite = await seedAsset({ takenAt: '2018-07-04T12:00:00.000Z', isFavorite: true });
    const plain = await seedAsset({ takenAt: '2018-07-05T12:00:00.000Z' });
    const favourites = await getTimeBucket({ timeBucket: '2018-07-01', isFavorite: true });
    expect(favourites.id).toContain(favourite.id);
    expect(favourites.id).not.toContain(plain.id);

    await deleteAssets({ assetBulkDeleteDto: { ids: [plain.id] } });
    const trashed = await getTimeBucket({ timeBucket: '2018-07-01', isTrashed: true });
    expect(trashed.id).toEqual([plain.id]);
    expect((await getTimeBucket({ timeBucket: '2018-07-01' })).id).not.toContain(plain.id);
  });

  it('throws the server’s 400 for a malformed month, and aborts', async () => {
    const error = await apiError(getTimeBucket({ timeBucket: 'March' }));
    expect(error.status).toBe(400);
    expect(error.operation).toBe('getTimeBucket');
    expect(error.message).toMatch(/timeBucket/);

    const controller = new AbortController();
    const pending = getTimeBuckets({}, controller.signal);
    controller.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
  });
});

describe('trash', () => {
  it('restores chosen assets, restores all, and empties the trash', async () => {
    const [a, b, c] = await Promise.all([seedAsset(), seedAsset(), seedAsset()]);
    await deleteAssets({ assetBulkDeleteDto: { ids: [a.id, b.id, c.id] } });

    await expect(restoreAssets({ bulkIdsDto: { ids: [a.id] } })).resolves.toEqual({ count: 1 });
    expect((await getAssetInfo({ id: a.id })).isTrashed).toBe(false);

    const restored = await restoreTrash();
    expect(restored.count).toBeGreaterThanOrEqual(2);
    expect((await getAssetInfo({ id: b.id })).isTrashed).toBe(false);

    await deleteAssets({ assetBulkDeleteDto: { ids: [c.id] } });
    const emptied = await emptyTrash();
    expect(emptied.count).toBeGreaterThanOrEqual(1);
    const gone = await apiError(getAssetInfo({ id: c.id }));
    expect(gone.status).toBe(400);

    const unknown = await apiError(restoreAssets({ bulkIdsDto: { ids: [UNKNOWN_ID] } }));
    expect(unknown.status).toBe(400);
    expect(unknown.operation).toBe('restoreAssets');
  });
});

describe('shared links: the `key` parameter', () => {
  it('lets a visitor without an account see, view and download the shared asset', async () => {
    const asset = await seedAsset({ name: 'shared.png' });
    const link = await createSharedLink({
      sharedLinkCreateDto: {
        type: SharedLinkType.Individual,
        assetIds: [asset.id],
        allowDownload: true,
      },
    });
    expect(link.key.length).toBeGreaterThan(10);
    const { key } = link;

    await anonymously(async () => {
      // Truly anonymous: no cookie or header signs this visitor in.
      expect((await apiError(getMyUser())).status).toBe(401);
      expect((await apiError(getAssetInfo({ id: asset.id }))).status).toBe(401);

      const visited = await getMySharedLink({ key });
      expect(visited.assets.map((a) => a.id)).toEqual([asset.id]);
      expect((await getAssetInfo({ id: asset.id, key })).originalFileName).toBe('shared.png');
      expect((await viewAsset({ id: asset.id, key })).size).toBeGreaterThan(0);
      expect(await sha1Hex(await downloadAsset({ id: asset.id, key }))).toBe(asset.checksum);

      const info = await getDownloadInfo({ key, downloadInfoDto: { assetIds: [asset.id] } });
      expect(info.archives[0]?.assetIds).toEqual([asset.id]);
      const zip = await downloadArchive({ key, assetIdsDto: { assetIds: [asset.id] } });
      expect(new Uint8Array(await zip.slice(0, 2).arrayBuffer())).toEqual(
        new Uint8Array([0x50, 0x4b]),
      );

      const other = await seedAssetAs(session);
      const outside = await apiError(getAssetInfo({ id: other, key }));
      expect(outside.status).toBe(400);
    });

    await expect(removeSharedLink({ id: link.id })).resolves.toBeUndefined();
    await anonymously(async () => {
      const error = await apiError(getMySharedLink({ key }));
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
    });
    expect((await apiError(removeSharedLink({ id: UNKNOWN_ID }))).status).toBe(400);
  });

  it('asks for a password with a 401 that is not an ended session', async () => {
    const asset = await seedAsset();
    const link = await createSharedLink({
      sharedLinkCreateDto: {
        type: SharedLinkType.Individual,
        assetIds: [asset.id],
        password: 'open sesame',
      },
    });
    const heard: ApiError[] = [];
    const stop = onUnauthorized((error) => heard.push(error));
    try {
      await anonymously(async () => {
        const locked = await apiError(getMySharedLink({ key: link.key }));
        expect(locked.status).toBe(401);
        expect(locked.message).toBe('Invalid password');
        const opened = await getMySharedLink({ key: link.key, password: 'open sesame' });
        expect(opened.assets.map((a) => a.id)).toEqual([asset.id]);
      });
    } finally {
      stop();
    }
    expect(heard).toEqual([]);
  });

  it('refuses a link without assets with the server’s message', async () => {
    const error = await apiError(
      createSharedLink({ sharedLinkCreateDto: { type: SharedLinkType.Individual, assetIds: [] } }),
    );
    expect(error.status).toBe(400);
    expect(error.operation).toBe('createSharedLink');
    expect(error.message).toMatch(/assetIds/);
  });
});

/** An asset id of the signed-in user, uploaded while the visitor's headers are set aside. */
async function seedAssetAs(owner: TestSession): Promise<string> {
  configureApi({ headers: owner.headers });
  try {
    return (await seedAsset()).id;
  } finally {
    configureApi({ headers: {} });
  }
}

describe('downloads', () => {
  it('plans archives and streams a zip of the originals', async () => {
    const [a, b] = await Promise.all([seedAsset(), seedAsset()]);
    const info = await getDownloadInfo({ downloadInfoDto: { assetIds: [a.id, b.id] } });
    expect(info.totalSize).toBe(a.file.size + b.file.size);
    expect(info.archives.flatMap((archive) => archive.assetIds).sort()).toEqual(
      [a.id, b.id].sort(),
    );

    const { stream, size } = await downloadArchiveStream({
      assetIdsDto: { assetIds: [a.id, b.id] },
    });
    const reader = stream.getReader();
    let received = 0;
    let head: Uint8Array | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      head ??= value;
      received += value.length;
    }
    expect(received).toBeGreaterThan(a.file.size + b.file.size);
    if (size !== null) expect(received).toBe(size);
    expect(Array.from(head?.slice(0, 4) ?? [])).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('throws the server’s 400 for no assets and unknown ids', async () => {
    const none = await apiError(getDownloadInfo({ downloadInfoDto: {} }));
    expect(none.status).toBe(400);
    expect(none.operation).toBe('getDownloadInfo');
    const unknown = await apiError(downloadArchive({ assetIdsDto: { assetIds: [UNKNOWN_ID] } }));
    expect(unknown.status).toBe(400);
    expect(unknown.operation).toBe('downloadArchive');
  });
});

describe('API keys', () => {
  it('creates a key that authenticates, limited to its permissions', async () => {
    const full = await createApiKey({
      apiKeyCreateDto: { name: 'everything', permissions: [Permission.All] },
    });
    expect(full.apiKey.name).toBe('everything');
    const readOnly = await createApiKey({
      apiKeyCreateDto: { name: 'read only', permissions: [Permission.AssetRead] },
    });
    const asset = await seedAsset();
    try {
      configureApi({ headers: { 'x-api-key': full.secret } });
      expect((await getMyUser()).id).toBe(session.userId);

      configureApi({ headers: { 'x-api-key': readOnly.secret } });
      expect((await getAssetInfo({ id: asset.id })).id).toBe(asset.id);
      const refused = await apiError(
        updateAsset({ id: asset.id, updateAssetDto: { isFavorite: true } }),
      );
      expect(refused.status).toBe(403);
      expect(refused.message).toMatch(/asset\.update/);
    } finally {
      configureApi({ headers: session.headers });
    }
  });

  it('throws the server’s 400 for an unknown permission', async () => {
    const error = await apiError(
      createApiKey({
        apiKeyCreateDto: {
          name: 'bad',
          permissions: ['everything.please' as unknown as (typeof Permission)['All']],
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.operation).toBe('createApiKey');
  });
});
