// The Immich 1.135 DTO types, taken from the official typed client as type-only imports:
// nothing of '@immich/sdk' is bundled. The SDK's string enums are nominal (a literal such as
// 'thumbnail' is not assignable to AssetMediaSize), so the enums callers need as values are
// mirrored below; `enumOf` makes the compiler check every key and value against the SDK's.
import type * as sdk from '@immich/sdk';

export type {
  ApiKeyCreateDto,
  ApiKeyCreateResponseDto,
  ApiKeyResponseDto,
  AssetBulkDeleteDto,
  AssetBulkUpdateDto,
  AssetBulkUploadCheckDto,
  AssetBulkUploadCheckItem,
  AssetBulkUploadCheckResponseDto,
  AssetBulkUploadCheckResult,
  AssetIdsDto,
  AssetJobsDto,
  AssetMediaCreateDto,
  AssetMediaReplaceDto,
  AssetMediaResponseDto,
  AssetResponseDto,
  AssetStatsResponseDto,
  BulkIdsDto,
  CheckExistingAssetsDto,
  CheckExistingAssetsResponseDto,
  DownloadArchiveInfo,
  DownloadInfoDto,
  DownloadResponseDto,
  ExifResponseDto,
  LoginCredentialDto,
  LoginResponseDto,
  LogoutResponseDto,
  ServerConfigDto,
  ServerFeaturesDto,
  ServerMediaTypesResponseDto,
  ServerPingResponseRead,
  ServerVersionResponseDto,
  SharedLinkCreateDto,
  SharedLinkResponseDto,
  SignUpDto,
  TimeBucketAssetResponseDto,
  TimeBucketsResponseDto,
  TrashResponseDto,
  UpdateAssetDto,
  UserAdminResponseDto,
  UserResponseDto,
  ValidateAccessTokenResponseDto,
} from '@immich/sdk';

/**
 * A value mirror of an SDK enum. The mapped type demands exactly the enum's keys, each with the
 * enum member's string, so a mirror that drifts from the SDK does not compile.
 */
function enumOf<E extends Record<string, string>>(values: {
  readonly [K in keyof E]: `${E[K]}`;
}): E {
  return Object.freeze(values) as unknown as E;
}

export type AssetMediaSize = sdk.AssetMediaSize;
export const AssetMediaSize = enumOf<typeof sdk.AssetMediaSize>({
  Fullsize: 'fullsize',
  Preview: 'preview',
  Thumbnail: 'thumbnail',
});

export type AssetVisibility = sdk.AssetVisibility;
export const AssetVisibility = enumOf<typeof sdk.AssetVisibility>({
  Archive: 'archive',
  Timeline: 'timeline',
  Hidden: 'hidden',
  Locked: 'locked',
});

export type AssetOrder = sdk.AssetOrder;
export const AssetOrder = enumOf<typeof sdk.AssetOrder>({ Asc: 'asc', Desc: 'desc' });

export type AssetTypeEnum = sdk.AssetTypeEnum;
export const AssetTypeEnum = enumOf<typeof sdk.AssetTypeEnum>({
  Image: 'IMAGE',
  Video: 'VIDEO',
  Audio: 'AUDIO',
  Other: 'OTHER',
});

export type AssetJobName = sdk.AssetJobName;
export const AssetJobName = enumOf<typeof sdk.AssetJobName>({
  RefreshFaces: 'refresh-faces',
  RefreshMetadata: 'refresh-metadata',
  RegenerateThumbnail: 'regenerate-thumbnail',
  TranscodeVideo: 'transcode-video',
});

export type AssetMediaStatus = sdk.AssetMediaStatus;
export const AssetMediaStatus = enumOf<typeof sdk.AssetMediaStatus>({
  Created: 'created',
  Replaced: 'replaced',
  Duplicate: 'duplicate',
});

export type Action = sdk.Action;
/** checkBulkUpload's per-file verdict. */
export const Action = enumOf<typeof sdk.Action>({ Accept: 'accept', Reject: 'reject' });

export type Reason = sdk.Reason;
/** checkBulkUpload's reason for a rejection. */
export const Reason = enumOf<typeof sdk.Reason>({
  Duplicate: 'duplicate',
  UnsupportedFormat: 'unsupported-format',
});

