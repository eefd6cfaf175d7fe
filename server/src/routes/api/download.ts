import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ZipFile } from 'yazl';
import { badRequest, forbidden, notFound, unauthorized } from '../../lib/http-errors.ts';
import { isGranted, type Permission } from '../../lib/permissions.ts';
import { requireAssetAccess, requireTimelineAccess } from '../../lib/access.ts';
import type { AuthContext } from '../../plugins/auth.ts';
import { downloadableByOwner, type DownloadableAsset } from '../../db/downloads.ts';
import type { AssetRow } from '../../db/assets.ts';

/** Immich splits downloads into archives of about 4 GiB unless told otherwise. */
export const DEFAULT_ARCHIVE_SIZE = 4 * 1024 ** 3;

const uuid = { type: 'string', format: 'uuid' } as const;
const uuidList = { type: 'array', items: uuid, maxItems: 100_000 } as const;

interface InfoBody {
  assetIds?: string[];
  albumId?: string;
  userId?: string;
  archiveSize?: number;
}

export interface ArchiveInfo {
  size: number;
  assetIds: string[];
}

/**
 * Immich's split: assets fill an archive until it passes the target size, then a new one starts;
 * the motion parts of live photos come after the stills.
 */
export function planArchives(
  assets: readonly DownloadableAsset[],
  motion: readonly DownloadableAsset[],
  target: number,
) {
  const archives: ArchiveInfo[] = [];
  let current: ArchiveInfo = { size: 0, assetIds: [] };
  for (const asset of [...assets, ...motion]) {
    current.assetIds.push(asset.id);
    current.size += asset.size;
    if (current.size > target) {
      archives.push(current);
      current = { size: 0, assetIds: [] };
    }
  }
  if (current.assetIds.length > 0) archives.push(current);
  return { totalSize: archives.reduce((sum, archive) => sum + archive.size, 0), archives };
}

/** An API key needs the permission of the kind of download asked for. */
function requireKeyPermission(auth: AuthContext, permission: Permission): void {
  if (auth.apiKey && !isGranted([permission], auth.apiKey.permissions)) {
    throw forbidden(`Missing required permission: ${permission}`);
  }
}

const toDownloadable = (asset: AssetRow): DownloadableAsset => ({
  id: asset.id,
  size: asset.file_size_in_byte,
  livePhotoVideoId: asset.live_photo_video_id,
});

/**
 * A name for each file in the zip: the original's base name (never a path, no control
 * characters), unique inside the archive (case-insensitively, for the file systems that ignore
 * case) as Immich does it: `name.jpg`, `name+1.jpg`, `name+2.jpg`.
 */
export function archiveNames(
  assets: readonly Pick<AssetRow, 'id' | 'original_file_name'>[],
): string[] {
  const used = new Set<string>();
  const counts = new Map<string, number>();
  return assets.map((asset) => {
    // eslint-disable-next-line no-control-regex
    const cleaned = asset.original_file_name.replace(/[\u0000-\u001f\u007f]/g, '');
    let base = path.posix.basename(cleaned.replaceAll('\\', '/'));
    if (base === '' || base === '.' || base === '..') base = asset.id;
    const ext = path.posix.extname(base);
    const stem = base.slice(0, base.length - ext.length) || asset.id;
    let name = base;
    let count = counts.get(base.toLowerCase()) ?? 0;
    while (used.has(name.toLowerCase())) {
      count += 1;
      name = `${stem}+${count}${ext}`;
    }
    counts.set(base.toLowerCase(), count);
    used.add(name.toLowerCase());
    return name;
  });
}

function callerOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export async function downloadRoutes(app: FastifyInstance): Promise<void> {
  const { assets } = app.repos;

  app.post<{ Body: InfoBody }>(
    '/download/info',
    {
      config: { sharedLink: true },
      schema: {
        body: {
          type: 'object',
          properties: {
            assetIds: uuidList,
            albumId: uuid,
            userId: uuid,
            archiveSize: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const auth = callerOf(request);
      const { assetIds, albumId, userId, archiveSize } = request.body;
      let chosen: DownloadableAsset[];
      if (assetIds) {
        requireKeyPermission(auth, 'asset.download');
        requireAssetAccess(app, auth, 'asset.download', assetIds);
        const byId = new Map(assets.byIds(assetIds).map((asset) => [asset.id, asset]));
        chosen = [...new Set(assetIds)]
          .map((id) => byId.get(id))
          .filter((asset): asset is AssetRow => asset !== undefined && asset.deleted_at === null)
          .map(toDownloadable);
      } else if (albumId) {
        // This server has no albums, so no album can be downloaded.
        requireKeyPermission(auth, 'album.download');
        throw badRequest('Not found or no album.download access');
      } else if (userId) {
        requireKeyPermission(auth, 'timeline.download');
        requireTimelineAccess(auth, userId, 'timeline.download');
        chosen = downloadableByOwner(app.db, userId);
      } else {
        throw badRequest('assetIds, albumId, or userId is required');
      }

      const inChosen = new Set(chosen.map((asset) => asset.id));
      const motionIds = [
        ...new Set(
          chosen.map((asset) => asset.livePhotoVideoId).filter((id): id is string => !!id),
        ),
      ].filter((id) => !inChosen.has(id));
      const motion = assets
        .byIds(motionIds)
        .filter((asset) => asset.deleted_at === null)
        .map(toDownloadable);
      return reply
        .status(201)
        .send(planArchives(chosen, motion, archiveSize ?? DEFAULT_ARCHIVE_SIZE));
    },
  );

  app.post<{ Body: { assetIds: string[] } }>(
    '/download/archive',
    {
      config: { sharedLink: true, permission: 'asset.download' },
      schema: {
        body: {
          type: 'object',
          required: ['assetIds'],
          properties: { assetIds: uuidList },
        },
      },
    },
    async (request, reply) => {
      const auth = callerOf(request);
      const ids = [...new Set(request.body.assetIds)];
      requireAssetAccess(app, auth, 'asset.download', ids);
      const byId = new Map(assets.byIds(ids).map((asset) => [asset.id, asset]));
      const chosen = ids.map((id) => byId.get(id)).filter((asset) => asset !== undefined);

      // Every original is looked at before the first byte is sent: a missing file is a clear 404
      // instead of a zip cut short.
      const files = await Promise.all(
        chosen.map(async (asset) => {
          const file = path.join(app.paths.dataDir, asset.original_path);
          const stat = await fs.promises.stat(file).catch(() => undefined);
          return { asset, file, stat };
        }),
      );
      const missing = files.filter((entry) => !entry.stat?.isFile());
      if (missing.length > 0) {
        throw notFound(
          `Original file missing for: ${missing.map((entry) => entry.asset.original_file_name).join(', ')}`,
        );
      }

      const names = archiveNames(chosen);
      const zip = new ZipFile();
      const open = new Set<fs.ReadStream>();
      files.forEach(({ asset, file, stat }, index) => {
        const modified = new Date(asset.file_modified_at);
        zip.addReadStreamLazy(
          names[index] ?? asset.id,
          {
            size: stat?.size ?? 0,
            mtime: Number.isNaN(modified.getTime()) ? (stat?.mtime ?? new Date()) : modified,
            compress: false,
          },
          (callback) => {
            const stream = fs.createReadStream(file);
            open.add(stream);
            stream.once('close', () => open.delete(stream));
            callback(null, stream);
          },
        );
      });
      zip.end();

      // Streamed straight from the originals; nothing is copied. Stop reading if anything fails
      // or the client goes away.
      const output = zip.outputStream as Readable;
      const stop = (error?: Error) => {
        for (const stream of open) stream.destroy();
        if (!output.destroyed) output.destroy(error);
      };
      zip.on('error', (error: Error) => {
        request.log.error({ err: error }, 'zip archive failed');
        stop(error);
      });
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) stop();
      });
      return reply.status(200).type('application/octet-stream').send(output);
    },
  );
}
