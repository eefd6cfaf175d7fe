import fs from 'node:fs/promises';
import path from 'node:path';
import type { AssetChanges, AssetRepository, AssetRow, ExifValues } from '../db/assets.ts';
import { MediaService, type MediaKind, type MediaResult } from '../media/index.ts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { StoragePaths } from './paths.ts';
import { removeOrphanFiles } from './orphans.ts';
import { resetUploadFolder } from './upload.ts';

/**
 * Connects assets to the media room: queues the work for an asset after upload, replace or
 * POST /assets/jobs, and stores each result on the asset (paths relative to the data folder).
 */
export class AssetMedia {
  readonly service: MediaService;

  constructor(
    private readonly assets: AssetRepository,
    private readonly paths: StoragePaths,
    options: { concurrency?: number } = {},
  ) {
    this.service = new MediaService({
      paths,
      concurrency: options.concurrency,
      onResult: (result) => this.store(result),
      onError: (error, assetId) => {
        if (this.assets.isOpen)
          console.error(`media: storing the result for ${assetId} failed`, error);
      },
    });
  }

  /** Absolute path of a stored (relative) path. */
  resolve(stored: string): string {
    return path.join(this.paths.dataDir, stored);
  }

  relative(absolute: string): string {
    return path.relative(this.paths.dataDir, absolute);
  }

  /** Queues work for the asset; resolves once the result is stored. Never rejects. */
  enqueue(asset: AssetRow, kinds?: MediaKind[]): Promise<MediaResult | undefined> {
    try {
      return this.service.enqueue(
        {
          assetId: asset.id,
          ownerId: asset.owner_id,
          originalPath: this.resolve(asset.original_path),
          originalFileName: asset.original_file_name,
          mimeType: asset.original_mime_type,
          type: asset.type,
          sidecarPath: asset.sidecar_path ? this.resolve(asset.sidecar_path) : null,
          fileCreatedAt: asset.file_created_at,
          fileModifiedAt: asset.file_modified_at,
        },
        kinds,
      );
    } catch {
      // The service is closed: the server is shutting down. The asset stays 'pending' and is
      // queued again at the next start.
      return Promise.resolve(undefined);
    }
  }

  /** Waits (at most `ms`) for the asset's queued or running job. */
  async waitFor(assetId: string, ms: number): Promise<void> {
    const pending = this.service.pending(assetId);
    if (!pending) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      pending,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
  }

  isQueued(assetId: string): boolean {
    return this.service.pending(assetId) !== undefined;
  }

  /** Queues every asset still waiting for its media (after a restart). */
  resumePending(): void {
    for (const asset of this.assets.pendingMedia(100_000)) {
      if (!this.isQueued(asset.id)) void this.enqueue(asset);
    }
  }

  async close(): Promise<void> {
    await this.service.close();
  }

  private async store(result: MediaResult): Promise<void> {
    if (!this.assets.isOpen) return;
    const asset = this.assets.byId(result.assetId);
    const generated = [
      result.thumbnailPath,
      result.previewPath,
      result.fullsizePath,
      result.encodedVideoPath,
    ].filter((p): p is string => p !== null);
    if (!asset) {
      // Deleted while it was being processed: its new files belong to nobody.
      await Promise.all(generated.map((p) => fs.rm(p, { force: true })));
      return;
    }
    const changes: AssetChanges = {};
    if (result.kinds.includes('metadata')) {
      const locked = this.assets.lockedExif(asset.id);
      const { exif } = result;
      const values: ExifValues = {
        make: exif.make,
        model: exif.model,
        exif_image_width: exif.exifImageWidth,
        exif_image_height: exif.exifImageHeight,
        file_size_in_byte: exif.fileSizeInByte ?? asset.file_size_in_byte,
        orientation: exif.orientation,
        date_time_original: exif.dateTimeOriginal,
        modify_date: exif.modifyDate,
        time_zone: exif.timeZone ?? result.timeZone,
        lens_model: exif.lensModel,
        f_number: exif.fNumber,
        focal_length: exif.focalLength,
        iso: exif.iso,
        exposure_time: exif.exposureTime,
        latitude: exif.latitude,
        longitude: exif.longitude,
        city: exif.city,
        state: exif.state,
        country: exif.country,
        description: exif.description ?? '',
        projection_type: exif.projectionType,
        rating: exif.rating,
      };
      this.assets.writeExtractedExif(asset.id, values);
      if (!locked.has('date_time_original')) {
        if (result.dateTimeOriginal) changes.file_created_at = isoOf(result.dateTimeOriginal);
        if (result.localDateTime) changes.local_date_time = isoOf(result.localDateTime);
      }
      if (result.duration) changes.duration = result.duration;
    }
    if (result.width !== null && result.height !== null) {
      changes.width = result.width;
      changes.height = result.height;
    }
    if (result.kinds.includes('thumbnails')) {
      changes.thumbnail_path = result.thumbnailPath && this.relative(result.thumbnailPath);
      changes.preview_path = result.previewPath && this.relative(result.previewPath);
      changes.fullsize_path = result.fullsizePath && this.relative(result.fullsizePath);
      changes.thumbhash = result.thumbhash;
      changes.media_status = result.thumbnailPath || result.previewPath ? 'ready' : 'failed';
      changes.media_error = result.ok ? null : (result.error ?? 'media processing failed');
    } else if (asset.media_status === 'pending') {
      changes.media_status = result.ok ? 'ready' : 'failed';
      changes.media_error = result.ok ? null : (result.error ?? 'media processing failed');
    }
    if (result.kinds.includes('transcode')) {
      changes.encoded_video_path =
        result.encodedVideoPath && this.relative(result.encodedVideoPath);
    }
    this.assets.update([asset.id], changes);
  }
}

/** Normalises any ISO date-time to `YYYY-MM-DDTHH:mm:ss.sssZ`, the form the database sorts by. */
function isoOf(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

declare module 'fastify' {
  interface FastifyInstance {
    assetMedia: AssetMedia;
  }
}

/**
 * Gives the app its `assetMedia`, clears the upload folder's leftovers from an interrupted run,
 * and queues the assets whose media were never made. Once the server is ready, asset files no row
 * names (left by a run that was killed) are removed in the background; closing waits for that.
 * Register before the asset routes.
 */
export const assetMediaPlugin = fp(async (app: FastifyInstance) => {
  const startedAt = Date.now();
  const media = new AssetMedia(app.repos.assets, app.paths);
  app.decorate('assetMedia', media);
  await resetUploadFolder(app.paths.uploadTmp);
  let sweep: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    media.resumePending();
    sweep = removeOrphanFiles(app.db, app.paths, startedAt).then(
      ({ removed }) => {
        if (removed.length > 0) {
          console.warn(
            `Start-up clean-up: removed ${removed.length} file(s) an interrupted run left behind` +
              ` (${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', …' : ''})`,
          );
        }
      },
      (error: unknown) => console.error('Start-up clean-up failed', error),
    );
  });
  app.addHook('onClose', async () => {
    await sweep;
    await media.close();
  });
});
