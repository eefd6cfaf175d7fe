import type { Db } from './database.ts';

/** What /download/info needs of an asset. */
export interface DownloadableAsset {
  id: string;
  size: number;
  livePhotoVideoId: string | null;
}

/**
 * The assets of a user's whole library that Immich puts in a download: not trashed, not hidden
 * (the motion parts of live photos come with their still), not in the locked folder.
 */
export function downloadableByOwner(db: Db, ownerId: string): DownloadableAsset[] {
  return db
    .prepare(
      `SELECT id, file_size_in_byte AS size, live_photo_video_id AS livePhotoVideoId FROM assets
       WHERE owner_id = ? AND deleted_at IS NULL AND visibility IN ('timeline', 'archive')
       ORDER BY file_created_at, id`,
    )
    .all(ownerId) as DownloadableAsset[];
}
