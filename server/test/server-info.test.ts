import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUpAdmin, type TestApp } from './helpers.ts';
import { bearer } from './accounts-helpers.ts';
import { asHumanReadable } from '../src/routes/api/server.ts';

describe('server info', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('answers the public endpoints without credentials', async () => {
    expect((await get('/api/server/ping')).json()).toEqual({ res: 'pong' });
    expect((await get('/api/server/version')).json()).toEqual({ major: 1, minor: 135, patch: 3 });
    expect((await get('/api/server/config')).json()).toMatchObject({
      isInitialized: false,
      trashDays: 30,
    });
    expect((await get('/api/server/theme')).json()).toEqual({ customCss: '' });
    const features = await get('/api/server/features');
    expect(features.statusCode).toBe(200);
    expect(Object.keys(features.json<object>()).sort()).toEqual(
      [
        'configFile',
        'duplicateDetection',
        'email',
        'facialRecognition',
        'importFaces',
        'map',
        'oauth',
        'oauthAutoLaunch',
        'passwordLogin',
        'reverseGeocoding',
        'search',
        'sidecar',
        'smartSearch',
        'trash',
      ].sort(),
    );
    expect(features.json()).toMatchObject({
      passwordLogin: true,
      trash: true,
      oauth: false,
      smartSearch: false,
    });
  });

  it('lists the media types Immich 1.135 accepts', async () => {
    const response = await get('/api/server/media-types');
    expect(response.statusCode).toBe(200);
    const { image, video, sidecar } = response.json<{
      image: string[];
      video: string[];
      sidecar: string[];
    }>();
    expect(sidecar).toEqual(['.xmp']);
    expect(image).toHaveLength(47);
    expect(video).toEqual([
      '.3gp',
      '.3gpp',
      '.avi',
      '.flv',
      '.insv',
      '.m2t',
      '.m2ts',
      '.m4v',
      '.mkv',
      '.mov',
      '.mp4',
      '.mpe',
      '.mpeg',
      '.mpg',
      '.mts',
      '.vob',
      '.webm',
      '.wmv',
    ]);
    for (const ext of [
      '.jpg',
      '.jpeg',
      '.jpe',
      '.png',
      '.webp',
      '.heic',
      '.avif',
      '.dng',
      '.cr3',
      '.jxl',
      '.jp2',
      '.tiff',
      '.insp',
      '.svg',
      '.bmp',
      '.gif',
      '.psd',
    ]) {
      expect(image).toContain(ext);
    }
    expect(image.slice(0, 3)).toEqual(['.3fr', '.ari', '.arw']);
    expect(new Set(image).size).toBe(image.length);
  });

  it('serves /.well-known/immich at the root, pointing at /api', async () => {
    const response = await get('/.well-known/immich');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ api: { endpoint: '/api' } });
  });

  it('answers about and storage to signed-in users only', async () => {
    expect((await get('/api/server/about')).statusCode).toBe(401);
    expect((await get('/api/server/storage')).statusCode).toBe(401);
    const token = await signUpAdmin(t.app);
    const about = await get('/api/server/about', bearer(token));
    expect(about.statusCode).toBe(200);
    expect(about.json()).toMatchObject({
      version: 'v1.135.3',
      versionUrl: 'https://github.com/immich-app/immich/releases/tag/v1.135.3',
      licensed: false,
      nodejs: process.version,
    });
    const storage = await get('/api/server/storage', bearer(token));
    expect(storage.statusCode).toBe(200);
    const disk = storage.json<Record<string, number | string>>();
    expect(disk.diskSizeRaw).toBeGreaterThan(0);
    expect(Number(disk.diskUseRaw) + Number(disk.diskAvailableRaw)).toBeLessThanOrEqual(
      Number(disk.diskSizeRaw),
    );
    expect(disk.diskUsagePercentage).toBeGreaterThanOrEqual(0);
    expect(disk.diskUsagePercentage).toBeLessThanOrEqual(100);
    expect(String(disk.diskSize)).toMatch(/^\d+(\.\d)? (B|KiB|MiB|GiB|TiB|PiB|EiB)$/);
  });

  it('formats sizes as Immich does', () => {
    expect(asHumanReadable(0)).toBe('0 B');
    expect(asHumanReadable(1023)).toBe('1023 B');
    expect(asHumanReadable(1024)).toBe('1.0 KiB');
    expect(asHumanReadable(1536 * 1024 * 1024)).toBe('1.5 GiB');
  });
});
