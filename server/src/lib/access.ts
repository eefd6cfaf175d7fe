import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthContext } from '../plugins/auth.ts';
import type { SharedLinkRow } from '../db/shared-links.ts';
import { badRequest, forbidden, unauthorized, HttpError } from './http-errors.ts';

/**
 * Every access rule of the asset, timeline and trash routes, in one place, as Immich 1.135 applies
 * them (server/src/utils/access.ts there):
 * - a route first requires its permission; an API key without it gets 403
 *   "Missing required permission: <permission>";
 * - then the ids: any id the caller may not use fails the whole request with 400
 *   "Not found or no <permission> access", the same answer for another user's asset and for an id
 *   that does not exist, so ids cannot be probed.
 * - a shared-link key (`key` parameter) reads exactly the link's assets (and the motion part of a
 *   shared live photo): view and read always, download only if the link allows it, nothing else.
 */
export type Permission =
  | 'asset.read'
  | 'asset.view'
  | 'asset.download'
  | 'asset.update'
  | 'asset.delete'
  | 'asset.upload'
  | 'asset.replace'
  | 'asset.statistics'
  | 'asset.share'
  | 'timeline.read'
  | 'timeline.download';

/** The permissions an API key may be created with that grant everything. */
const ALL = 'all';

/** Whether the caller's credentials carry `permission` (sessions always do). */
export function hasPermission(auth: AuthContext, permission: Permission): boolean {
  const granted = auth.apiKey?.permissions;
  if (!granted) return true;
  return granted.includes(ALL) || granted.includes(permission);
}

/** The signed-in caller, after checking the route's permission. */
export function requirePermission(request: FastifyRequest, permission: Permission): AuthContext {
  const auth = request.auth;
  if (!auth) throw unauthorized();
  if (!hasPermission(auth, permission)) {
    throw forbidden(`Missing required permission: ${permission}`);
  }
  return auth;
}

/** Immich's answer when a locked-folder feature is asked for without a PIN-elevated session. */
export function requireElevatedPermission(): never {
  throw new HttpError(401, 'Elevated permission is required');
}

/** The ids among `ids` that the caller may use for `permission`. */
export function allowedAssetIds(
  app: FastifyInstance,
  auth: AuthContext,
  permission: Permission,
  ids: readonly string[],
): Set<string> {
  if (ids.length === 0) return new Set();
  if (auth.sharedLink) return sharedLinkAssetIds(app, auth.sharedLink, permission, ids);
  switch (permission) {
    case 'asset.read':
    case 'asset.view':
    case 'asset.download':
    case 'asset.update':
    case 'asset.delete':
    case 'asset.share':
    case 'asset.replace':
      // Owner access. Locked assets need a PIN-elevated session, which this server never grants.
      return app.repos.assets.ownedIds(auth.user.id, ids, false);
    default:
      return new Set();
  }
}

/** What a shared-link key may do with `ids` (Immich's checkSharedLinkAccess). */
function sharedLinkAssetIds(
  app: FastifyInstance,
  link: SharedLinkRow,
  permission: Permission,
  ids: readonly string[],
): Set<string> {
  switch (permission) {
    case 'asset.read':
    case 'asset.view':
      return app.repos.sharedLinks.sharedAssetIds(link.id, ids);
    case 'asset.download':
      return link.allow_download ? app.repos.sharedLinks.sharedAssetIds(link.id, ids) : new Set();
    default:
      return new Set();
  }
}

/** Throws Immich's 400 unless the caller may use every one of `ids` for `permission`. */
export function requireAssetAccess(
  app: FastifyInstance,
  auth: AuthContext,
  permission: Permission,
  ids: readonly string[],
): void {
  const unique = [...new Set(ids)];
  const allowed = allowedAssetIds(app, auth, permission, unique);
  if (unique.some((id) => !allowed.has(id))) {
    throw badRequest(`Not found or no ${permission} access`);
  }
}

/** A user's timeline: one's own only (no partners on this server; never through a shared link). */
export function requireTimelineAccess(
  auth: AuthContext,
  userId: string,
  permission: 'timeline.read' | 'timeline.download' = 'timeline.read',
): void {
  if (auth.sharedLink || userId !== auth.user.id) {
    throw badRequest(`Not found or no ${permission} access`);
  }
}
