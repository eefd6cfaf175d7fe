import { apiFetch, apiFetchBlob, apiFetchStream } from './client';
import type { AssetIdsDto, DownloadInfoDto, DownloadResponseDto } from './types';

/** POST /download/info: how the server splits the assets into zip archives (`archiveSize` bytes each). */
export const getDownloadInfo = (
  { key, downloadInfoDto }: { key?: string; downloadInfoDto: DownloadInfoDto },
  signal?: AbortSignal,
) =>
  apiFetch<DownloadResponseDto>('/download/info', {
    operation: 'getDownloadInfo',
    method: 'POST',
    query: { key },
    body: downloadInfoDto,
    signal,
  });

/** POST /download/archive: one zip archive of the given assets, as a Blob. */
export const downloadArchive = (
  { key, assetIdsDto }: { key?: string; assetIdsDto: AssetIdsDto },
  signal?: AbortSignal,
) =>
  apiFetchBlob('/download/archive', {
    operation: 'downloadArchive',
    method: 'POST',
    query: { key },
    body: assetIdsDto,
    signal,
  });

/**
 * POST /download/archive as a stream, for large archives and progress: read `stream` (count the
 * bytes against `size` when the server sends a length) and abort with the signal.
 */
export const downloadArchiveStream = (
  { key, assetIdsDto }: { key?: string; assetIdsDto: AssetIdsDto },
  signal?: AbortSignal,
) =>
  apiFetchStream('/download/archive', {
    operation: 'downloadArchive',
    method: 'POST',
    query: { key },
    body: assetIdsDto,
    signal,
  });
