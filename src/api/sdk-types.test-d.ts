// Proves that every operation of the fetch layer takes and returns exactly what the official
// client @immich/sdk@1.135.3 does. Vitest's typecheck mode runs this file (and `tsc` checks it):
// a parameter or result that drifts from the SDK fails the test run.
import { describe, expectTypeOf, it } from 'vitest';
import type * as sdk from '@immich/sdk';
import * as assets from './assets';
import * as auth from './auth';
import type * as apiKeys from './api-keys';
import type * as download from './download';
import * as server from './server';
import type * as sharedLinks from './shared-links';
import type * as timeline from './timeline';
import * as trash from './trash';
import * as users from './users';
import type { UploadOptions } from './upload';

/** The SDK's first parameter (the operation's arguments) and its resolved result. */
type SdkArgs<F extends (...args: never[]) => unknown> = Parameters<F>[0];
type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe('the 15 Assets API operations match @immich/sdk 1.135.3', () => {
  it('uploadAsset', () => {
    expectTypeOf<Parameters<typeof assets.uploadAsset>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.uploadAsset>
    >();
    expectTypeOf<Parameters<typeof assets.uploadAsset>[1]>().toEqualTypeOf<
      UploadOptions | undefined
    >();
    expectTypeOf<Result<typeof assets.uploadAsset>>().toEqualTypeOf<
      Result<typeof sdk.uploadAsset>
    >();
  });

  it('replaceAsset', () => {
    expectTypeOf<Parameters<typeof assets.replaceAsset>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.replaceAsset>
    >();
    expectTypeOf<Parameters<typeof assets.replaceAsset>[1]>().toEqualTypeOf<
      UploadOptions | undefined
    >();
    expectTypeOf<Result<typeof assets.replaceAsset>>().toEqualTypeOf<
      Result<typeof sdk.replaceAsset>
    >();
  });

  it('getAssetInfo', () => {
    expectTypeOf<Parameters<typeof assets.getAssetInfo>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getAssetInfo>
    >();
    expectTypeOf<Parameters<typeof assets.getAssetInfo>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.getAssetInfo>>().toEqualTypeOf<
      Result<typeof sdk.getAssetInfo>
    >();
  });

  it('updateAsset', () => {
    expectTypeOf<Parameters<typeof assets.updateAsset>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.updateAsset>
    >();
    expectTypeOf<Parameters<typeof assets.updateAsset>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.updateAsset>>().toEqualTypeOf<
      Result<typeof sdk.updateAsset>
    >();
  });

  // The SDK types an empty (204) answer as Promise<never>; the fetch layer says what happens: void.
  it('updateAssets', () => {
    expectTypeOf<Parameters<typeof assets.updateAssets>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.updateAssets>
    >();
    expectTypeOf<Parameters<typeof assets.updateAssets>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof sdk.updateAssets>>().toEqualTypeOf<never>();
    expectTypeOf<Result<typeof assets.updateAssets>>().toEqualTypeOf<void>();
  });

  it('deleteAssets', () => {
    expectTypeOf<Parameters<typeof assets.deleteAssets>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.deleteAssets>
    >();
    expectTypeOf<Parameters<typeof assets.deleteAssets>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof sdk.deleteAssets>>().toEqualTypeOf<never>();
    expectTypeOf<Result<typeof assets.deleteAssets>>().toEqualTypeOf<void>();
  });

  it('downloadAsset (Blob fetcher and URL)', () => {
    expectTypeOf<Parameters<typeof assets.downloadAsset>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.downloadAsset>
    >();
    expectTypeOf<Parameters<typeof assets.downloadAsset>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.downloadAsset>>().toEqualTypeOf<
      Result<typeof sdk.downloadAsset>
    >();
    expectTypeOf(assets.downloadAssetUrl)
      .parameter(0)
      .toMatchTypeOf<SdkArgs<typeof sdk.downloadAsset>>();
    expectTypeOf(assets.downloadAssetUrl).returns.toEqualTypeOf<string>();
  });

  it('viewAsset (Blob fetcher and URL)', () => {
    expectTypeOf<Parameters<typeof assets.viewAsset>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.viewAsset>
    >();
    expectTypeOf<Parameters<typeof assets.viewAsset>[1]>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<Result<typeof assets.viewAsset>>().toEqualTypeOf<Result<typeof sdk.viewAsset>>();
    expectTypeOf(assets.viewAssetUrl).parameter(0).toMatchTypeOf<SdkArgs<typeof sdk.viewAsset>>();
    expectTypeOf(assets.viewAssetUrl).returns.toEqualTypeOf<string>();
  });

  it('playAssetVideo (Blob fetcher and URL)', () => {
    expectTypeOf<Parameters<typeof assets.playAssetVideo>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.playAssetVideo>
    >();
    expectTypeOf<Parameters<typeof assets.playAssetVideo>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.playAssetVideo>>().toEqualTypeOf<
      Result<typeof sdk.playAssetVideo>
    >();
    expectTypeOf(assets.playAssetVideoUrl)
      .parameter(0)
      .toMatchTypeOf<SdkArgs<typeof sdk.playAssetVideo>>();
    expectTypeOf(assets.playAssetVideoUrl).returns.toEqualTypeOf<string>();
  });

  it('getAssetStatistics', () => {
    expectTypeOf<Parameters<typeof assets.getAssetStatistics>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getAssetStatistics>
    >();
    expectTypeOf<Parameters<typeof assets.getAssetStatistics>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.getAssetStatistics>>().toEqualTypeOf<
      Result<typeof sdk.getAssetStatistics>
    >();
  });

  it('getRandom', () => {
    expectTypeOf<Parameters<typeof assets.getRandom>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getRandom>
    >();
    expectTypeOf<Parameters<typeof assets.getRandom>[1]>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<Result<typeof assets.getRandom>>().toEqualTypeOf<Result<typeof sdk.getRandom>>();
  });

  it('getAllUserAssetsByDeviceId', () => {
    expectTypeOf<Parameters<typeof assets.getAllUserAssetsByDeviceId>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getAllUserAssetsByDeviceId>
    >();
    expectTypeOf<Parameters<typeof assets.getAllUserAssetsByDeviceId>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.getAllUserAssetsByDeviceId>>().toEqualTypeOf<
      Result<typeof sdk.getAllUserAssetsByDeviceId>
    >();
  });

  it('checkExistingAssets', () => {
    expectTypeOf<Parameters<typeof assets.checkExistingAssets>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.checkExistingAssets>
    >();
    expectTypeOf<Parameters<typeof assets.checkExistingAssets>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.checkExistingAssets>>().toEqualTypeOf<
      Result<typeof sdk.checkExistingAssets>
    >();
  });

  it('checkBulkUpload', () => {
    expectTypeOf<Parameters<typeof assets.checkBulkUpload>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.checkBulkUpload>
    >();
    expectTypeOf<Parameters<typeof assets.checkBulkUpload>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof assets.checkBulkUpload>>().toEqualTypeOf<
      Result<typeof sdk.checkBulkUpload>
    >();
  });

  it('runAssetJobs', () => {
    expectTypeOf<Parameters<typeof assets.runAssetJobs>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.runAssetJobs>
    >();
    expectTypeOf<Parameters<typeof assets.runAssetJobs>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
    expectTypeOf<Result<typeof sdk.runAssetJobs>>().toEqualTypeOf<never>();
    expectTypeOf<Result<typeof assets.runAssetJobs>>().toEqualTypeOf<void>();
  });
});

