import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, forbidden, unauthorized } from '../../lib/http-errors.ts';
import { newId } from '../../lib/tokens.ts';
import { allowedAssetIds, requireAssetAccess } from '../../lib/access.ts';
import {
  SHARED_LINK_TOKEN_COOKIE,
  presentedSharedLinkTokens,
  sharedLinkToken,
  type AuthContext,
} from '../../plugins/auth.ts';
import type { SharedLinkChanges, SharedLinkRow } from '../../db/shared-links.ts';
import type { AssetRow } from '../../db/assets.ts';
import { toAssetResponse } from './asset-dto.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const assetIdsBody = {
  type: 'object',
  required: ['assetIds'],
  properties: { assetIds: { type: 'array', items: uuid, maxItems: 100_000 } },
} as const;
const date = { type: 'string', format: 'date-time' } as const;

interface CreateBody {
  type: 'ALBUM' | 'INDIVIDUAL';
  assetIds?: string[];
  albumId?: string;
  allowDownload?: boolean;
  allowUpload?: boolean;
  showMetadata?: boolean;
  password?: string;
  description?: string;
  expiresAt?: string | null;
}

interface EditBody {
  allowDownload?: boolean;
  allowUpload?: boolean;
  showMetadata?: boolean;
  password?: string;
  description?: string;
  expiresAt?: string | null;
  changeExpiryTime?: boolean;
}

/**
 * A shared asset without anything that identifies where or how it was taken (Immich's
 * SanitizedAssetResponseDto), for links that hide metadata.
 */
export function toSanitizedAssetResponse(asset: AssetRow) {
  return {
    id: asset.id,
    type: asset.type,
    originalMimeType: asset.original_mime_type,
    thumbhash: asset.thumbhash,
    localDateTime: asset.local_date_time,
    duration: asset.duration ?? '0:00:00.00000',
    livePhotoVideoId: asset.live_photo_video_id,
    hasMetadata: false,
  };
}

function callerOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

/** The user behind the request, never a shared-link visitor. */
function ownerOf(request: FastifyRequest) {
  const auth = callerOf(request);
  if (auth.sharedLink) throw forbidden('Forbidden');
  return auth.user;
}

