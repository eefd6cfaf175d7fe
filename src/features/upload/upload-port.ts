import type { QueryClient } from '@tanstack/react-query';
import { checkBulkUpload, checkExistingAssets, uploadAsset } from '@/api/assets';
import { Action, Reason } from '@/api/types';
import type { CheckResult, UploadPort } from './queue/upload-queue';
import { uploadQueries } from './upload-queries';

/** The queue's view of the server, through the fetch layer (src/api). */
export function createApiUploadPort(queryClient: QueryClient): UploadPort {
  return {
    mediaTypes: () => queryClient.fetchQuery(uploadQueries.mediaTypes()),

    async checkExisting(deviceAssetIds, deviceId) {
      const { existingIds } = await checkExistingAssets({
        checkExistingAssetsDto: { deviceAssetIds, deviceId },
      });
      return existingIds;
    },

    async checkBulk(assets) {
      const { results } = await checkBulkUpload({ assetBulkUploadCheckDto: { assets } });
      return results.map((r): CheckResult => ({
        id: r.id,
        action: r.action === Action.Accept ? 'accept' : 'reject',
        reason:
          r.reason === Reason.UnsupportedFormat
            ? 'unsupported-format'
            : r.reason === undefined
              ? undefined
              : 'duplicate',
        assetId: r.assetId,
        isTrashed: r.isTrashed,
      }));
    },

    async upload(request, onProgress, signal) {
      const response = await uploadAsset(
        {
          xImmichChecksum: request.checksum,
          assetMediaCreateDto: {
            assetData: request.file,
            sidecarData: request.sidecar,
            deviceAssetId: request.deviceAssetId,
            deviceId: request.deviceId,
            fileCreatedAt: request.fileCreatedAt,
            fileModifiedAt: request.fileModifiedAt,
            filename: request.filename,
          },
        },
        { signal, onProgress: (progress) => onProgress(progress.loaded) },
      );
      return { id: response.id, status: `${response.status}` };
    },
  };
}
