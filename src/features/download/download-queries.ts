// Downloads: how the server splits a selection into zip archives, and fetching one archive.
import { queryOptions, useMutation } from '@tanstack/react-query';
import { downloadArchive, getDownloadInfo } from '@/api/download';
import type { DownloadInfoDto } from '@/api/types';

export const downloadQueries = {
  /**
   * POST /download/info (a read, though a POST): the archives and total size of a selection.
   * Under ['assets'], since it changes when the assets do.
   */
  info: (downloadInfoDto: DownloadInfoDto, key?: string) =>
    queryOptions({
      queryKey: ['assets', 'download-info', downloadInfoDto, { key }] as const,
      queryFn: ({ signal }) => getDownloadInfo({ key, downloadInfoDto }, signal),
    }),
};

export interface ArchiveVars {
  assetIds: string[];
  key?: string;
  signal?: AbortSignal;
}

/** POST /download/archive on demand: resolves the zip as a Blob (nothing to invalidate). */
export function useDownloadArchive() {
  return useMutation({
    mutationKey: ['download', 'archive'],
    mutationFn: ({ assetIds, key, signal }: ArchiveVars) =>
      downloadArchive({ key, assetIdsDto: { assetIds } }, signal),
  });
}
