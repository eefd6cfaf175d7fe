// The 15 operations of Immich 1.135's Assets API, one function each, named like the operationId.
// Parameters and results are the official SDK's (proved in assets.test-d.ts); the last argument
// is an AbortSignal (uploads: `{ signal, onProgress }`).
import { apiFetch, apiFetchBlob, apiUrl } from './client';
import { sendMultipart, toFormData, type UploadOptions } from './upload';
import type {
  AssetBulkDeleteDto,
  AssetBulkUpdateDto,
  AssetBulkUploadCheckDto,
  AssetBulkUploadCheckResponseDto,
  AssetJobsDto,
  AssetMediaCreateDto,
  AssetMediaReplaceDto,
  AssetMediaResponseDto,
  AssetMediaSize,
  AssetResponseDto,
  AssetStatsResponseDto,
  AssetVisibility,
  CheckExistingAssetsDto,
  CheckExistingAssetsResponseDto,
  UpdateAssetDto,
} from './types';

const assetPath = (id: string, rest = '') => `/assets/${encodeURIComponent(id)}${rest}`;

/**
 * POST /assets (multipart): uploads one file. Sends `x-immich-checksum` (the file's SHA-1, hex or
 * base64) when known, so the server can answer a duplicate without storing it again.
 * Resolves `{ id, status: 'created' | 'duplicate' }`.
 */
export function uploadAsset(
  {
    key,
    xImmichChecksum,
    assetMediaCreateDto,
  }: { key?: string; xImmichChecksum?: string; assetMediaCreateDto: AssetMediaCreateDto },
  options: UploadOptions = {},
): Promise<AssetMediaResponseDto> {
  const { assetData, sidecarData, ...fields } = assetMediaCreateDto;
  return sendMultipart<AssetMediaResponseDto>({
    ...options,
    operation: 'uploadAsset',
    method: 'POST',
    path: '/assets',
    query: { key },
    headers: { 'x-immich-checksum': xImmichChecksum },
    form: toFormData(
      { ...fields, sidecarData, assetData },
      { assetData: fields.filename, sidecarData: fields.filename && `${fields.filename}.xmp` },
    ),
  });
}

/** PUT /assets/{id}/original (multipart): replaces an asset's file, keeping its id. */
export function replaceAsset(
  {
    id,
    key,
    assetMediaReplaceDto,
  }: { id: string; key?: string; assetMediaReplaceDto: AssetMediaReplaceDto },
  options: UploadOptions = {},
): Promise<AssetMediaResponseDto> {
  const { assetData, ...fields } = assetMediaReplaceDto;
  return sendMultipart<AssetMediaResponseDto>({
    ...options,
    operation: 'replaceAsset',
    method: 'PUT',
    path: assetPath(id, '/original'),
    query: { key },
    form: toFormData({ ...fields, assetData }, { assetData: fields.filename }),
  });
}

/** GET /assets/{id}: one asset with its EXIF data. */
export const getAssetInfo = ({ id, key }: { id: string; key?: string }, signal?: AbortSignal) =>
  apiFetch<AssetResponseDto>(assetPath(id), { operation: 'getAssetInfo', query: { key }, signal });

/** PUT /assets/{id}: changes one asset (favourite, description, date, location, rating, visibility). */
export const updateAsset = (
  { id, updateAssetDto }: { id: string; updateAssetDto: UpdateAssetDto },
  signal?: AbortSignal,
) =>
  apiFetch<AssetResponseDto>(assetPath(id), {
    operation: 'updateAsset',
    method: 'PUT',
    body: updateAssetDto,
    signal,
  });

/** PUT /assets: changes many assets at once (204). */
export const updateAssets = (
  { assetBulkUpdateDto }: { assetBulkUpdateDto: AssetBulkUpdateDto },
  signal?: AbortSignal,
) =>
  apiFetch<void>('/assets', {
    operation: 'updateAssets',
    method: 'PUT',
    body: assetBulkUpdateDto,
    signal,
  });

/** DELETE /assets: moves assets to the trash, or deletes them for good with `force` (204). */
export const deleteAssets = (
  { assetBulkDeleteDto }: { assetBulkDeleteDto: AssetBulkDeleteDto },
  signal?: AbortSignal,
) =>
  apiFetch<void>('/assets', {
    operation: 'deleteAssets',
    method: 'DELETE',
    body: assetBulkDeleteDto,
    signal,
  });

/** A cache key for media URLs: the server ignores it, the browser caches per value (Immich web does the same). */
type CacheKey = { c?: string | null };

