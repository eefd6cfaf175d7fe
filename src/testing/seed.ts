// Seeding helpers for web tests: real uploads through the fetch layer.
import { uploadAsset } from '@/api/assets';
import type { AssetMediaResponseDto } from '@/api/types';
import { makePngFile, sha1Hex } from './images';

export interface SeededAsset extends AssetMediaResponseDto {
  file: File;
  checksum: string;
  deviceAssetId: string;
  deviceId: string;
}

/** Uploads a new unique PNG as the configured user. */
export async function seedAsset(
  options: { name?: string; takenAt?: string; deviceId?: string; isFavorite?: boolean } = {},
): Promise<SeededAsset> {
  const file = makePngFile(options.name);
  const checksum = await sha1Hex(file);
  const deviceAssetId = `web-${file.name}-${file.lastModified}`;
  const deviceId = options.deviceId ?? 'lightbox-tests';
  const takenAt = options.takenAt ?? new Date().toISOString();
  const response = await uploadAsset({
    assetMediaCreateDto: {
      assetData: file,
      deviceAssetId,
      deviceId,
      fileCreatedAt: takenAt,
      fileModifiedAt: takenAt,
      isFavorite: options.isFavorite,
    },
  });
  return { ...response, file, checksum, deviceAssetId, deviceId };
}
