import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import { hashSecret } from '../lib/tokens.ts';
import { HttpError, unauthorized, forbidden } from '../lib/http-errors.ts';
import { isGranted, type Permission } from '../lib/permissions.ts';
import type { UserRow } from '../db/users.ts';
import type { SharedLinkRow } from '../db/shared-links.ts';

/**
 * Who is calling. Immich accepts, in this order: a shared-link key (`key` query parameter or
 * `x-immich-share-key` header), the `x-api-key` header, an `Authorization: Bearer` token, the
 * `immich_access_token` cookie.
 */
export interface AuthContext {
  user: UserRow;
  sessionId?: string;
  apiKey?: { id: string; permissions: string[] };
  /**
   * Set when the caller holds a shared-link key: `user` is then the link's owner, and the caller
   * may only read the link's assets (lib/access.ts), on routes that accept a key.
   */
  sharedLink?: SharedLinkRow;
}

/** What a route needs: nobody, a signed-in user, or an admin. Default: 'user'. */
export type AuthRequirement = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /** The permission an API key needs for this route (Immich's `@Authenticated({ permission })`). */
    permission?: Permission;
    /**
     * Whether a shared-link key may call this route (Immich's `sharedLink: true`). A link with a
     * password also needs the password token cookie, except on the route that checks the password
     * itself ('checks-password': GET /shared-links/me).
     */
    sharedLink?: boolean | 'checks-password';
  }
}

export const ACCESS_COOKIE = 'immich_access_token';
/** Immich's cookie holding the tokens of the password-protected links a visitor has unlocked. */
export const SHARED_LINK_TOKEN_COOKIE = 'immich_shared_link_token';

export interface Credentials {
  shareKey?: string;
  apiKey?: string;
  token?: string;
}

export function readCredentials(request: FastifyRequest): Credentials {
  const shareHeader = request.headers['x-immich-share-key'];
  const shareQuery = (request.query as Record<string, unknown> | undefined)?.key;
  const shareKey = typeof shareHeader === 'string' && shareHeader ? shareHeader : shareQuery;
  if (typeof shareKey === 'string' && shareKey) return { shareKey };
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { apiKey };
  const authorization = request.headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    return { token: authorization.slice(7).trim() };
  }
  const cookie = request.cookies[ACCESS_COOKIE];
  if (cookie) return { token: cookie };
  return {};
}

/** Immich shows keys as base64url; older links were shown as 100 hex characters. */
function normalizeShareKey(key: string): string {
  return /^[0-9a-f]{100}$/i.test(key) ? Buffer.from(key, 'hex').toString('base64url') : key;
}

/** The token that proves a visitor gave the link's password (Immich: sha256 of `id-password`). */
export function sharedLinkToken(link: Pick<SharedLinkRow, 'id' | 'password'>): string {
  return createHash('sha256')
    .update(`${link.id}-${link.password ?? ''}`)
    .digest('hex');
}

/** The tokens the visitor holds (comma-separated in the cookie, or the `token` query parameter). */
export function presentedSharedLinkTokens(request: FastifyRequest): string[] {
  const cookie = request.cookies[SHARED_LINK_TOKEN_COOKIE] ?? '';
  const query = (request.query as Record<string, unknown> | undefined)?.token;
  return [...cookie.split(','), ...(typeof query === 'string' ? query.split(',') : [])].filter(
    Boolean,
  );
}

export function resolveAuth(app: FastifyInstance, request: FastifyRequest): AuthContext | null {
  const { shareKey, apiKey, token } = readCredentials(request);
  const { repos } = app;
  if (shareKey) {
    const link = repos.sharedLinks.byKey(normalizeShareKey(shareKey));
    const user = link && repos.users.byId(link.user_id);
    const expired = link?.expires_at ? new Date(link.expires_at).getTime() <= Date.now() : false;
    if (!link || !user || expired) throw unauthorized('Invalid share key');
    return { user, sharedLink: link };
  }
  if (apiKey) {
    const key = repos.sessions.apiKeyByHash(hashSecret(apiKey));
    const user = key && repos.users.byId(key.user_id);
    if (!key || !user) throw unauthorized('Invalid API key');
    return { user, apiKey: { id: key.id, permissions: JSON.parse(key.permissions) as string[] } };
  }
  if (token) {
    const session = repos.sessions.byTokenHash(hashSecret(token));
    const user = session && repos.users.byId(session.user_id);
    if (!session || !user) throw unauthorized('Invalid user token');
    return { user, sessionId: session.id };
  }
  return null;
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    // Only API routes are guarded: the gallery's files and unknown paths (404) are public.
    const isApiRoute = request.routeOptions.url?.startsWith('/api/') ?? false;
    const requirement = isApiRoute ? (request.routeOptions.config.auth ?? 'user') : 'public';
    const { sharedLink: sharedLinkRoute, permission } = request.routeOptions.config;
    if (requirement === 'public') {
      // Public routes still learn who is calling when credentials are valid (a share key only
      // where the route accepts one).
      try {
        const auth = resolveAuth(app, request);
        request.auth = auth?.sharedLink && !sharedLinkRoute ? null : auth;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
      }
      return;
    }
    const auth = resolveAuth(app, request);
    if (!auth) throw unauthorized();
    if (auth.sharedLink) {
      if (!sharedLinkRoute) throw forbidden('Forbidden');
      const link = auth.sharedLink;
      if (
        link.password &&
        sharedLinkRoute !== 'checks-password' &&
        !presentedSharedLinkTokens(request).includes(sharedLinkToken(link))
      ) {
        throw unauthorized('Invalid password');
      }
    }
    if (requirement === 'admin' && !auth.user.is_admin) throw forbidden('Forbidden');
    if (auth.apiKey && permission && !isGranted([permission], auth.apiKey.permissions)) {
      throw forbidden(`Missing required permission: ${permission}`);
    }
    request.auth = auth;
  });
});

/** The signed-in user of a route that requires one. */
export function requireUser(request: FastifyRequest): UserRow {
  if (!request.auth) throw unauthorized();
  return request.auth.user;
}
