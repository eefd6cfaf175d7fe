import path from 'node:path';

export interface ServerConfig {
  /** Port the gallery and API listen on. */
  port: number;
  /** Interface to bind; 0.0.0.0 so phones on the LAN can reach it. */
  host: string;
  /** Folder holding the database, the originals and the generated files. */
  dataDir: string;
  /** When set, the gallery proxies /api to this Immich server instead of running the local one. */
  immichUrl: string | undefined;
  /** Built front end to serve (vite build output). */
  staticDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 2283);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.LIGHTBOX_DATA ?? 'data'),
    immichUrl: env.IMMICH_URL?.trim() || undefined,
    staticDir: path.resolve(env.LIGHTBOX_STATIC ?? 'dist'),
  };
}
