import type { TimeBucketAssetResponseDto } from '@/api/types';

export interface FakeAsset {
  id?: string;
  /** "2025-03-14T10:32:00" (UTC, as Immich sends it). */
  fileCreatedAt: string;
  localOffsetHours?: number;
  ratio?: number;
  isFavorite?: boolean;
  isImage?: boolean;
  isTrashed?: boolean;
  duration?: string | null;
  livePhotoVideoId?: string | null;
  city?: string | null;
  thumbhash?: string | null;
}

let counter = 0;

/** A `GET /timeline/bucket` answer in Immich 1.135's column-wise shape. */
export function fakeBucket(assets: FakeAsset[]): TimeBucketAssetResponseDto {
  const column = <T>(pick: (a: FakeAsset) => T) => assets.map(pick);
  return {
    id: column((a) => a.id ?? `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`),
    fileCreatedAt: column((a) => a.fileCreatedAt),
    localOffsetHours: column((a) => a.localOffsetHours ?? 0),
    ratio: column((a) => a.ratio ?? 1.5),
    isFavorite: column((a) => a.isFavorite ?? false),
    isImage: column((a) => a.isImage ?? true),
    isTrashed: column((a) => a.isTrashed ?? false),
    duration: column((a) => a.duration ?? null),
    livePhotoVideoId: column((a) => a.livePhotoVideoId ?? null),
    city: column((a) => a.city ?? null),
    country: column(() => null),
    ownerId: column(() => 'owner'),
    projectionType: column(() => null),
    thumbhash: column((a) => a.thumbhash ?? null),
    visibility: column(() => 'timeline' as TimeBucketAssetResponseDto['visibility'][number]),
  };
}

/** `count` photos spread over the days of a month, newest first. */
export function fakeMonth(year: number, month: number, count: number): TimeBucketAssetResponseDto {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const start = Date.UTC(year, month - 1, 1);
  const span = days * 86_400_000;
  const assets: FakeAsset[] = [];
  for (let i = 0; i < count; i++) {
    const ms = start + span - 1 - Math.floor(((i + 0.5) / count) * span);
    assets.push({
      fileCreatedAt: new Date(ms).toISOString().replace('Z', ''),
      ratio: [4 / 3, 3 / 4, 16 / 9, 1][i % 4] ?? 1,
    });
  }
  return fakeBucket(assets);
}
