import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import httpProxy from '@fastify/http-proxy';
import type { ServerConfig } from './config.ts';
import { buildApp } from './app.ts';
import { securityHeaders } from './plugins/security-headers.ts';

/**
 * The process `npm start` runs: the built gallery plus either the local API
 * (default) or a proxy to a real Immich server (IMMICH_URL), on one origin.
 */
export async function createServer(config: ServerConfig): Promise<FastifyInstance> {
  const hasBuild =
    config.staticDir !== '' && fs.existsSync(path.join(config.staticDir, 'index.html'));
  const app = config.immichUrl
    ? Fastify({ logger: false })
    : await buildApp({
        dataDir: config.dataDir,
        staticDir: hasBuild ? config.staticDir : undefined,
      });

  if (config.immichUrl) {
    await app.register(securityHeaders);
    const upstream = new URL(config.immichUrl);
    await app.register(httpProxy, {
      upstream: upstream.origin,
      prefix: '/api',
      rewritePrefix: upstream.pathname.replace(/\/$/, '') || '/api',
      http2: false,
    });
    if (hasBuild) {
      await app.register(fastifyStatic, { root: config.staticDir, wildcard: false });
      app.setNotFoundHandler((request, reply) => {
        if (request.method === 'GET' && !request.url.startsWith('/api/')) {
          return reply.type('text/html').sendFile('index.html');
        }
        return reply
          .status(404)
          .send({ message: 'Not found', error: 'Not Found', statusCode: 404 });
      });
    }
  }
  return app;
}
