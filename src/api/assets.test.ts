import { beforeAll, describe, expect, it } from 'vitest';
import { configureApi, isAbortError, isApiError, onUnauthorized, type ApiError } from './client';
import {
  checkBulkUpload,
  checkExistingAssets,
  deleteAssets,
  downloadAsset,
  downloadAssetUrl,
  getAllUserAssetsByDeviceId,
  getAssetInfo,
  getAssetStatistics,
  getRandom,
  playAssetVideo,
  playAssetVideoUrl,
  replaceAsset,
  runAssetJobs,
  updateAsset,
  updateAssets,
  uploadAsset,
  viewAsset,
  viewAssetUrl,
} from './assets';
import type { UploadProgress } from './upload';
import { Action, AssetJobName, AssetMediaSize, AssetMediaStatus, Reason } from './types';
import { createTestSession, type TestSession } from '@/testing/api-session';
import { hexToBase64, makePngFile, sha1Hex } from '@/testing/images';
import { seedAsset } from '@/testing/seed';

let session: TestSession;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  session = await createTestSession('assets');
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await failure(promise);
  if (!isApiError(error)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const now = () => new Date().toISOString();

describe('uploadAsset', () => {
  it('uploads a file with progress events, and answers the same checksum as a duplicate', async () => {
    const file = makePngFile(undefined, { width: 200, height: 120 });
    const checksum = await sha1Hex(file);
    const progress: UploadProgress[] = [];
    const created = await uploadAsset(
      {
        xImmichChecksum: checksum,
        assetMediaCreateDto: {
          assetData: file,
          deviceAssetId: `web-${file.name}`,
          deviceId: 'lightbox-tests',
          fileCreatedAt: now(),
          fileModifiedAt: now(),
        },
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(created.status).toBe(AssetMediaStatus.Created);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1);
    expect(last?.fraction).toBe(1);
    expect(last?.loaded).toBeGreaterThanOrEqual(file.size);
    for (const [i, p] of progress.entries()) {
      if (i > 0) expect(p.loaded).toBeGreaterThanOrEqual(progress[i - 1]?.loaded ?? 0);
    }

    const info = await getAssetInfo({ id: created.id });
    expect(info.originalFileName).toBe(file.name);
    expect(info.checksum).toBe(hexToBase64(checksum));

    const again = await uploadAsset({
      xImmichChecksum: checksum,
      assetMediaCreateDto: {
        assetData: file,
        deviceAssetId: `web-${file.name}-again`,
        deviceId: 'lightbox-tests',
        fileCreatedAt: now(),
        fileModifiedAt: now(),
      },
    });
    expect(again).toEqual({ id: created.id, status: AssetMediaStatus.Duplicate });
  });

  it('names a Blob part after `filename`', async () => {
    const file = makePngFile();
    const blob = new Blob([await file.arrayBuffer()], { type: 'image/png' });
    const created = await uploadAsset({
      assetMediaCreateDto: {
        assetData: blob,
        filename: 'from-a-blob.png',
        deviceAssetId: 'blob-1',
        deviceId: 'lightbox-tests',
        fileCreatedAt: now(),
        fileModifiedAt: now(),
      },
    });
    expect((await getAssetInfo({ id: created.id })).originalFileName).toBe('from-a-blob.png');
  });

  it('throws the server’s 400 for a checksum that does not match', async () => {
    const file = makePngFile();
    const error = await apiError(
      uploadAsset({
        xImmichChecksum: 'a'.repeat(40),
        assetMediaCreateDto: {
          assetData: file,
          deviceAssetId: 'mismatch',
          deviceId: 'lightbox-tests',
          fileCreatedAt: now(),
          fileModifiedAt: now(),
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.operation).toBe('uploadAsset');
    expect(error.message).toMatch(/checksum/i);
  });

  it('throws every validation message for bad fields and an unsupported file', async () => {
    const bad = await apiError(
      uploadAsset({
        assetMediaCreateDto: {
          assetData: makePngFile(),
          deviceAssetId: 'bad-dates',
          deviceId: 'lightbox-tests',
          fileCreatedAt: 'yesterday',
          fileModifiedAt: 'not a date',
        },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/fileCreatedAt/),
        expect.stringMatching(/fileModifiedAt/),
      ]),
    );

    const text = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const unsupported = await apiError(
      uploadAsset({
        assetMediaCreateDto: {
          assetData: text,
          deviceAssetId: 'txt',
          deviceId: 'lightbox-tests',
          fileCreatedAt: now(),
          fileModifiedAt: now(),
        },
      }),
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.message).toMatch(/unsupported file type/i);
  });

  it('rejects with an AbortError when cancelled, before or during the upload', async () => {
    const dto = () => ({
      assetData: makePngFile(undefined, { width: 400, height: 400 }),
      deviceAssetId: `abort-${Math.random()}`,
      deviceId: 'lightbox-tests',
      fileCreatedAt: now(),
      fileModifiedAt: now(),
    });
    const early = new AbortController();
    early.abort();
    expect(
      isAbortError(
        await failure(uploadAsset({ assetMediaCreateDto: dto() }, { signal: early.signal })),
      ),
    ).toBe(true);

    const during = new AbortController();
    const pending = uploadAsset({ assetMediaCreateDto: dto() }, { signal: during.signal });
    during.abort();
    const error = await failure(pending);
    expect(isAbortError(error)).toBe(true);
    expect(isApiError(error)).toBe(false);
  });

  it('reports a 401 (an ended session) to onUnauthorized listeners', async () => {
    const heard: ApiError[] = [];
    const stop = onUnauthorized((error) => heard.push(error));
    configureApi({ headers: { authorization: 'Bearer expired-session' } });
    try {
      const error = await apiError(
        uploadAsset({
          assetMediaCreateDto: {
            assetData: makePngFile(),
            deviceAssetId: 'signed-out',
            deviceId: 'lightbox-tests',
            fileCreatedAt: now(),
            fileModifiedAt: now(),
          },
        }),
      );
      expect(error.status).toBe(401);
      expect(heard).toEqual([error]);
    } finally {
      stop();
      configureApi({ headers: session.headers });
    }
  });

  it('gives status 0 when the server is not there', async () => {
    configureApi({ baseUrl: 'http://127.0.0.1:1/api' });
    try {
      const error = await apiError(
        uploadAsset({
          assetMediaCreateDto: {
            assetData: makePngFile(),
            deviceAssetId: 'nowhere',
            deviceId: 'lightbox-tests',
            fileCreatedAt: now(),
            fileModifiedAt: now(),
          },
        }),
      );
      expect(error.status).toBe(0);
      expect(error.operation).toBe('uploadAsset');
    } finally {
      configureApi({ baseUrl: session.apiUrl });
    }
  });
});

describe('replaceAsset', () => {
  it('replaces the file keeping the id, with progress', async () => {
    const asset = await seedAsset();
    const replacement = makePngFile('replacement.png');
    const progress: UploadProgress[] = [];
    const result = await replaceAsset(
      {
        id: asset.id,
        assetMediaReplaceDto: {
          assetData: replacement,
          deviceAssetId: 'replaced',
          deviceId: 'lightbox-tests',
          fileCreatedAt: now(),
          fileModifiedAt: now(),
        },
      },
      { onProgress: (p) => progress.push(p) },
    );
    expect(result.status).toBe(AssetMediaStatus.Replaced);
    expect(progress.at(-1)?.fraction).toBe(1);
    const info = await getAssetInfo({ id: asset.id });
    expect(info.originalFileName).toBe('replacement.png');
    expect(info.checksum).toBe(hexToBase64(await sha1Hex(replacement)));
  });

  it('throws 400 for an unknown asset', async () => {
    const error = await apiError(
      replaceAsset({
        id: UNKNOWN_ID,
        assetMediaReplaceDto: {
          assetData: makePngFile(),
          deviceAssetId: 'x',
          deviceId: 'lightbox-tests',
          fileCreatedAt: now(),
          fileModifiedAt: now(),
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.operation).toBe('replaceAsset');
  });
});

describe('reading and changing assets', () => {
  it('getAssetInfo: the asset, or 400 for an unknown id and a malformed id', async () => {
    const asset = await seedAsset({ name: 'info.png' });
    const info = await getAssetInfo({ id: asset.id });
    expect(info).toMatchObject({
      id: asset.id,
      originalFileName: 'info.png',
      ownerId: session.userId,
    });

    const unknown = await apiError(getAssetInfo({ id: UNKNOWN_ID }));
    expect(unknown.status).toBe(400);
    expect(unknown.operation).toBe('getAssetInfo');
    expect(unknown.message.length).toBeGreaterThan(0);

    const malformed = await apiError(getAssetInfo({ id: 'not-a-uuid' }));
    expect(malformed.status).toBe(400);
  });

  it('updateAsset: changes and returns the asset; a bad body is a 400 with the messages', async () => {
    const asset = await seedAsset();
    const updated = await updateAsset({
      id: asset.id,
      updateAssetDto: { isFavorite: true, description: 'A test picture', rating: 4 },
    });
    expect(updated.isFavorite).toBe(true);
    expect(updated.exifInfo?.description).toBe('A test picture');

    const error = await apiError(updateAsset({ id: asset.id, updateAssetDto: { rating: 9 } }));
    expect(error.status).toBe(400);
    expect(error.operation).toBe('updateAsset');
    expect(error.message).toMatch(/rating/);

    const half = await apiError(updateAsset({ id: asset.id, updateAssetDto: { latitude: 10 } }));
    expect(half.messages).toContain('longitude should not be empty');
  });

  it('updateAssets and deleteAssets resolve undefined (204) and act on every id', async () => {
    const a = await seedAsset();
    const b = await seedAsset();
    await expect(
      updateAssets({ assetBulkUpdateDto: { ids: [a.id, b.id], isFavorite: true } }),
    ).resolves.toBeUndefined();
    expect((await getAssetInfo({ id: a.id })).isFavorite).toBe(true);
    expect((await getAssetInfo({ id: b.id })).isFavorite).toBe(true);

    await expect(deleteAssets({ assetBulkDeleteDto: { ids: [a.id] } })).resolves.toBeUndefined();
    expect((await getAssetInfo({ id: a.id })).isTrashed).toBe(true);
    await deleteAssets({ assetBulkDeleteDto: { ids: [b.id], force: true } });
    expect((await apiError(getAssetInfo({ id: b.id }))).status).toBe(400);

    const unknown = await apiError(
      updateAssets({ assetBulkUpdateDto: { ids: [UNKNOWN_ID], isFavorite: true } }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.operation).toBe('updateAssets');
    const bad = await apiError(deleteAssets({ assetBulkDeleteDto: { ids: ['nope'] } }));
    expect(bad.status).toBe(400);
    expect(bad.operation).toBe('deleteAssets');
  });

  it('getAssetStatistics counts this user’s images with the filters', async () => {
    const before = await getAssetStatistics({});
    const favoritesBefore = await getAssetStatistics({ isFavorite: true });
    await seedAsset({ isFavorite: true });
    await seedAsset();
    const after = await getAssetStatistics({});
    expect(after.images - before.images).toBe(2);
    expect(after.total - before.total).toBe(2);
    expect((await getAssetStatistics({ isFavorite: true })).images - favoritesBefore.images).toBe(
      1,
    );
    const bad = await apiError(
      getAssetStatistics({
        visibility: 'nowhere' as unknown as NonNullable<
          Parameters<typeof getAssetStatistics>[0]['visibility']
        >,
      }),
    );
    expect(bad.status).toBe(400);
  });

  it('getRandom returns up to `count` of the user’s assets', async () => {
    await seedAsset();
    const random = await getRandom({ count: 2 });
    expect(random.length).toBeGreaterThan(0);
    expect(random.length).toBeLessThanOrEqual(2);
    for (const asset of random) expect(asset.ownerId).toBe(session.userId);
    expect((await apiError(getRandom({ count: 0 }))).status).toBe(400);
  });

  it('getAllUserAssetsByDeviceId and checkExistingAssets know what a device uploaded', async () => {
    const deviceId = `device-${Math.random().toString(36).slice(2)}`;
    const asset = await seedAsset({ deviceId });
    await expect(getAllUserAssetsByDeviceId({ deviceId })).resolves.toEqual([asset.deviceAssetId]);
    const existing = await checkExistingAssets({
      checkExistingAssetsDto: { deviceId, deviceAssetIds: [asset.deviceAssetId, 'never-uploaded'] },
    });
    expect(existing).toEqual({ existingIds: [asset.deviceAssetId] });
    const bad = await apiError(
      checkExistingAssets({ checkExistingAssetsDto: { deviceId, deviceAssetIds: [] } }),
    );
    expect(bad.status).toBe(400);
  });

  it('checkBulkUpload rejects known checksums as duplicates and accepts new ones', async () => {
    const asset = await seedAsset();
    const fresh = await sha1Hex(makePngFile());
    const { results } = await checkBulkUpload({
      assetBulkUploadCheckDto: {
        assets: [
          { id: 'known', checksum: asset.checksum },
          { id: 'new', checksum: fresh },
        ],
      },
    });
    expect(results).toEqual([
      {
        id: 'known',
        action: Action.Reject,
        reason: Reason.Duplicate,
        assetId: asset.id,
        isTrashed: false,
      },
      { id: 'new', action: Action.Accept },
    ]);
  });

  it('runAssetJobs queues a job (204) and refuses an unknown job name', async () => {
    const asset = await seedAsset();
    await expect(
      runAssetJobs({
        assetJobsDto: { assetIds: [asset.id], name: AssetJobName.RegenerateThumbnail },
      }),
    ).resolves.toBeUndefined();
    const error = await apiError(
      runAssetJobs({
        assetJobsDto: {
          assetIds: [asset.id],
          name: 'make-coffee' as unknown as Parameters<
            typeof runAssetJobs
          >[0]['assetJobsDto']['name'],
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.operation).toBe('runAssetJobs');
  });
});

describe('media: URLs and bytes', () => {
  it('builds URLs with the key, size and cache key, leaving out what is not given', () => {
    configureApi({ baseUrl: '/api' });
    try {
      expect(viewAssetUrl({ id: 'a1' })).toBe('/api/assets/a1/thumbnail');
      expect(
        viewAssetUrl({ id: 'a1', size: AssetMediaSize.Preview, key: 'k y', c: 'hash/+=' }),
      ).toBe('/api/assets/a1/thumbnail?key=k+y&size=preview&c=hash%2F%2B%3D');
      expect(downloadAssetUrl({ id: 'a1', key: 'k', c: null })).toBe(
        '/api/assets/a1/original?key=k',
      );
      expect(playAssetVideoUrl({ id: 'a/1' })).toBe('/api/assets/a%2F1/video/playback');
    } finally {
      configureApi({ baseUrl: session.apiUrl });
    }
  });

  it('downloadAsset returns the original bytes; viewAsset a thumbnail image', async () => {
    const asset = await seedAsset();
    const original = await downloadAsset({ id: asset.id });
    expect(original.size).toBe(asset.file.size);
    expect(await sha1Hex(original)).toBe(asset.checksum);

    const thumbnail = await viewAsset({ id: asset.id, size: AssetMediaSize.Thumbnail });
    expect(thumbnail.size).toBeGreaterThan(0);
    expect(thumbnail.type).toMatch(/^image\//);
    const preview = await viewAsset({ id: asset.id, size: AssetMediaSize.Preview });
    expect(preview.type).toMatch(/^image\//);
  });

  it('the media fetchers throw ApiErrors: unknown ids, and a photo has no video', async () => {
    const asset = await seedAsset();
    expect((await apiError(downloadAsset({ id: UNKNOWN_ID }))).operation).toBe('downloadAsset');
    expect((await apiError(viewAsset({ id: UNKNOWN_ID }))).status).toBe(400);
    const notVideo = await apiError(playAssetVideo({ id: asset.id }));
    expect(notVideo.status).toBe(400);
    expect(notVideo.operation).toBe('playAssetVideo');
    expect(notVideo.message).toMatch(/not a video/i);
  });

  it('a media fetch can be aborted', async () => {
    const asset = await seedAsset();
    const controller = new AbortController();
    const pending = downloadAsset({ id: asset.id }, controller.signal);
    controller.abort();
    expect(isAbortError(await failure(pending))).toBe(true);
  });
});