export async function sharedLinkRoutes(app: FastifyInstance): Promise<void> {
  const { sharedLinks, assets } = app.repos;

  /** The link's assets, in the order they were shared; trashed ones are left out. */
  const linkAssets = (link: SharedLinkRow) => {
    const ids = sharedLinks.assetIds(link.id);
    const byId = new Map(assets.byIds(ids).map((asset) => [asset.id, asset]));
    return ids
      .map((id) => byId.get(id))
      .filter((asset): asset is AssetRow => asset !== undefined && asset.deleted_at === null);
  };

  /**
   * SharedLinkResponseDto. `viewerId` is the owner for the owner's own views; visitors see no
   * favourites, and no metadata unless the link shows it.
   */
  const toResponse = (link: SharedLinkRow, view: { viewerId: string; withMetadata: boolean }) => ({
    id: link.id,
    description: link.description,
    password: link.password,
    userId: link.user_id,
    key: link.key,
    type: link.type,
    createdAt: link.created_at,
    expiresAt: link.expires_at,
    assets: linkAssets(link).map((asset) =>
      view.withMetadata
        ? toAssetResponse(asset, { viewerId: view.viewerId, exif: assets.exif(asset.id) })
        : toSanitizedAssetResponse(asset),
    ),
    allowUpload: link.allow_upload === 1,
    allowDownload: link.allow_download === 1,
    showMetadata: link.show_exif === 1,
  });

  const findOwned = (userId: string, id: string) => {
    const link = sharedLinks.byId(userId, id);
    if (!link) throw badRequest('Shared link not found');
    return link;
  };

  app.post<{ Body: CreateBody }>(
    '/shared-links',
    {
      config: { permission: 'sharedLink.create' },
      schema: {
        body: {
          type: 'object',
          required: ['type'],
          properties: {
            type: { type: 'string', enum: ['ALBUM', 'INDIVIDUAL'] },
            assetIds: { type: 'array', items: uuid, maxItems: 100_000 },
            albumId: uuid,
            allowDownload: { type: 'boolean' },
            allowUpload: { type: 'boolean' },
            showMetadata: { type: 'boolean' },
            password: { type: 'string', maxLength: 1024 },
            description: { type: 'string', maxLength: 10_000 },
            expiresAt: { anyOf: [date, { type: 'null' }] },
          },
        },
      },
    },
    async (request, reply) => {
      const auth = callerOf(request);
      const user = ownerOf(request);
      const body = request.body;
      if (body.type === 'ALBUM') {
        if (!body.albumId) throw badRequest('Invalid albumId');
        // This server has no albums to share.
        throw badRequest('Not found or no album.share access');
      }
      if (!body.assetIds || body.assetIds.length === 0) throw badRequest('Invalid assetIds');
      requireAssetAccess(app, auth, 'asset.share', body.assetIds);
      const link: SharedLinkRow = {
        id: newId(),
        user_id: user.id,
        key: randomBytes(50).toString('base64url'),
        type: 'INDIVIDUAL',
        description: body.description || null,
        password: body.password || null,
        expires_at: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
        allow_upload: (body.allowUpload ?? true) ? 1 : 0,
        // Immich: a link that hides metadata never allows downloads (originals carry it).
        allow_download: body.showMetadata === false ? 0 : (body.allowDownload ?? true) ? 1 : 0,
        show_exif: (body.showMetadata ?? true) ? 1 : 0,
        created_at: new Date().toISOString(),
      };
      sharedLinks.create(link, body.assetIds);
      return reply.status(201).send(toResponse(link, { viewerId: user.id, withMetadata: true }));
    },
  );

  app.get<{ Querystring: { albumId?: string } }>(
    '/shared-links',
    {
      config: { permission: 'sharedLink.read' },
      schema: { querystring: { type: 'object', properties: { albumId: uuid } } },
    },
    async (request) => {
      const user = ownerOf(request);
      // No albums here: asking for an album's links finds none.
      if (request.query.albumId) return [];
      return sharedLinks
        .listByUser(user.id)
        .map((link) => toResponse(link, { viewerId: user.id, withMetadata: true }));
    },
  );

  // The visitor's view of the link whose key they hold. A password-protected link answers 401
  // until the password is given; then a cookie remembers it for the link's other requests.
  app.get<{ Querystring: { key?: string; password?: string; token?: string } }>(
    '/shared-links/me',
    {
      config: { sharedLink: 'checks-password' },
      schema: {
        querystring: {
          type: 'object',
          properties: {
            key: { type: 'string' },
            password: { type: 'string' },
            token: { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const link = callerOf(request).sharedLink;
      if (!link) throw forbidden('Forbidden');
      const response = toResponse(link, { viewerId: '', withMetadata: link.show_exif === 1 });
      if (!link.password) return { ...response, password: null };
      const token = sharedLinkToken(link);
      const tokens = presentedSharedLinkTokens(request);
      if (request.query.password !== link.password && !tokens.includes(token)) {
        throw unauthorized('Invalid password');
      }
      const remembered = tokens.includes(token) ? tokens : [...tokens, token];
      void reply.setCookie(SHARED_LINK_TOKEN_COOKIE, remembered.join(','), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: 24 * 3600,
      });
      // The visitor proved the password; they are not shown it.
      return { ...response, password: null, token: remembered.join(',') };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/shared-links/:id',
    { config: { permission: 'sharedLink.read' }, schema: { params: idParams } },
    async (request) => {
      const user = ownerOf(request);
      return toResponse(findOwned(user.id, request.params.id), {
        viewerId: user.id,
        withMetadata: true,
      });
    },
  );

  app.patch<{ Params: { id: string }; Body: EditBody }>(
    '/shared-links/:id',
    {
      config: { permission: 'sharedLink.update' },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: {
            allowDownload: { type: 'boolean' },
            allowUpload: { type: 'boolean' },
            showMetadata: { type: 'boolean' },
            password: { type: 'string', maxLength: 1024 },
            description: { type: 'string', maxLength: 10_000 },
            expiresAt: { anyOf: [date, { type: 'null' }] },
            changeExpiryTime: { type: 'boolean' },
          },
        },
      },
    },
    async (request) => {
      const user = ownerOf(request);
      const link = findOwned(user.id, request.params.id);
      const body = request.body;
      const changes: SharedLinkChanges = {};
      if (body.description !== undefined) changes.description = body.description || null;
      if (body.password !== undefined) changes.password = body.password || null;
      if (body.allowUpload !== undefined) changes.allow_upload = body.allowUpload ? 1 : 0;
      if (body.allowDownload !== undefined) changes.allow_download = body.allowDownload ? 1 : 0;
      if (body.showMetadata !== undefined) changes.show_exif = body.showMetadata ? 1 : 0;
      if (body.expiresAt !== undefined) {
        changes.expires_at = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
      } else if (body.changeExpiryTime) {
        // Immich: the flag without a date means "never expires".
        changes.expires_at = null;
      }
      const hidesMetadata = (changes.show_exif ?? link.show_exif) === 0;
      if (hidesMetadata) changes.allow_download = 0;
      const updated = sharedLinks.update(user.id, link.id, changes) ?? link;
      return toResponse(updated, { viewerId: user.id, withMetadata: true });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/shared-links/:id',
    { config: { permission: 'sharedLink.delete' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = ownerOf(request);
      findOwned(user.id, request.params.id);
      sharedLinks.delete(user.id, request.params.id);
      return reply.status(200).send();
    },
  );

  // Add or remove assets of an individual link (AssetIdsResponseDto per id).
  app.put<{ Params: { id: string }; Body: { assetIds: string[] } }>(
    '/shared-links/:id/assets',
    {
      config: { permission: 'sharedLink.update' },
      schema: { params: idParams, body: assetIdsBody },
    },
    async (request) => {
      const auth = callerOf(request);
      const user = ownerOf(request);
      const link = findOwned(user.id, request.params.id);
      if (link.type !== 'INDIVIDUAL') throw badRequest('Invalid shared link type');
      const ids = [...new Set(request.body.assetIds)];
      const already = new Set(sharedLinks.assetIds(link.id));
      const allowed = allowedAssetIds(app, auth, 'asset.share', ids);
      const results = ids.map((assetId) => {
        if (already.has(assetId)) return { assetId, success: false, error: 'duplicate' };
        if (!allowed.has(assetId)) return { assetId, success: false, error: 'no_permission' };
        return { assetId, success: true };
      });
      sharedLinks.addAssets(
        link.id,
        results.filter((result) => result.success).map((result) => result.assetId),
      );
      return results;
    },
  );

  app.delete<{ Params: { id: string }; Body: { assetIds: string[] } }>(
    '/shared-links/:id/assets',
    {
      config: { permission: 'sharedLink.update' },
      schema: { params: idParams, body: assetIdsBody },
    },
    async (request) => {
      const user = ownerOf(request);
      const link = findOwned(user.id, request.params.id);
      if (link.type !== 'INDIVIDUAL') throw badRequest('Invalid shared link type');
      const ids = [...new Set(request.body.assetIds)];
      const removed = new Set(sharedLinks.removeAssets(link.id, ids));
      return ids.map((assetId) =>
        removed.has(assetId)
          ? { assetId, success: true }
          : { assetId, success: false, error: 'not_found' },
      );
    },
  );
}
