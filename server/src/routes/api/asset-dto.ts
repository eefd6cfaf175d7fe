import type { AssetRow, ExifRow } from '../../db/assets.ts';
import type { UserRow } from '../../db/users.ts';
import { toUserResponse } from './user-dto.ts';

/** ExifResponseDto (@immich/sdk 1.135). */
export function toExifResponse(exif: ExifRow) {
  return {
    make: exif.make,
    model: exif.model,
    exifImageWidth: exif.exif_image_width,
    exifImageHeight: exif.exif_image_height,
    fileSizeInByte: exif.file_size_in_byte,
    orientation: exif.orientation,
    dateTimeOriginal: exif.date_time_original,
    modifyDate: exif.modify_date,
    timeZone: exif.time_zone,
    lensModel: exif.lens_model,
    fNumber: exif.f_number,
    focalLength: exif.focal_length,
    iso: exif.iso,
    exposureTime: exif.exposure_time,
    latitude: exif.latitude,
    longitude: exif.longitude,
    city: exif.city,
    state: exif.state,
    country: exif.country,
    description: exif.description,
    projectionType: exif.projection_type,
    rating: exif.rating,
  };
}

export interface AssetResponseOptions {
  exif?: ExifRow;
  owner?: UserRow;
  /** The caller: another user's favourite flag is never shown (Immich's mapAsset). */
  viewerId: string;
}

/** AssetResponseDto (@immich/sdk 1.135), as Immich's mapAsset fills it. */
export function toAssetResponse(asset: AssetRow, options: AssetResponseOptions) {
  return {
    id: asset.id,
    deviceAssetId: asset.device_asset_id ?? '',
    ownerId: asset.owner_id,
    ...(options.owner ? { owner: toUserResponse(options.owner) } : {}),
    deviceId: asset.device_id ?? '',
    libraryId: null,
    type: asset.type,
    originalPath: asset.original_path,
    originalFileName: asset.original_file_name,
    originalMimeType: asset.original_mime_type,
    thumbhash: asset.thumbhash,
    fileCreatedAt: asset.file_created_at,
    fileModifiedAt: asset.file_modified_at,
    localDateTime: asset.local_date_time,
    updatedAt: asset.updated_at,
    isFavorite: options.viewerId === asset.owner_id ? asset.is_favorite === 1 : false,
    isArchived: asset.visibility === 'archive',
    isTrashed: asset.deleted_at !== null,
    visibility: asset.visibility,
    duration: asset.duration ?? '0:00:00.00000',
    ...(options.exif ? { exifInfo: toExifResponse(options.exif) } : {}),
    livePhotoVideoId: asset.live_photo_video_id,
    tags: [],
    people: [],
    unassignedFaces: [],
    checksum: asset.checksum.toString('base64'),
    stack: null,
    isOffline: false,
    hasMetadata: true,
    duplicateId: asset.duplicate_id,
    resized: true,
  };
}
