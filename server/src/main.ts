import { readConfig } from './config.ts';
import { createServer } from './serve.ts';

const config = readConfig();
const server = await createServer(config);
const address = await server.listen({ port: config.port, host: config.host });
const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
if (config.immichUrl) {
  console.log(
    `Lightbox is serving the gallery on ${shown}, with /api proxied to ${config.immichUrl}`,
  );
} else {
  console.log(`Lightbox is running on ${shown}`);
  console.log(`Library data (database, originals, thumbnails): ${config.dataDir}`);
  // Say once what this machine cannot do (no ffmpeg: videos are stored and served, without posters).
  const { warnings } = await server.assetMedia.service.capabilities();
  for (const warning of warnings) console.warn(`Note: ${warning}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