describe('the other operations match @immich/sdk 1.135.3', () => {
  it('timeline: getTimeBuckets, getTimeBucket', () => {
    expectTypeOf<Parameters<typeof timeline.getTimeBuckets>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getTimeBuckets>
    >();
    expectTypeOf<Result<typeof timeline.getTimeBuckets>>().toEqualTypeOf<
      Result<typeof sdk.getTimeBuckets>
    >();
    expectTypeOf<Parameters<typeof timeline.getTimeBucket>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getTimeBucket>
    >();
    expectTypeOf<Result<typeof timeline.getTimeBucket>>().toEqualTypeOf<
      Result<typeof sdk.getTimeBucket>
    >();
    expectTypeOf<Parameters<typeof timeline.getTimeBucket>[1]>().toEqualTypeOf<
      AbortSignal | undefined
    >();
  });

  it('auth: login, logout, signUpAdmin, validateAccessToken', () => {
    expectTypeOf<Parameters<typeof auth.login>[0]>().toEqualTypeOf<SdkArgs<typeof sdk.login>>();
    expectTypeOf<Result<typeof auth.login>>().toEqualTypeOf<Result<typeof sdk.login>>();
    expectTypeOf<Parameters<typeof auth.signUpAdmin>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.signUpAdmin>
    >();
    expectTypeOf<Result<typeof auth.signUpAdmin>>().toEqualTypeOf<Result<typeof sdk.signUpAdmin>>();
    expectTypeOf(auth.logout).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf<Result<typeof auth.logout>>().toEqualTypeOf<Result<typeof sdk.logout>>();
    expectTypeOf(auth.validateAccessToken).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf<Result<typeof auth.validateAccessToken>>().toEqualTypeOf<
      Result<typeof sdk.validateAccessToken>
    >();
  });

  it('users: getMyUser', () => {
    expectTypeOf(users.getMyUser).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf<Result<typeof users.getMyUser>>().toEqualTypeOf<Result<typeof sdk.getMyUser>>();
  });

  it('server: ping, version, config, media types, features', () => {
    expectTypeOf<Result<typeof server.pingServer>>().toEqualTypeOf<Result<typeof sdk.pingServer>>();
    expectTypeOf<Result<typeof server.getServerVersion>>().toEqualTypeOf<
      Result<typeof sdk.getServerVersion>
    >();
    expectTypeOf<Result<typeof server.getServerConfig>>().toEqualTypeOf<
      Result<typeof sdk.getServerConfig>
    >();
    expectTypeOf<Result<typeof server.getSupportedMediaTypes>>().toEqualTypeOf<
      Result<typeof sdk.getSupportedMediaTypes>
    >();
    expectTypeOf<Result<typeof server.getServerFeatures>>().toEqualTypeOf<
      Result<typeof sdk.getServerFeatures>
    >();
    expectTypeOf(server.pingServer).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf(server.getServerFeatures).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
  });

  it('api keys: createApiKey', () => {
    expectTypeOf<Parameters<typeof apiKeys.createApiKey>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.createApiKey>
    >();
    expectTypeOf<Result<typeof apiKeys.createApiKey>>().toEqualTypeOf<
      Result<typeof sdk.createApiKey>
    >();
  });

  it('trash: restoreAssets, restoreTrash, emptyTrash', () => {
    expectTypeOf<Parameters<typeof trash.restoreAssets>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.restoreAssets>
    >();
    expectTypeOf<Result<typeof trash.restoreAssets>>().toEqualTypeOf<
      Result<typeof sdk.restoreAssets>
    >();
    expectTypeOf(trash.restoreTrash).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf<Result<typeof trash.restoreTrash>>().toEqualTypeOf<
      Result<typeof sdk.restoreTrash>
    >();
    expectTypeOf(trash.emptyTrash).parameters.toEqualTypeOf<[signal?: AbortSignal]>();
    expectTypeOf<Result<typeof trash.emptyTrash>>().toEqualTypeOf<Result<typeof sdk.emptyTrash>>();
  });

  it('shared links: createSharedLink, getMySharedLink, removeSharedLink', () => {
    expectTypeOf<Parameters<typeof sharedLinks.createSharedLink>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.createSharedLink>
    >();
    expectTypeOf<Result<typeof sharedLinks.createSharedLink>>().toEqualTypeOf<
      Result<typeof sdk.createSharedLink>
    >();
    expectTypeOf<Parameters<typeof sharedLinks.getMySharedLink>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getMySharedLink>
    >();
    expectTypeOf<Result<typeof sharedLinks.getMySharedLink>>().toEqualTypeOf<
      Result<typeof sdk.getMySharedLink>
    >();
    expectTypeOf<Parameters<typeof sharedLinks.removeSharedLink>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.removeSharedLink>
    >();
    expectTypeOf<Result<typeof sdk.removeSharedLink>>().toEqualTypeOf<never>();
    expectTypeOf<Result<typeof sharedLinks.removeSharedLink>>().toEqualTypeOf<void>();
  });

  it('downloads: getDownloadInfo, downloadArchive', () => {
    expectTypeOf<Parameters<typeof download.getDownloadInfo>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.getDownloadInfo>
    >();
    expectTypeOf<Result<typeof download.getDownloadInfo>>().toEqualTypeOf<
      Result<typeof sdk.getDownloadInfo>
    >();
    expectTypeOf<Parameters<typeof download.downloadArchive>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.downloadArchive>
    >();
    expectTypeOf<Result<typeof download.downloadArchive>>().toEqualTypeOf<
      Result<typeof sdk.downloadArchive>
    >();
    expectTypeOf<Parameters<typeof download.downloadArchiveStream>[0]>().toEqualTypeOf<
      SdkArgs<typeof sdk.downloadArchive>
    >();
  });
});
