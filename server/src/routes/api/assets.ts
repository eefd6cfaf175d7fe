import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { AssetChanges, AssetRow, AssetVisibility, ExifValues } from '../../db/assets.ts';
import {
  requireAssetAccess,
  requireElevatedPermission,
  requirePermission,
} from '../../lib/access.ts';
import { badRequest, HttpError } from '../../lib/http-errors.ts';
import type { AuthContext } from '../../plugins/auth.ts';
import type { MediaKind } from '../../media/index.ts';
import {
  linkMotionPart,
  removeAssetsForGood,
  unlinkMotionPart,
} from '../../storage/asset-files.ts';
import { mimeTypes } from '../../storage/mime-types.ts';
import { safeExtension } from '../../storage/paths.ts';
import { PRIVATE_WITH_CACHE, sendFile } from '../../storage/send-file.ts';
import {
  cleanFileName,
  drainBody,
  moveIntoPlace,
  parseChecksum,
  receiveMultipart,
  type ReceivedFile,
  type ReceivedUpload,
} from '../../storage/upload.ts';
import { toAssetResponse } from './asset-dto.ts';
import { toSanitizedAssetResponse } from './shared-links.ts';
import {
  idParams,
  keyQuery,
  parseDateEdit,
  parseUploadFields,
  uuid,
  visibility,
  type UploadFields,
} from './asset-input.ts';

/** How long a thumbnail request waits for its asset's queued media job before answering. */
const THUMBNAIL_WAIT_MS = 20_000;

const CHECKSUM_HEADER = 'x-immich-checksum';

const updateProperties = {
  isFavorite: { type: 'boolean' },
  visibility,
  dateTimeOriginal: { type: 'string' },
  latitude: { type: 'number', minimum: -90, maximum: 90 },
  longitude: { type: 'number', minimum: -180, maximum: 180 },
  rating: { type: 'integer', minimum: -1, maximum: 5 },
  description: { type: 'string' },
} as const;

interface UpdateBody {
  isFavorite?: boolean;
  visibility?: AssetVisibility;
  dateTimeOriginal?: string;
  latitude?: number;
  longitude?: number;
  rating?: number;
  description?: string;
}

type JobName = 'refresh-faces' | 'refresh-metadata' | 'regenerate-thumbnail' | 'transcode-video';

const jobKinds: Record<JobName, MediaKind[]> = {
  'refresh-faces': [],
  'refresh-metadata': ['metadata'],
  'regenerate-thumbnail': ['thumbnails'],
  'transcode-video': ['transcode'],
};

