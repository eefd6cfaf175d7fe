import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecret } from '../lib/tokens.ts';
import { HttpError, unauthorized, forbidden } from '../lib/http-errors.ts';
import type { UserRow } from '../db/users.ts';

/**
 * Who is calling. Immich accepts, in this order: the `x-api-key` header, an
 * `Authorization: Bearer` token, the `immich_access_token` cookie (and, for
 * shared links, a `key` query parameter; see the shared-link routes).
 */
export interface AuthContext {
  user: UserRow;
  sessionId?: string;
  apiKey?: { id: string; permissions: string[] };
}

/** What a route needs: nobody, a signed-in user, or an admin. Default: 'user'. */
export type AuthRequirement = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    auth?: AuthRequirement;
  }
}

export const ACCESS_COOKIE = 'immich_access_token';

export function readCredentials(request: FastifyRequest): { apiKey?: string; token?: string } {
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

export function resolveAuth(app: FastifyInstance, request: FastifyRequest): AuthContext | null {
  const { apiKey, token } = readCredentials(request);
  const { repos } = app;
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
    if (requirement === 'public') {
      // Public routes still learn who is calling when credentials are valid.
      try {
        request.auth = resolveAuth(app, request);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
      }
      return;
    }
    request.auth = resolveAuth(app, request);
    if (!request.auth) throw unauthorized();
    if (requirement === 'admin' && !request.auth.user.is_admin) throw forbidden('Forbidden');
  });
});

/** The signed-in user of a route that requires one. */
export function requireUser(request: FastifyRequest): UserRow {
  if (!request.auth) throw unauthorized();
  return request.auth.user;
}