export type SharedLinkType = sdk.SharedLinkType;
export const SharedLinkType = enumOf<typeof sdk.SharedLinkType>({
  Album: 'ALBUM',
  Individual: 'INDIVIDUAL',
});

export type Permission = sdk.Permission;
export const Permission = enumOf<typeof sdk.Permission>({
  All: 'all',
  ActivityCreate: 'activity.create',
  ActivityRead: 'activity.read',
  ActivityUpdate: 'activity.update',
  ActivityDelete: 'activity.delete',
  ActivityStatistics: 'activity.statistics',
  ApiKeyCreate: 'apiKey.create',
  ApiKeyRead: 'apiKey.read',
  ApiKeyUpdate: 'apiKey.update',
  ApiKeyDelete: 'apiKey.delete',
  AssetRead: 'asset.read',
  AssetUpdate: 'asset.update',
  AssetDelete: 'asset.delete',
  AssetShare: 'asset.share',
  AssetView: 'asset.view',
  AssetDownload: 'asset.download',
  AssetUpload: 'asset.upload',
  AlbumCreate: 'album.create',
  AlbumRead: 'album.read',
  AlbumUpdate: 'album.update',
  AlbumDelete: 'album.delete',
  AlbumStatistics: 'album.statistics',
  AlbumAddAsset: 'album.addAsset',
  AlbumRemoveAsset: 'album.removeAsset',
  AlbumShare: 'album.share',
  AlbumDownload: 'album.download',
  AuthDeviceDelete: 'authDevice.delete',
  ArchiveRead: 'archive.read',
  FaceCreate: 'face.create',
  FaceRead: 'face.read',
  FaceUpdate: 'face.update',
  FaceDelete: 'face.delete',
  LibraryCreate: 'library.create',
  LibraryRead: 'library.read',
  LibraryUpdate: 'library.update',
  LibraryDelete: 'library.delete',
  LibraryStatistics: 'library.statistics',
  TimelineRead: 'timeline.read',
  TimelineDownload: 'timeline.download',
  MemoryCreate: 'memory.create',
  MemoryRead: 'memory.read',
  MemoryUpdate: 'memory.update',
  MemoryDelete: 'memory.delete',
  NotificationCreate: 'notification.create',
  NotificationRead: 'notification.read',
  NotificationUpdate: 'notification.update',
  NotificationDelete: 'notification.delete',
  PartnerCreate: 'partner.create',
  PartnerRead: 'partner.read',
  PartnerUpdate: 'partner.update',
  PartnerDelete: 'partner.delete',
  PersonCreate: 'person.create',
  PersonRead: 'person.read',
  PersonUpdate: 'person.update',
  PersonDelete: 'person.delete',
  PersonStatistics: 'person.statistics',
  PersonMerge: 'person.merge',
  PersonReassign: 'person.reassign',
  SessionCreate: 'session.create',
  SessionRead: 'session.read',
  SessionUpdate: 'session.update',
  SessionDelete: 'session.delete',
  SessionLock: 'session.lock',
  SharedLinkCreate: 'sharedLink.create',
  SharedLinkRead: 'sharedLink.read',
  SharedLinkUpdate: 'sharedLink.update',
  SharedLinkDelete: 'sharedLink.delete',
  StackCreate: 'stack.create',
  StackRead: 'stack.read',
  StackUpdate: 'stack.update',
  StackDelete: 'stack.delete',
  SystemConfigRead: 'systemConfig.read',
  SystemConfigUpdate: 'systemConfig.update',
  SystemMetadataRead: 'systemMetadata.read',
  SystemMetadataUpdate: 'systemMetadata.update',
  TagCreate: 'tag.create',
  TagRead: 'tag.read',
  TagUpdate: 'tag.update',
  TagDelete: 'tag.delete',
  TagAsset: 'tag.asset',
  AdminUserCreate: 'admin.user.create',
  AdminUserRead: 'admin.user.read',
  AdminUserUpdate: 'admin.user.update',
  AdminUserDelete: 'admin.user.delete',
});
