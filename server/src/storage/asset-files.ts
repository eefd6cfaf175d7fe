import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { StoredFiles } from '../db/assets.ts';
import { badRequest } from '../lib/http-errors.ts';

/**
 * Deletes assets for good: their rows first (so they vanish at once), then every file they had
 * (original, sidecar, thumbnail, preview, full-size, encoded video). The hidden motion part of a
 * live photo goes with it when no other asset uses it, as in Immich. Returns how many rows went.
 */
export async function removeAssetsForGood(
  app: FastifyInstance,
  ids: readonly string[],
): Promise<number> {
  const { assets } = app.repos;
  const motionParts = assets
    .byIds(ids)
    .map((a) => a.live_photo_video_id)
    .filter((id): id is string => id !== null && !ids.includes(id));
  const removed = assets.remove(ids);
  const orphanedMotion = assets
    .byIds([...new Set(motionParts)])
    .filter((video) => video.visibility === 'hidden' && !assets.isLinkedMotionPart(video.id))
    .map((video) => video.id);
  if (orphanedMotion.length > 0) removed.push(...assets.remove(orphanedMotion));
  await removeFiles(app.paths.dataDir, removed);
  return removed.length - orphanedMotion.length;
}

async function removeFiles(dataDir: string, rows: StoredFiles[]): Promise<void> {
  const files = rows.flatMap((row) =>
    [
      row.original_path,
      row.sidecar_path,
      row.thumbnail_path,
      row.preview_path,
      row.fullsize_path,
      row.encoded_video_path,
    ].filter((p): p is string => p !== null),
  );
  await Promise.all(files.map((file) => fs.rm(path.join(dataDir, file), { force: true })));
}

/**
 * Checks a `livePhotoVideoId` as Immich's onBeforeLink does (the caller's own video) and hides
 * that video from the timeline, since it now plays as part of the photo.
 */
export function linkMotionPart(app: FastifyInstance, userId: string, videoId: string): void {
  const video = app.repos.assets.byId(videoId);
  if (!video || video.owner_id !== userId) throw badRequest('Live photo video not found');
  if (video.type !== 'VIDEO') throw badRequest('Live photo video must be a video');
  if (video.visibility === 'timeline' || video.visibility === 'archive') {
    app.repos.assets.update([video.id], { visibility: 'hidden' });
  }
}

/** Undoes a link: the former motion part shows on the timeline again (Immich's onAfterUnlink). */
export function unlinkMotionPart(app: FastifyInstance, videoId: string): void {
  const video = app.repos.assets.byId(videoId);
  if (video && video.visibility === 'hidden' && !app.repos.assets.isLinkedMotionPart(video.id)) {
    app.repos.assets.update([video.id], { visibility: 'timeline' });
  }
}
