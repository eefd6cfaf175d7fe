// `npm run dev`: Vite's dev server with hot reload on PORT (default 2283), with /api
// proxied to the local server (started here on a loopback port) or to IMMICH_URL.
import { createServer as createViteServer } from 'vite';
import { readConfig } from './config.ts';
import { createServer } from './serve.ts';

const config = readConfig();
let target: string;
let rewrite: ((p: string) => string) | undefined;
let api: Awaited<ReturnType<typeof createServer>> | undefined;

if (config.immichUrl) {
  const upstream = new URL(config.immichUrl);
  target = upstream.origin;
  const base = upstream.pathname.replace(/\/$/, '') || '/api';
  rewrite = (p) => p.replace(/^\/api/, base);
} else {
  api = await createServer({ ...config, staticDir: '' });
  target = await api.listen({ port: 0, host: '127.0.0.1' });
}

const vite = await createViteServer({
  server: {
    port: config.port,
    host: config.host,
    strictPort: true,
    proxy: { '/api': { target, changeOrigin: true, ws: false, rewrite } },
  },
});
await vite.listen();
console.log(`Lightbox (dev) is running on http://localhost:${config.port}`);
console.log(config.immichUrl ? `API: ${config.immichUrl}` : `Library data: ${config.dataDir}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([vite.close(), api?.close()]).then(() => process.exit(0));
  });
}