/** URL of GET /assets/{id}/original for `<a download>`/`<img>` (cookie or `key` auth). */
export const downloadAssetUrl = ({ id, key, c }: { id: string; key?: string } & CacheKey) =>
  apiUrl(assetPath(id, '/original'), { key, c });

/** GET /assets/{id}/original: the original file's bytes. */
export const downloadAsset = ({ id, key }: { id: string; key?: string }, signal?: AbortSignal) =>
  apiFetchBlob(assetPath(id, '/original'), { operation: 'downloadAsset', query: { key }, signal });

/**
 * URL of GET /assets/{id}/thumbnail for `<img src>`: `size` 'thumbnail' (250 px webp, the default),
 * 'preview' (1440 px jpeg) or 'fullsize'. Pass the asset's thumbhash or checksum as `c` so a
 * regenerated thumbnail gets a new URL.
 */
export const viewAssetUrl = ({
  id,
  key,
  size,
  c,
}: { id: string; key?: string; size?: AssetMediaSize } & CacheKey) =>
  apiUrl(assetPath(id, '/thumbnail'), { key, size, c });

/** GET /assets/{id}/thumbnail: the thumbnail's or preview's bytes. */
export const viewAsset = (
  { id, key, size }: { id: string; key?: string; size?: AssetMediaSize },
  signal?: AbortSignal,
) =>
  apiFetchBlob(assetPath(id, '/thumbnail'), {
    operation: 'viewAsset',
    query: { key, size },
    signal,
  });

/** URL of GET /assets/{id}/video/playback for `<video src>` (Range requests work). */
export const playAssetVideoUrl = ({ id, key, c }: { id: string; key?: string } & CacheKey) =>
  apiUrl(assetPath(id, '/video/playback'), { key, c });

/** GET /assets/{id}/video/playback: the playable video's bytes. */
export const playAssetVideo = ({ id, key }: { id: string; key?: string }, signal?: AbortSignal) =>
  apiFetchBlob(assetPath(id, '/video/playback'), {
    operation: 'playAssetVideo',
    query: { key },
    signal,
  });

/** GET /assets/statistics: how many images and videos (optionally only favourites, trashed, …). */
export const getAssetStatistics = (
  {
    isFavorite,
    isTrashed,
    visibility,
  }: { isFavorite?: boolean; isTrashed?: boolean; visibility?: AssetVisibility },
  signal?: AbortSignal,
) =>
  apiFetch<AssetStatsResponseDto>('/assets/statistics', {
    operation: 'getAssetStatistics',
    query: { isFavorite, isTrashed, visibility },
    signal,
  });

/** GET /assets/random: up to `count` random assets (deprecated by Immich since v1.116.0). */
export const getRandom = ({ count }: { count?: number }, signal?: AbortSignal) =>
  apiFetch<AssetResponseDto[]>('/assets/random', {
    operation: 'getRandom',
    query: { count },
    signal,
  });

/** GET /assets/device/{deviceId}: the deviceAssetIds the user uploaded from one device. */
export const getAllUserAssetsByDeviceId = (
  { deviceId }: { deviceId: string },
  signal?: AbortSignal,
) =>
  apiFetch<string[]>(`/assets/device/${encodeURIComponent(deviceId)}`, {
    operation: 'getAllUserAssetsByDeviceId',
    signal,
  });

/** POST /assets/exist: which of a device's deviceAssetIds are already on the server. */
export const checkExistingAssets = (
  { checkExistingAssetsDto }: { checkExistingAssetsDto: CheckExistingAssetsDto },
  signal?: AbortSignal,
) =>
  apiFetch<CheckExistingAssetsResponseDto>('/assets/exist', {
    operation: 'checkExistingAssets',
    method: 'POST',
    body: checkExistingAssetsDto,
    signal,
  });

/** POST /assets/bulk-upload-check: accept or reject (duplicate) each file by its SHA-1 checksum. */
export const checkBulkUpload = (
  { assetBulkUploadCheckDto }: { assetBulkUploadCheckDto: AssetBulkUploadCheckDto },
  signal?: AbortSignal,
) =>
  apiFetch<AssetBulkUploadCheckResponseDto>('/assets/bulk-upload-check', {
    operation: 'checkBulkUpload',
    method: 'POST',
    body: assetBulkUploadCheckDto,
    signal,
  });

/** POST /assets/jobs: queues a job (regenerate thumbnail, refresh metadata, …) for assets (204). */
export const runAssetJobs = (
  { assetJobsDto }: { assetJobsDto: AssetJobsDto },
  signal?: AbortSignal,
) =>
  apiFetch<void>('/assets/jobs', {
    operation: 'runAssetJobs',
    method: 'POST',
    body: assetJobsDto,
    signal,
  });
