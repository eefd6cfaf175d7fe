import { statfs } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { mimeTypes } from '../../storage/mime-types.ts';

/** The Immich version whose API this server implements. */
export const SERVER_VERSION = { major: 1, minor: 135, patch: 3 } as const;

const versionTag = `v${SERVER_VERSION.major}.${SERVER_VERSION.minor}.${SERVER_VERSION.patch}`;

/**
 * ServerFeaturesDto: what this server really offers. No machine learning, map, OAuth, e-mail or
 * search endpoints here; trash and XMP sidecars are supported.
 */
export const SERVER_FEATURES = {
  smartSearch: false,
  facialRecognition: false,
  duplicateDetection: false,
  map: false,
  reverseGeocoding: false,
  importFaces: false,
  sidecar: true,
  search: false,
  trash: true,
  oauth: false,
  oauthAutoLaunch: false,
  passwordLogin: true,
  configFile: false,
  email: false,
} as const;

/** Immich's byte formatting for the storage panel: binary units, one decimal. */
export function asHumanReadable(bytes: number, precision = 1): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let magnitude = 0;
  let remainder = bytes;
  while (remainder >= 1024 && magnitude + 1 < units.length) {
    magnitude += 1;
    remainder /= 1024;
  }
  return `${remainder.toFixed(magnitude === 0 ? 0 : precision)} ${units[magnitude]}`;
}

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

  app.get('/server/features', { config: { auth: 'public' } }, async () => SERVER_FEATURES);

  // The upload route accepts exactly these extensions (storage/mime-types.ts).
  app.get('/server/media-types', { config: { auth: 'public' } }, async () => ({
    image: mimeTypes.image,
    video: mimeTypes.video,
    sidecar: mimeTypes.sidecar,
  }));

  app.get('/server/theme', { config: { auth: 'public' } }, async () => ({ customCss: '' }));

  app.get('/server/about', async () => ({
    version: versionTag,
    versionUrl: `https://github.com/immich-app/immich/releases/tag/${versionTag}`,
    licensed: false,
    nodejs: process.version,
    libvips: sharp.versions.vips,
  }));

  // Space on the disk that holds the data folder.
  app.get('/server/storage', async () => {
    const disk = await statfs(app.paths.dataDir);
    const total = disk.blocks * disk.bsize;
    const free = disk.bfree * disk.bsize;
    const available = disk.bavail * disk.bsize;
    const used = total - free;
    return {
      diskSize: asHumanReadable(total),
      diskUse: asHumanReadable(used),
      diskAvailable: asHumanReadable(available),
      diskSizeRaw: total,
      diskUseRaw: used,
      diskAvailableRaw: available,
      diskUsagePercentage: total > 0 ? Number.parseFloat(((used / total) * 100).toFixed(2)) : 0,
    };
  });
}
