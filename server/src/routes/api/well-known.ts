import type { FastifyInstance } from 'fastify';

/**
 * GET /.well-known/immich, at the server's root: tells clients (the Immich CLI and apps) where the
 * API is, so a user may give the server's address without `/api`.
 */
export async function wellKnownRoutes(app: FastifyInstance): Promise<void> {
  app.get('/.well-known/immich', { config: { auth: 'public' } }, async () => ({
    api: { endpoint: '/api' },
  }));
}
