import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { openDatabase, type Db } from './db/database.ts';
import { UserRepository } from './db/users.ts';
import { SessionRepository } from './db/sessions.ts';
import { AssetRepository } from './db/assets.ts';
import { ApiKeyRepository } from './db/api-keys.ts';
import { SharedLinkRepository } from './db/shared-links.ts';
import { StoragePaths } from './storage/paths.ts';
import { authPlugin } from './plugins/auth.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { HttpError, reasonPhrase, storageFullError } from './lib/http-errors.ts';
import { strictBodyTypes } from './lib/strict-body.ts';
import { authRoutes } from './routes/api/auth.ts';
import { userRoutes } from './routes/api/users.ts';
import { serverRoutes } from './routes/api/server.ts';
import { sharedLinkRoutes } from './routes/api/shared-links.ts';
import { downloadRoutes } from './routes/api/download.ts';
import { adminUserRoutes } from './routes/api/admin-users.ts';
import { apiKeyRoutes } from './routes/api/api-keys.ts';
import { wellKnownRoutes } from './routes/api/well-known.ts';
import { LoginThrottle, type LoginThrottleOptions } from './lib/login-throttle.ts';
import { assetRoutes } from './routes/api/assets.ts';
import { timelineRoutes } from './routes/api/timeline.ts';
import { trashRoutes } from './routes/api/trash.ts';
import { assetMediaPlugin } from './storage/asset-media.ts';

export interface AppOptions {
  /** Data folder: database, originals, thumbnails. */
  dataDir: string;
  /** Database file; ':memory:' for tests. Defaults to the data folder's. */
  dbFile?: string;
  logger?: boolean;
  /** Built gallery to serve at / (single-page app: unknown paths get index.html). */
  staticDir?: string;
  /** Limits for repeated failed logins (lib/login-throttle.ts); defaults when absent. */
  loginThrottle?: Partial<LoginThrottleOptions>;
}

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  assets: AssetRepository;
  apiKeys: ApiKeyRepository;
  sharedLinks: SharedLinkRepository;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
    paths: StoragePaths;
  }
}

/** The local Immich-compatible API, mounted under /api. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const paths = new StoragePaths(options.dataDir);
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const db = openDatabase(options.dbFile ?? paths.database);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
    // Immich answers validation errors as 400 with every message in an array.
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });
  app.decorate('db', db);
  app.decorate('paths', paths);
  app.decorate('repos', {
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    assets: new AssetRepository(db),
    apiKeys: new ApiKeyRepository(db),
    sharedLinks: new SharedLinkRepository(db),
  } satisfies Repositories);
  app.addHook('onClose', () => {
    db.close();
  });
  strictBodyTypes(app);

  app.setErrorHandler((caught: FastifyError | HttpError, request, reply) => {
    // A full disk anywhere (moving an upload into place, writing its row) is a 507, not a 500.
    const error = storageFullError(caught) ?? caught;
    if (error instanceof HttpError) {
      void reply
        .status(error.statusCode)
        .headers(error.headers)
        .send({
          message: error.messages,
          error: error.reason,
          statusCode: error.statusCode,
          correlationId: request.id,
        });
      return;
    }
    if (error.validation) {
      const messages = error.validation.map((v) => {
        const field =
          (v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
            (v.params as { missingProperty?: string }).missingProperty) ??
          error.validationContext ??
          'value';
        return `${field} ${v.message ?? 'is invalid'}`;
      });
      void reply
        .status(400)
        .send({
          message: messages,
          error: 'Bad Request',
          statusCode: 400,
          correlationId: request.id,
        });
      return;
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error(error);
    void reply.status(status).send({
      message: status >= 500 ? 'Internal server error' : error.message,
      error: reasonPhrase(status),
      statusCode: status,
      correlationId: request.id,
    });
  });
  const { staticDir } = options;
  app.setNotFoundHandler((request, reply) => {
    if (staticDir && request.method === 'GET' && !request.url.startsWith('/api/')) {
      void reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
      return;
    }
    void reply.status(404).send({
      message: `Cannot ${request.method} ${request.url.split('?')[0]}`,
      error: 'Not Found',
      statusCode: 404,
      correlationId: request.id,
    });
  });

  await app.register(securityHeaders);
  await app.register(cookie);
  if (staticDir) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      // The build writes .br and .gz copies of scripts, styles and the page (vite.config.ts).
      preCompressed: true,
      setHeaders: (res, filePath) => {
        // Vite names bundles by content hash: they never change, so cache them for a year.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        void res.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  await app.register(authPlugin);
  // Outside /api: clients discover the API's path here.
  await app.register(wellKnownRoutes);
  await app.register(assetMediaPlugin);
  await app.register(
    async (api) => {
      await api.register(authRoutes, { loginThrottle: new LoginThrottle(options.loginThrottle) });
      await api.register(userRoutes);
      await api.register(serverRoutes);
      await api.register(sharedLinkRoutes);
      await api.register(downloadRoutes);
      await api.register(adminUserRoutes);
      await api.register(apiKeyRoutes);
      await api.register(assetRoutes);
      await api.register(timelineRoutes);
      await api.register(trashRoutes);
    },
    { prefix: '/api' },
  );
  return app;
}
