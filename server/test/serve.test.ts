import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../src/serve.ts';
import { readConfig } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers.ts';

describe('npm start server', () => {
  let upstream: TestApp;
  let upstreamUrl: string;
  let staticDir: string;
  const servers: FastifyInstance[] = [];

  beforeAll(async () => {
    upstream = await createTestApp();
    upstreamUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
    staticDir = mkdtempSync(path.join(tmpdir(), 'lightbox-static-'));
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>Lightbox test build</title>',
    );
    writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    // What the build's precompress step writes beside a script.
    writeFileSync(
      path.join(staticDir, 'assets', 'app-abc123.js.br'),
      brotliCompressSync('console.log(1)'),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await upstream.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('reads PORT, LIGHTBOX_DATA and IMMICH_URL, and rejects a bad port', () => {
    const config = readConfig({
      PORT: '3000',
      LIGHTBOX_DATA: '/tmp/x',
      IMMICH_URL: 'https://h/api',
    });
    expect(config).toMatchObject({ port: 3000, dataDir: '/tmp/x', immichUrl: 'https://h/api' });
    expect(readConfig({}).port).toBe(2283);
    expect(() => readConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('serves the gallery and the local API on one origin, with index.html for app routes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-serve-'));
    const server = await createServer({
      ...readConfig({}),
      dataDir,
      staticDir,
      immichUrl: undefined,
    });
    servers.push(server);
    const page = await server.inject({ method: 'GET', url: '/photos/some-id' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lightbox test build');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const bundle = await server.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(bundle.headers['cache-control']).toContain('immutable');
    expect(bundle.headers['content-encoding']).toBeUndefined();
    expect(bundle.body).toBe('console.log(1)');
    const compressed = await server.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe('console.log(1)');
    expect((await server.inject({ method: 'GET', url: '/api/server/ping' })).json()).toEqual({
      res: 'pong',
    });
    const unknownApi = await server.inject({ method: 'GET', url: '/api/nope' });
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.json()).toMatchObject({ statusCode: 404 });
  });

  it('proxies /api to IMMICH_URL instead of running the local server', async () => {
    const server = await createServer({
      ...readConfig({}),
      staticDir,
      immichUrl: `${upstreamUrl}/api`,
    });
    servers.push(server);
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    const ping = await fetch(`${url}/api/server/ping`);
    expect(await ping.json()).toEqual({ res: 'pong' });
    const config = await fetch(`${url}/api/server/config`);
    expect(await config.json()).toMatchObject({ isInitialized: false });
    const page = await fetch(`${url}/photos/x`);
    expect(await page.text()).toContain('Lightbox test build');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
