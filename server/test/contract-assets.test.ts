/**
 * The contract: every asset, timeline and trash operation driven through the official typed
 * client, @immich/sdk 1.135.3, against the server listening on a real port.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Action,
  AssetJobName,
  AssetMediaSize,
  AssetMediaStatus,
  AssetOrder,
  AssetVisibility,
  Permission,
  Reason,
  checkBulkUpload,
  checkExistingAssets,
  createApiKey,
  createUserAdmin,
  deleteAssets,
  downloadAsset,
  emptyTrash,
  getAllUserAssetsByDeviceId,
  getAssetInfo,
  getAssetStatistics,
  getRandom,
  getTimeBucket,
  getTimeBuckets,
  init,
  isHttpError,
  login,
  playAssetVideo,
  replaceAsset,
  restoreAssets,
  restoreTrash,
  runAssetJobs,
  setApiKey,
  setBaseUrl,
  signUpAdmin,
  updateAsset,
  updateAssets,
  uploadAsset,
  viewAsset,
  type AssetMediaCreateDto,
} from '@immich/sdk';
import { createTestApp, type TestApp } from './helpers.ts';
import { makeJpeg, makePng, sha1 } from './assets-helpers.ts';

const ADMIN = { email: 'contract-admin@example.com', password: 'contract-admin-pw', name: 'Admin' };
const OTHER = { email: 'contract-other@example.com', password: 'contract-other-pw', name: 'Other' };

/** What the SDK throws for a non-2xx answer: its status and Immich's error body. */
async function failure(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await call;
  } catch (error) {
    if (isHttpError(error)) {
      // Binary operations hand back their error body as a Blob (or text): read it as JSON.
      const raw: unknown = error.data;
      const text = raw instanceof Blob ? await raw.text() : typeof raw === 'string' ? raw : null;
      return { status: error.status, data: text === null ? raw : (JSON.parse(text) as unknown) };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const bytesOf = async (blob: Blob) => Buffer.from(await blob.arrayBuffer());

function makeVideo(dir: string): Buffer {
  const file = path.join(dir, 'clip.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=15',
    '-t',
    '1',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-preset',
    'veryfast',
    '-movflags',
    '+faststart',
    file,
  ]);
  return fs.readFileSync(file);
}

describe('contract: @immich/sdk against the local server', () => {
  let t: TestApp;
  let adminKey: string;
  let otherKey: string;
  let readOnlyKey: string;
  const asAdmin = () => setApiKey(adminKey);
  const asOther = () => setApiKey(otherKey);

  const dto = (
    data: Buffer,
    name: string,
    extra: Partial<AssetMediaCreateDto> = {},
  ): AssetMediaCreateDto => ({
    assetData: new File([new Uint8Array(data)], name),
    deviceAssetId: `${name}-${data.length}`,
    deviceId: 'contract',
    fileCreatedAt: '2024-06-15T12:00:00.000Z',
    fileModifiedAt: '2024-06-15T12:00:00.000Z',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const baseUrl = `http://127.0.0.1:${address.port}/api`;
    setBaseUrl(baseUrl);

    await signUpAdmin({ signUpDto: ADMIN });
    const adminLogin = await login({
      loginCredentialDto: { email: ADMIN.email, password: ADMIN.password },
    });
    const bearer = { headers: { Authorization: `Bearer ${adminLogin.accessToken}` } };
    adminKey = (
      await createApiKey(
        { apiKeyCreateDto: { name: 'contract', permissions: [Permission.All] } },
        bearer,
      )
    ).secret;
    readOnlyKey = (
      await createApiKey(
        { apiKeyCreateDto: { name: 'read', permissions: [Permission.AssetRead] } },
        bearer,
      )
    ).secret;
    await createUserAdmin({ userAdminCreateDto: { ...OTHER } }, bearer);
    const otherLogin = await login({
      loginCredentialDto: { email: OTHER.email, password: OTHER.password },
    });
    otherKey = (
      await createApiKey(
        { apiKeyCreateDto: { name: 'other', permissions: [Permission.All] } },
        { headers: { Authorization: `Bearer ${otherLogin.accessToken}` } },
      )
    ).secret;
    init({ baseUrl, apiKey: adminKey });
  });
  afterAll(() => t.close());

  it('uploads, reports duplicates, and downloads the original byte for byte', async () => {
    asAdmin();
    const jpeg = await makeJpeg(1, 800, 600);
    const created = await uploadAsset({
      assetMediaCreateDto: dto(jpeg, 'contract-1.jpg', { isFavorite: true }),
    });
    expect(created.status).toBe(AssetMediaStatus.Created);
    const again = await uploadAsset({ assetMediaCreateDto: dto(jpeg, 'again.jpg') });
    expect(again).toEqual({ id: created.id, status: AssetMediaStatus.Duplicate });
    const byHeader = await uploadAsset({
      xImmichChecksum: sha1(jpeg).toString('base64'),
      assetMediaCreateDto: dto(jpeg, 'header.jpg'),
    });
    expect(byHeader).toEqual({ id: created.id, status: AssetMediaStatus.Duplicate });

    const original = await downloadAsset({ id: created.id });
    expect((await bytesOf(original)).equals(jpeg)).toBe(true);

    const info = await getAssetInfo({ id: created.id });
    expect(info).toMatchObject({
      id: created.id,
      originalFileName: 'contract-1.jpg',
      isFavorite: true,
      checksum: sha1(jpeg).toString('base64'),
      type: 'IMAGE',
    });
    expect(info.exifInfo?.fileSizeInByte).toBe(jpeg.length);

    const mismatch = await failure(
      uploadAsset({
        xImmichChecksum: sha1(Buffer.from('other')).toString('hex'),
        assetMediaCreateDto: dto(await makeJpeg(2), 'wrong-sum.jpg'),
      }),
    );
    expect(mismatch.status).toBe(400);
    const unsupported = await failure(
      uploadAsset({ assetMediaCreateDto: dto(Buffer.from('x'), 'note.txt') }),
    );
    expect(unsupported).toMatchObject({
      status: 400,
      data: { message: 'Unsupported file type note.txt' },
    });
  });

  it('serves thumbnails, previews and video playback', async () => {
    asAdmin();
    const png = await makePng(3);
    const { id } = await uploadAsset({ assetMediaCreateDto: dto(png, 'tall.png') });
    const thumbnail = await bytesOf(await viewAsset({ id, size: AssetMediaSize.Thumbnail }));
    expect((await sharp(thumbnail).metadata()).format).toBe('webp');
    const preview = await bytesOf(await viewAsset({ id, size: AssetMediaSize.Preview }));
    expect((await sharp(preview).metadata()).format).toBe('jpeg');
    expect((await getAssetInfo({ id })).thumbhash).toEqual(expect.any(String));

    const clip = makeVideo(t.dataDir);
    const video = await uploadAsset({ assetMediaCreateDto: dto(clip, 'clip.mp4') });
    const played = await bytesOf(await playAssetVideo({ id: video.id }));
    expect(played.length).toBeGreaterThan(0);
    const poster = await bytesOf(await viewAsset({ id: video.id }));
    expect((await sharp(poster).metadata()).width).toBeGreaterThan(0);
    expect(await failure(playAssetVideo({ id }))).toMatchObject({ status: 400 });
  });

  it('updates one asset and many, and keeps the changes', async () => {
    asAdmin();
    const a = await uploadAsset({ assetMediaCreateDto: dto(await makeJpeg(4), 'a.jpg') });
    const b = await uploadAsset({ assetMediaCreateDto: dto(await makeJpeg(5), 'b.jpg') });
    const updated = await updateAsset({
      id: a.id,
      updateAssetDto: {
        isFavorite: true,
        description: 'one',
        rating: 5,
        visibility: AssetVisibility.Archive,
      },
    });
    expect(updated).toMatchObject({
      isFavorite: true,
      isArchived: true,
      exifInfo: { description: 'one', rating: 5 },
    });

    await updateAssets({
      assetBulkUpdateDto: {
        ids: [a.id, b.id],
        isFavorite: false,
        visibility: AssetVisibility.Timeline,
        latitude: 48.85,
        longitude: 2.35,
        dateTimeOriginal: '2021-05-06T07:08:09.000Z',
      },
    });
    for (const id of [a.id, b.id]) {
      const asset = await getAssetInfo({ id });
      expect(asset).toMatchObject({
        isFavorite: false,
        visibility: 'timeline',
        localDateTime: '2021-05-06T07:08:09.000Z',
        exifInfo: { latitude: 48.85, longitude: 2.35 },
      });
    }
    const invalid = await failure(
      updateAsset({ id: a.id, updateAssetDto: { visibility: 'public' as AssetVisibility } }),
    );
    expect(invalid.status).toBe(400);
  });

  it('answers the device and duplicate checks', async () => {
    asAdmin();
    const jpeg = await makeJpeg(6);
    const { id } = await uploadAsset({
      assetMediaCreateDto: dto(jpeg, 'device.jpg', {
        deviceAssetId: 'dev-asset-1',
        deviceId: 'phone-1',
      }),
    });
    expect(await getAllUserAssetsByDeviceId({ deviceId: 'phone-1' })).toEqual(['dev-asset-1']);
    expect(
      await checkExistingAssets({
        checkExistingAssetsDto: { deviceId: 'phone-1', deviceAssetIds: ['dev-asset-1', 'x'] },
      }),
    ).toEqual({ existingIds: ['dev-asset-1'] });
    const check = await checkBulkUpload({
      assetBulkUploadCheckDto: {
        assets: [
          { id: 'known', checksum: sha1(jpeg).toString('hex') },
          { id: 'new', checksum: sha1(Buffer.from('never uploaded')).toString('base64') },
        ],
      },
    });
    expect(check.results).toEqual([
      {
        id: 'known',
        action: Action.Reject,
        reason: Reason.Duplicate,
        assetId: id,
        isTrashed: false,
      },
      { id: 'new', action: Action.Accept },
    ]);
  });

  it('replaces an original and re-runs media jobs', async () => {
    asAdmin();
    const first = await makeJpeg(7);
    const second = await makeJpeg(8);
    const { id } = await uploadAsset({ assetMediaCreateDto: dto(first, 'replace-me.jpg') });
    const replaced = await replaceAsset({
      id,
      assetMediaReplaceDto: dto(second, 'replacement.jpg'),
    });
    expect(replaced.status).toBe(AssetMediaStatus.Replaced);
    expect((await bytesOf(await downloadAsset({ id }))).equals(second)).toBe(true);
    expect((await getAssetInfo({ id: replaced.id })).isTrashed).toBe(true);

    await runAssetJobs({
      assetJobsDto: { assetIds: [id], name: AssetJobName.RegenerateThumbnail },
    });
    await runAssetJobs({ assetJobsDto: { assetIds: [id], name: AssetJobName.RefreshMetadata } });
    await t.app.assetMedia.service.idle();
    expect((await sharp(await bytesOf(await viewAsset({ id }))).metadata()).format).toBe('webp');
  });

  it('lists the timeline by month and by bucket', async () => {
    asAdmin();
    const { id } = await uploadAsset({
      assetMediaCreateDto: dto(await makeJpeg(9), 'old.jpg', {
        fileCreatedAt: '2019-02-03T04:05:06.000Z',
        fileModifiedAt: '2019-02-03T04:05:06.000Z',
      }),
    });
    const buckets = await getTimeBuckets({});
    expect(buckets).toContainEqual({ timeBucket: '2019-02-01', count: 1 });
    expect(buckets.map((b) => b.timeBucket)).toEqual(
      [...buckets.map((b) => b.timeBucket)].sort().reverse(),
    );
    const asc = await getTimeBuckets({ order: AssetOrder.Asc });
    expect(asc[0]?.timeBucket).toBe('2019-02-01');
    const bucket = await getTimeBucket({ timeBucket: '2019-02-01' });
    expect(bucket.id).toEqual([id]);
    expect(bucket).toMatchObject({
      isImage: [true],
      isTrashed: [false],
      fileCreatedAt: ['2019-02-03T04:05:06'],
    });
    const stats = await getAssetStatistics({});
    expect(stats.total).toBe(stats.images + stats.videos);
    expect(stats.videos).toBe(1);
    expect((await getRandom({ count: 2 })).length).toBe(2);
  });

  it('trashes, restores and empties the trash', async () => {
    asAdmin();
    const a = await uploadAsset({ assetMediaCreateDto: dto(await makeJpeg(10), 'trash-a.jpg') });
    const b = await uploadAsset({ assetMediaCreateDto: dto(await makeJpeg(11), 'trash-b.jpg') });
    const trashedBefore = (await getAssetStatistics({ isTrashed: true })).total;

    await deleteAssets({ assetBulkDeleteDto: { ids: [a.id, b.id] } });
    expect((await getAssetInfo({ id: a.id })).isTrashed).toBe(true);
    expect(await restoreAssets({ bulkIdsDto: { ids: [a.id] } })).toEqual({ count: 1 });
    expect((await getAssetInfo({ id: a.id })).isTrashed).toBe(false);
    expect(await restoreTrash()).toEqual({ count: trashedBefore + 1 });

    await deleteAssets({ assetBulkDeleteDto: { ids: [a.id] } });
    expect(await emptyTrash()).toEqual({ count: 1 });
    expect(await failure(getAssetInfo({ id: a.id }))).toMatchObject({ status: 400 });

    await deleteAssets({ assetBulkDeleteDto: { ids: [b.id], force: true } });
    expect(await failure(downloadAsset({ id: b.id }))).toMatchObject({ status: 400 });
  });

  it('shows a second user none of the first user’s assets', async () => {
    asAdmin();
    const jpeg = await makeJpeg(12);
    const { id } = await uploadAsset({
      assetMediaCreateDto: dto(jpeg, 'private.jpg', { deviceId: 'phone-1' }),
    });

    asOther();
    const calls: (() => Promise<unknown>)[] = [
      () => getAssetInfo({ id }),
      () => downloadAsset({ id }),
      () => viewAsset({ id }),
      () => playAssetVideo({ id }),
      () => updateAsset({ id, updateAssetDto: { isFavorite: true } }),
      () => updateAssets({ assetBulkUpdateDto: { ids: [id], isFavorite: true } }),
      () => deleteAssets({ assetBulkDeleteDto: { ids: [id], force: true } }),
      () => restoreAssets({ bulkIdsDto: { ids: [id] } }),
      () => runAssetJobs({ assetJobsDto: { assetIds: [id], name: AssetJobName.RefreshMetadata } }),
      () => replaceAsset({ id, assetMediaReplaceDto: dto(jpeg, 'steal.jpg') }),
    ];
    for (const [index, call] of calls.entries()) {
      const { status, data } = await failure(call()).catch((error: unknown) => {
        throw new Error(`call ${index}: ${String(error)}`);
      });
      expect(status, `call ${index}`).toBe(400);
      expect(JSON.stringify(data)).not.toContain('private.jpg');
      expect(JSON.stringify(data)).not.toContain(sha1(jpeg).toString('base64'));
    }
    expect(await getTimeBuckets({})).toEqual([]);
    expect((await getTimeBucket({ timeBucket: '2024-06-01' })).id).toEqual([]);
    expect(await getAssetStatistics({})).toEqual({ images: 0, videos: 0, total: 0 });
    expect(await getRandom({ count: 10 })).toEqual([]);
    expect(await getAllUserAssetsByDeviceId({ deviceId: 'phone-1' })).toEqual([]);
    expect(
      (
        await checkBulkUpload({
          assetBulkUploadCheckDto: { assets: [{ id: 'x', checksum: sha1(jpeg).toString('hex') }] },
        })
      ).results,
    ).toEqual([{ id: 'x', action: Action.Accept }]);
    expect(await emptyTrash()).toEqual({ count: 0 });
    // Their own upload of the same file is a new asset of theirs.
    const theirs = await uploadAsset({ assetMediaCreateDto: dto(jpeg, 'mine-too.jpg') });
    expect(theirs.status).toBe(AssetMediaStatus.Created);
    expect(theirs.id).not.toBe(id);

    asAdmin();
    expect((await getAssetInfo({ id })).isFavorite).toBe(false);
  });

  it('limits an API key to its permissions and rejects bad input with 4xx', async () => {
    setApiKey(readOnlyKey);
    const forbidden = await failure(
      uploadAsset({ assetMediaCreateDto: dto(await makeJpeg(13), 'ro.jpg') }),
    );
    expect(forbidden).toMatchObject({
      status: 403,
      data: { message: 'Missing required permission: asset.upload' },
    });
    expect(Array.isArray(await getTimeBuckets({}))).toBe(true);

    asAdmin();
    expect(await failure(getAssetInfo({ id: 'not-a-uuid' }))).toMatchObject({ status: 400 });
    expect(await failure(getAssetInfo({ id: randomUUID() }))).toMatchObject({ status: 400 });
    expect(await failure(getTimeBucket({ timeBucket: 'later' }))).toMatchObject({ status: 400 });
    expect(
      await failure(getAssetStatistics({ visibility: 'everything' as AssetVisibility })),
    ).toMatchObject({ status: 400 });
  });
});