function fileNameWithoutExtension(name: string): string {
  const ext = path.extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/**
 * Immich validates latitude and longitude as a pair. (Moving assets to 'locked' needs a PIN-elevated
 * session, which this server does not grant: without it a locked asset could never be reached again,
 * so the routes answer Immich's 401 "Elevated permission is required" instead.)
 */
function checkCoordinates(body: UpdateBody): void {
  const errors: string[] = [];
  if (body.longitude !== undefined && body.latitude === undefined)
    errors.push('latitude should not be empty');
  if (body.latitude !== undefined && body.longitude === undefined)
    errors.push('longitude should not be empty');
  if (body.dateTimeOriginal !== undefined && !parseDateEdit(body.dateTimeOriginal)) {
    errors.push('dateTimeOriginal must be a valid ISO 8601 date string');
  }
  if (errors.length > 0) throw badRequest(errors);
}

/** Writes the exif-side edits of UpdateAssetDto / AssetBulkUpdateDto, locking them. */
function applyMetadataEdits(app: FastifyInstance, ids: readonly string[], body: UpdateBody): void {
  const exif: ExifValues = {};
  const changes: AssetChanges = {};
  if (body.description !== undefined) exif.description = body.description;
  if (body.rating !== undefined) exif.rating = body.rating;
  if (body.latitude !== undefined && body.longitude !== undefined) {
    exif.latitude = body.latitude;
    exif.longitude = body.longitude;
  }
  if (body.dateTimeOriginal !== undefined) {
    const edit = parseDateEdit(body.dateTimeOriginal);
    if (edit) {
      exif.date_time_original = edit.instant;
      exif.time_zone = edit.timeZone;
      changes.file_created_at = edit.instant;
      changes.local_date_time = edit.localDateTime;
    }
  }
  app.repos.assets.editExif(ids, exif);
  if (Object.keys(changes).length > 0) app.repos.assets.update(ids, changes);
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: Number.MAX_SAFE_INTEGER,
      files: 4,
      fields: 64,
      fieldSize: 1024 * 1024,
      parts: 100,
      headerPairs: 100,
    },
  });
  const { repos, paths, assetMedia } = app;

  const responseFor = (asset: AssetRow, auth: AuthContext) =>
    toAssetResponse(asset, {
      viewerId: auth.user.id,
      exif: repos.assets.exif(asset.id),
      owner: repos.users.byId(asset.owner_id),
    });

  /** Checks the received files: a supported asset, a sidecar if any, the checksum header. */
  function verifyFiles(
    upload: ReceivedUpload,
    fields: UploadFields,
    checksumHeader: string | undefined,
    useFilenameField: boolean,
  ) {
    const file = upload.files.get('assetData');
    if (!file) throw badRequest('Field(s) assetData are required: no file was received');
    const originalFileName =
      useFilenameField && fields.filename !== undefined && fields.filename !== ''
        ? cleanFileName(fields.filename)
        : file.clientName;
    if (!mimeTypes.isAsset(originalFileName)) {
      throw badRequest(`Unsupported file type ${originalFileName || '(no file name)'}`);
    }
    const sidecar = upload.files.get('sidecarData');
    if (sidecar && !mimeTypes.isSidecar(sidecar.clientName)) {
      throw badRequest(`Unsupported file type ${sidecar.clientName || '(no file name)'}`);
    }
    if (checksumHeader !== undefined) {
      const expected = parseChecksum(checksumHeader);
      if (!expected || !expected.equals(file.sha1)) {
        throw badRequest(
          `The file's SHA-1 checksum (${file.sha1.toString('hex')}) does not match the ${CHECKSUM_HEADER} header`,
        );
      }
    }
    return { file, sidecar, originalFileName };
  }

  /** Moves the verified temporary files to their places; returns the stored (relative) paths. */
  async function place(
    userId: string,
    file: ReceivedFile,
    sidecar: ReceivedFile | undefined,
    name: string,
    mtime: string,
  ) {
    const fileId = randomUUID();
    const original = paths.original(userId, fileId, safeExtension(path.extname(name)));
    await moveIntoPlace(file.tmpPath, original);
    const modified = new Date(mtime);
    await fs.utimes(original, modified, modified);
    let sidecarPath: string | null = null;
    if (sidecar) {
      sidecarPath = paths.sidecar(userId, fileId);
      await moveIntoPlace(sidecar.tmpPath, sidecarPath);
    }
    return {
      original,
      sidecar: sidecarPath,
      stored: {
        original: assetMedia.relative(original),
        sidecar: sidecarPath && assetMedia.relative(sidecarPath),
      },
    };
  }

  const removePlaced = async (placed: { original: string; sidecar: string | null } | undefined) => {
    if (!placed) return;
    const files = [placed.original, placed.sidecar].filter((p): p is string => p !== null);
    await Promise.all(files.map((p) => fs.rm(p, { force: true })));
  };

  app.post(
    '/assets',
    { schema: { querystring: keyQuery } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const auth = requirePermission(request, 'asset.upload');
      const userId = auth.user.id;
      const header = request.headers[CHECKSUM_HEADER];
      const checksumHeader = typeof header === 'string' && header !== '' ? header : undefined;
      // Immich answers a known checksum without reading the file (its bytes are dropped).
      const known = checksumHeader && parseChecksum(checksumHeader);
      if (known) {
        const match = repos.assets.byChecksum(userId, known);
        if (match) {
          await drainBody(request);
          return reply.status(200).send({ id: match.id, status: 'duplicate' });
        }
      }

      const upload = await receiveMultipart(request, paths.uploadTmp, ['assetData', 'sidecarData']);
      let placed: Awaited<ReturnType<typeof place>> | undefined;
      try {
        const fields = parseUploadFields(upload.fields, 'create');
        if (fields.visibility === 'locked') requireElevatedPermission();
        const { file, sidecar, originalFileName } = verifyFiles(
          upload,
          fields,
          checksumHeader,
          true,
        );
        if (fields.livePhotoVideoId) linkMotionPart(app, userId, fields.livePhotoVideoId);

        const existing = repos.assets.byChecksum(userId, file.sha1);
        if (existing) {
          await upload.discard();
          return reply.status(200).send({ id: existing.id, status: 'duplicate' });
        }
        placed = await place(userId, file, sidecar, originalFileName, fields.fileModifiedAt);
        const now = new Date().toISOString();
        const asset: AssetRow = {
          id: randomUUID(),
          owner_id: userId,
          device_asset_id: fields.deviceAssetId,
          device_id: fields.deviceId,
          type: mimeTypes.assetType(originalFileName),
          original_path: placed.stored.original,
          original_file_name: originalFileName,
          original_mime_type: mimeTypes.lookup(originalFileName),
          checksum: file.sha1,
          file_size_in_byte: file.size,
          file_created_at: fields.fileCreatedAt,
          file_modified_at: fields.fileModifiedAt,
          local_date_time: fields.fileCreatedAt,
          created_at: now,
          updated_at: now,
          is_favorite: fields.isFavorite ? 1 : 0,
          visibility: fields.visibility,
          deleted_at: null,
          duration: fields.duration,
          live_photo_video_id: fields.livePhotoVideoId ?? null,
          duplicate_id: null,
          thumbhash: null,
          thumbnail_path: null,
          preview_path: null,
          fullsize_path: null,
          encoded_video_path: null,
          sidecar_path: placed.stored.sidecar,
          width: null,
          height: null,
          media_status: 'pending',
          media_error: null,
        };
        if (!repos.assets.create(asset, { file_size_in_byte: file.size })) {
          // Another upload of the same file won the race: keep its asset, drop this copy.
          await removePlaced(placed);
          const winner = repos.assets.byChecksum(userId, file.sha1);
          if (!winner)
            throw new HttpError(409, 'The upload conflicted with another one; try again');
          return reply.status(200).send({ id: winner.id, status: 'duplicate' });
        }
        void assetMedia.enqueue(asset);
        return reply.status(201).send({ id: asset.id, status: 'created' });
      } catch (error) {
        await upload.discard();
        await removePlaced(placed);
        throw error;
      }
    },
  );

  app.put<{ Params: { id: string } }>(
    '/assets/:id/original',
    { schema: { params: idParams, querystring: keyQuery } },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.upload');
      const userId = auth.user.id;
      const { id } = request.params;
      requireAssetAccess(app, auth, 'asset.update', [id]);
      const header = request.headers[CHECKSUM_HEADER];
      const checksumHeader = typeof header === 'string' && header !== '' ? header : undefined;

      const upload = await receiveMultipart(request, paths.uploadTmp, ['assetData', 'sidecarData']);
      let placed: Awaited<ReturnType<typeof place>> | undefined;
      try {
        const fields = parseUploadFields(upload.fields, 'replace');
        // Immich names a replaced asset after the file itself, not the `filename` field.
        const { file, sidecar, originalFileName } = verifyFiles(
          upload,
          fields,
          checksumHeader,
          false,
        );
        const current = repos.assets.byId(id);
        if (!current) throw badRequest('Not found or no asset.update access');
        const existing = repos.assets.byChecksum(userId, file.sha1);
        if (existing) {
          await upload.discard();
          return reply.status(200).send({ id: existing.id, status: 'duplicate' });
        }
        placed = await place(userId, file, sidecar, originalFileName, fields.fileModifiedAt);
        const now = new Date().toISOString();
        // The old file lives on as a copy of the asset, straight in the trash (as Immich does).
        const copy: AssetRow = {
          ...current,
          id: randomUUID(),
          created_at: now,
          updated_at: now,
          is_favorite: 0,
          visibility: 'timeline',
          deleted_at: now,
          duplicate_id: null,
          thumbhash: null,
          thumbnail_path: null,
          preview_path: null,
          fullsize_path: null,
          encoded_video_path: null,
          sidecar_path: null,
          media_status: 'pending',
          media_error: null,
        };
        const changes: AssetChanges = {
          checksum: file.sha1,
          original_path: placed.stored.original,
          type: mimeTypes.assetType(originalFileName),
          original_file_name: originalFileName,
          original_mime_type: mimeTypes.lookup(originalFileName),
          file_size_in_byte: file.size,
          device_asset_id: fields.deviceAssetId,
          device_id: fields.deviceId,
          file_created_at: fields.fileCreatedAt,
          file_modified_at: fields.fileModifiedAt,
          local_date_time: fields.fileCreatedAt,
          duration: fields.duration,
          live_photo_video_id: null,
          sidecar_path: placed.stored.sidecar,
          media_status: 'pending',
          media_error: null,
        };
        const swapped = app.db.transaction(() => {
          if (repos.assets.byChecksum(userId, file.sha1)) return false;
          repos.assets.update([id], changes, now);
          repos.assets.upsertExif(id, { file_size_in_byte: file.size });
          repos.assets.create(copy, { file_size_in_byte: current.file_size_in_byte });
          return true;
        })();
        if (!swapped) {
          await removePlaced(placed);
          const winner = repos.assets.byChecksum(userId, file.sha1);
          return reply.status(200).send({ id: winner?.id ?? id, status: 'duplicate' });
        }
        if (current.sidecar_path)
          await fs.rm(assetMedia.resolve(current.sidecar_path), { force: true });
        if (current.live_photo_video_id) unlinkMotionPart(app, current.live_photo_video_id);
        const updated = repos.assets.byId(id);
        if (updated) void assetMedia.enqueue(updated);
        void assetMedia.enqueue(copy);
        return reply.status(200).send({ id: copy.id, status: 'replaced' });
      } catch (error) {
        await upload.discard();
        await removePlaced(placed);
        throw error;
      }
    },
  );

  app.get<{
    Querystring: { isFavorite?: boolean; isTrashed?: boolean; visibility?: AssetVisibility };
  }>(
    '/assets/statistics',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            isFavorite: { type: 'boolean' },
            isTrashed: { type: 'boolean' },
            visibility,
          },
        },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'asset.read');
      const { isFavorite, isTrashed, visibility: vis } = request.query;
      if (vis === 'locked') requireElevatedPermission();
      const stats = repos.assets.statistics({
        ownerIds: [auth.user.id],
        isFavorite,
        isTrashed,
        visibility: vis,
      });
      return {
        images: stats.IMAGE,
        videos: stats.VIDEO,
        total: stats.IMAGE + stats.VIDEO + stats.AUDIO + stats.OTHER,
      };
    },
  );

  app.get<{ Querystring: { count?: number } }>(
    '/assets/random',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { count: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
        },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'asset.read');
      const count = request.query.count ?? 1;
      // The schema's coercion lets 'Infinity' and '1e400' through as Infinity, which SQLite
      // cannot bind (a 500 before this check).
      if (!Number.isSafeInteger(count)) throw badRequest(['count must be an integer number']);
      return repos.assets.random(auth.user.id, count).map((a) => responseFor(a, auth));
    },
  );

  app.get<{ Params: { deviceId: string } }>(
    '/assets/device/:deviceId',
    {
      schema: {
        params: { type: 'object', properties: { deviceId: { type: 'string', minLength: 1 } } },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'asset.read');
      return repos.assets.deviceAssetIds(auth.user.id, request.params.deviceId);
    },
  );

  app.post<{ Body: { deviceAssetIds: string[]; deviceId: string } }>(
    '/assets/exist',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            deviceAssetIds: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
            deviceId: { type: 'string', minLength: 1 },
          },
          required: ['deviceAssetIds', 'deviceId'],
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.read');
      const { deviceAssetIds, deviceId } = request.body;
      const existingIds = repos.assets.existingDeviceAssetIds(
        auth.user.id,
        deviceId,
        deviceAssetIds,
      );
      return reply.status(200).send({ existingIds });
    },
  );

  app.post<{ Body: { assets: { id: string; checksum: string }[] } }>(
    '/assets/bulk-upload-check',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            assets: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string', minLength: 1 },
                  checksum: { type: 'string', minLength: 1 },
                },
                required: ['id', 'checksum'],
              },
            },
          },
          required: ['assets'],
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.upload');
      // Immich's fromChecksum: 28 characters are base64, anything else hex.
      const decode = (checksum: string) =>
        Buffer.from(checksum, checksum.length === 28 ? 'base64' : 'hex');
      const matches = repos.assets.byChecksums(
        auth.user.id,
        request.body.assets.map((a) => decode(a.checksum)),
      );
      const byHex = new Map(matches.map((m) => [m.checksum.toString('hex'), m]));
      const results = request.body.assets.map(({ id, checksum }) => {
        const duplicate = byHex.get(decode(checksum).toString('hex'));
        return duplicate
          ? {
              id,
              action: 'reject',
              reason: 'duplicate',
              assetId: duplicate.id,
              isTrashed: duplicate.deleted_at !== null,
            }
          : { id, action: 'accept' };
      });
      return reply.status(200).send({ results });
    },
  );

  app.post<{ Body: { assetIds: string[]; name: JobName } }>(
    '/assets/jobs',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            assetIds: { type: 'array', items: uuid },
            name: { type: 'string', enum: Object.keys(jobKinds) },
          },
          required: ['assetIds', 'name'],
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.update');
      const { assetIds, name } = request.body;
      requireAssetAccess(app, auth, 'asset.update', assetIds);
      const kinds = jobKinds[name];
      if (kinds.length > 0) {
        for (const asset of repos.assets.byIds(assetIds)) {
          if (name === 'transcode-video' && asset.type !== 'VIDEO') continue;
          void assetMedia.enqueue(asset, kinds);
        }
      }
      return reply.status(204).send();
    },
  );

  app.put<{ Body: UpdateBody & { ids: string[]; duplicateId?: string | null } }>(
    '/assets',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            ids: { type: 'array', items: uuid },
            ...updateProperties,
            duplicateId: { type: ['string', 'null'] },
          },
          required: ['ids'],
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.update');
      const { ids, isFavorite, visibility: vis, duplicateId } = request.body;
      checkCoordinates(request.body);
      if (request.body.visibility === 'locked') requireElevatedPermission();
      requireAssetAccess(app, auth, 'asset.update', ids);
      const unique = [...new Set(ids)];
      app.db.transaction(() => {
        applyMetadataEdits(app, unique, request.body);
        const changes: AssetChanges = {};
        if (isFavorite !== undefined) changes.is_favorite = isFavorite ? 1 : 0;
        if (vis !== undefined) changes.visibility = vis;
        if (duplicateId !== undefined) changes.duplicate_id = duplicateId;
        if (Object.keys(changes).length > 0) repos.assets.update(unique, changes);
      })();
      return reply.status(204).send();
    },
  );

  app.delete<{ Body: { ids: string[]; force?: boolean } }>(
    '/assets',
    {
      schema: {
        body: {
          type: 'object',
          properties: { ids: { type: 'array', items: uuid }, force: { type: 'boolean' } },
          required: ['ids'],
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.delete');
      const { ids, force } = request.body;
      requireAssetAccess(app, auth, 'asset.delete', ids);
      const unique = [...new Set(ids)];
      if (force) await removeAssetsForGood(app, unique);
      else repos.assets.trash(unique);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/assets/:id',
    {
      config: { sharedLink: true },
      schema: { params: idParams, querystring: keyQuery },
    },
    async (request) => {
      const auth = requirePermission(request, 'asset.read');
      requireAssetAccess(app, auth, 'asset.read', [request.params.id]);
      const asset = repos.assets.byId(request.params.id);
      if (!asset) throw badRequest('Asset not found');
      // Shared-link visitors: no owner, and nothing but the basics when the link hides metadata.
      if (auth.sharedLink && !auth.sharedLink.show_exif) return toSanitizedAssetResponse(asset);
      if (auth.sharedLink) {
        const { owner: _owner, ...shared } = responseFor(asset, auth);
        return shared;
      }
      return responseFor(asset, auth);
    },
  );

  app.put<{ Params: { id: string }; Body: UpdateBody & { livePhotoVideoId?: string | null } }>(
    '/assets/:id',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: {
            ...updateProperties,
            livePhotoVideoId: { type: ['string', 'null'], format: 'uuid' },
          },
        },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'asset.update');
      const { id } = request.params;
      const body = request.body ?? {};
      checkCoordinates(body);
      if (body.visibility === 'locked') requireElevatedPermission();
      requireAssetAccess(app, auth, 'asset.update', [id]);
      const before = repos.assets.byId(id);
      if (!before) throw badRequest('Asset not found');
      const { livePhotoVideoId } = body;
      if (livePhotoVideoId) {
        if (livePhotoVideoId === id)
          throw badRequest('Live photo video cannot be the asset itself');
        linkMotionPart(app, auth.user.id, livePhotoVideoId);
      }
      app.db.transaction(() => {
        applyMetadataEdits(app, [id], body);
        const changes: AssetChanges = {};
        if (body.isFavorite !== undefined) changes.is_favorite = body.isFavorite ? 1 : 0;
        if (body.visibility !== undefined) changes.visibility = body.visibility;
        if (livePhotoVideoId !== undefined) changes.live_photo_video_id = livePhotoVideoId;
        repos.assets.update([id], changes);
      })();
      if (
        livePhotoVideoId !== undefined &&
        before.live_photo_video_id &&
        before.live_photo_video_id !== livePhotoVideoId
      ) {
        unlinkMotionPart(app, before.live_photo_video_id);
      }
      const asset = repos.assets.byId(id);
      if (!asset) throw badRequest('Asset not found');
      return responseFor(asset, auth);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/assets/:id/original',
    {
      config: { sharedLink: true },
      schema: { params: idParams, querystring: keyQuery },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.download');
      requireAssetAccess(app, auth, 'asset.download', [request.params.id]);
      const asset = repos.assets.byId(request.params.id);
      if (!asset) throw badRequest('Asset not found');
      return sendFile(request, reply, {
        path: assetMedia.resolve(asset.original_path),
        contentType: asset.original_mime_type,
        fileName: asset.original_file_name,
        cacheControl: PRIVATE_WITH_CACHE,
      });
    },
  );

  app.get<{
    Params: { id: string };
    Querystring: { size?: 'thumbnail' | 'preview' | 'fullsize'; key?: string };
  }>(
    '/assets/:id/thumbnail',
    {
      config: { sharedLink: true },
      schema: {
        params: idParams,
        querystring: {
          type: 'object',
          properties: {
            key: { type: 'string' },
            size: { type: 'string', enum: ['fullsize', 'preview', 'thumbnail'] },
          },
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.view');
      const { id } = request.params;
      requireAssetAccess(app, auth, 'asset.view', [id]);
      let asset = repos.assets.byId(id);
      if (!asset) throw badRequest('Asset not found');
      if (asset.media_status === 'pending') {
        // Requested before its media exist: wait (bounded) for the job, queueing it if needed.
        if (!assetMedia.isQueued(id)) void assetMedia.enqueue(asset);
        await assetMedia.waitFor(id, THUMBNAIL_WAIT_MS);
        asset = repos.assets.byId(id) ?? asset;
      }
      const size = request.query.size ?? 'thumbnail';
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      let filePath = asset.preview_path;
      if (size === 'thumbnail' && asset.thumbnail_path) filePath = asset.thumbnail_path;
      if (size === 'fullsize') {
        if (mimeTypes.isWebSupportedImage(asset.original_file_name)) {
          // Browsers show these originals as they are: send the client there (Immich's redirect).
          query.delete('size');
          const search = query.toString();
          return reply.redirect(`original${search ? `?${search}` : ''}`);
        }
        if (!asset.fullsize_path) {
          query.set('size', 'preview');
          return reply.redirect(`thumbnail?${query.toString()}`);
        }
        filePath = asset.fullsize_path;
      }
      if (!filePath) {
        throw new HttpError(
          404,
          asset.media_status === 'pending'
            ? 'Asset media not found: still being generated'
            : 'Asset media not found',
        );
      }
      return sendFile(request, reply, {
        path: assetMedia.resolve(filePath),
        contentType: mimeTypes.lookup(filePath),
        fileName: `${fileNameWithoutExtension(asset.original_file_name)}_${size}${path.extname(filePath)}`,
        cacheControl: PRIVATE_WITH_CACHE,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/assets/:id/video/playback',
    {
      config: { sharedLink: true },
      schema: { params: idParams, querystring: keyQuery },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.view');
      requireAssetAccess(app, auth, 'asset.view', [request.params.id]);
      const asset = repos.assets.byId(request.params.id);
      if (!asset) throw badRequest('Asset not found');
      if (asset.type !== 'VIDEO') throw badRequest('Asset is not a video');
      const stored = asset.encoded_video_path ?? asset.original_path;
      return sendFile(request, reply, {
        path: assetMedia.resolve(stored),
        contentType: asset.encoded_video_path ? 'video/mp4' : asset.original_mime_type,
        cacheControl: PRIVATE_WITH_CACHE,
      });
    },
  );
}
