import type { FastifyInstance } from 'fastify';

/** The Immich version whose API this server implements. */
export const SERVER_VERSION = { major: 1, minor: 135, patch: 3 } as const;

export async function serverRoutes(app: FastifyInstance): Promise<void> {
  app.get('/server/ping', { config: { auth: 'public' } }, async () => ({ res: 'pong' }));

  app.get('/server/version', { config: { auth: 'public' } }, async () => SERVER_VERSION);

  // The web app asks this before sign-in: `isInitialized` is false until an admin exists.
  app.get('/server/config', { config: { auth: 'public' } }, async () => ({
    loginPageMessage: '',
    trashDays: 30,
    userDeleteDelay: 7,
    oauthButtonText: 'Login with OAuth',
    isInitialized: app.repos.users.hasAdmin(),
    isOnboarded: true,
    externalDomain: '',
    publicUsers: true,
    mapDarkStyleUrl: '',
    mapLightStyleUrl: '',
  }));
}
