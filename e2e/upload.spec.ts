import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { APIRequestContext, Page, Request } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { testVideo, type Media } from './media.ts';

// Files made at run time: distinct photos (random noise, so every checksum differs),
// a short H.264 video, an XMP sidecar, and a text file the server does not accept.
let dir: string;
const made = new Map<string, Media>();

const photo = async (name: string, width: number, format: 'jpeg' | 'png' = 'jpeg') => {
  const image = sharp({
    create: {
      width,
      height: Math.round(width * 0.75),
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });
  const buffer = await (format === 'png' ? image.png() : image.jpeg({ quality: 85 })).toBuffer();
  return { name, mimeType: format === 'png' ? 'image/png' : 'image/jpeg', buffer };
};

const video = (name: string): Media => testVideo(dir, name);

const sha1 = (buffer: Buffer) => createHash('sha1').update(buffer).digest('hex');

/** Writes media to disk with a fixed modification time (the picker keeps it as File.lastModified). */
const onDisk = (media: Media, subfolder: string): string => {
  const folder = path.join(dir, subfolder);
  spawnSync('mkdir', ['-p', folder]);
  const file = path.join(folder, media.name);
  writeFileSync(file, media.buffer);
  const when = new Date('2024-05-01T10:00:00Z');
  utimesSync(file, when, when);
  return file;
};

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lightbox-upload-e2e-'));
  const all = await Promise.all([
    photo('beach.jpg', 900),
    photo('forest.jpg', 700),
    photo('diagram.png', 400, 'png'),
    photo('already-there.jpg', 600),
    photo('picked-1.jpg', 640),
    photo('picked-2.jpg', 500),
    photo('flaky.jpg', 800),
  ]);
  for (const media of [...all, video('clip.mp4')]) made.set(media.name, media);
  made.set('beach.jpg.xmp', {
    name: 'beach.jpg.xmp',
    mimeType: 'application/rdf+xml',
    buffer: Buffer.from(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
    ),
  });
  made.set('notes.txt', {
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a photo'),
  });
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const media = (name: string): Media => {
  const found = made.get(name);
  if (!found) throw new Error(`no generated file ${name}`);
  return found;
};

/** Uploads through the API, as another device would. */
async function uploadThroughApi(api: APIRequestContext, file: Media) {
  const response = await api.post('/api/assets', {
    multipart: {
      deviceAssetId: `seed-${file.name}`,
      deviceId: 'e2e-seed',
      fileCreatedAt: '2024-01-01T00:00:00.000Z',
      fileModifiedAt: '2024-01-01T00:00:00.000Z',
      assetData: { name: file.name, mimeType: file.mimeType, buffer: file.buffer },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** The server's asset id for each checksum (POST /assets/bulk-upload-check names the duplicate). */
async function assetIdsByChecksum(api: APIRequestContext, files: Media[]) {
  const response = await api.post('/api/assets/bulk-upload-check', {
    data: { assets: files.map((f) => ({ id: f.name, checksum: sha1(f.buffer) })) },
  });
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as {
    results: { id: string; action: string; assetId?: string }[];
  };
  return new Map(results.map((r) => [r.id, r.action === 'reject' ? r.assetId : undefined]));
}

async function assetTotal(api: APIRequestContext): Promise<number> {
  const response = await api.get('/api/assets/statistics');
  return ((await response.json()) as { total: number }).total;
}

/** A real drop: a DataTransfer built in the page, dispatched as dragenter, dragover and drop. */
async function dropFiles(page: Page, files: Media[], lastModified: number) {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.mimeType,
    base64: f.buffer.toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle(
    ({ payload, lastModified }) => {
      const data = new DataTransfer();
      for (const f of payload) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type, lastModified }));
      }
      return data;
    },
    { payload, lastModified },
  );
  const target = page.getByRole('main');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByText('Drop to upload')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Drop to upload')).toBeHidden();
}

const panelOf = (page: Page) => page.getByRole('region', { name: 'Uploads' });
const row = (page: Page, name: string) =>
  panelOf(page).getByRole('listitem', { name, exact: true });

const isAssetUpload = (request: Request) =>
  request.method() === 'POST' && new URL(request.url()).pathname === '/api/assets';

test.describe('upload', () => {
  // Each test uploads real files through hashing, checks and the server's media pipeline.
  test.describe.configure({ timeout: 120_000 });

  test('dropped photos, a video, a duplicate and an unsupported file each get their outcome; originals are byte-identical', async ({
    page,
    api,
    signedIn: _signedIn,
  }) => {
    await uploadThroughApi(api, media('already-there.jpg'));
    await page.goto('/');
    await expect(
      page.getByRole('banner').getByRole('button', { name: 'Upload', exact: true }),
    ).toBeVisible();
    const tiles = page.getByRole('gridcell', { name: /^(Photo|Video) taken/ });
    await expect(tiles).toHaveCount(1);

    const dropped = [
      'beach.jpg',
      'beach.jpg.xmp',
      'forest.jpg',
      'diagram.png',
      'clip.mp4',
      'already-there.jpg',
      'notes.txt',
    ].map(media);
    await dropFiles(page, dropped, Date.UTC(2024, 4, 1));

    const panel = panelOf(page);
    await expect(panel.getByRole('status')).toHaveText(
      /Upload finished: 4 uploaded, 1 duplicate, 1 skipped, 0 failed\./,
      { timeout: 30_000 },
    );
    for (const name of ['beach.jpg', 'forest.jpg', 'diagram.png', 'clip.mp4']) {
      await expect(row(page, name)).toContainText('Uploaded');
    }
    await expect(row(page, 'already-there.jpg')).toContainText('Duplicate');
    await expect(row(page, 'already-there.jpg')).toContainText('Already in the library');
    await expect(row(page, 'notes.txt')).toContainText('Skipped');
    await expect(row(page, 'notes.txt')).toContainText('Unsupported file type (.txt)');
    // The sidecar went with its photo instead of being listed on its own.
    await expect(row(page, 'beach.jpg.xmp')).toHaveCount(0);
    const overall = panel.getByRole('progressbar', { name: 'Overall upload progress' });
    await expect(overall).toHaveAttribute('aria-valuenow', '100');
    // The timeline shows the new photos and the video without a reload.
    await expect(tiles).toHaveCount(5);
    await expect(page.getByRole('gridcell', { name: /^Video taken/ })).toHaveCount(1);

    // What the server keeps is exactly what was dropped.
    const uploaded = ['beach.jpg', 'forest.jpg', 'diagram.png', 'clip.mp4'].map(media);
    const ids = await assetIdsByChecksum(api, uploaded);
    for (const file of uploaded) {
      const id = ids.get(file.name);
      expect(id, `${file.name} is on the server`).toBeTruthy();
      const original = await api.get(`/api/assets/${id}/original`);
      expect(original.status()).toBe(200);
      expect(Buffer.compare(await original.body(), file.buffer), `${file.name} bytes`).toBe(0);
    }
    expect(await assetTotal(api)).toBe(5);

    // This browser's device id lists exactly the four uploads.
    const deviceId = await page.evaluate(() => localStorage.getItem('lightbox.deviceId'));
    expect(deviceId).toMatch(/^WEB-/);
    const onDevice = await api.get(`/api/assets/device/${deviceId}`);
    expect(((await onDevice.json()) as string[]).sort()).toEqual(
      uploaded.map((f) => `web-${f.name}-${Date.UTC(2024, 4, 1)}`).sort(),
    );
  });

  test('picked files upload; the same files again are all duplicates and send no file bytes', async ({
    page,
    api,
    signedIn: _signedIn,
  }) => {
    const files = ['picked-1.jpg', 'picked-2.jpg', 'clip.mp4'].map(media);
    const paths = files.map((f) => onDisk(f, 'picked'));
    const assetPosts: string[] = [];
    /** Checksums sent in each POST /assets/bulk-upload-check. */
    const checks: string[][] = [];
    page.on('request', (request) => {
      if (isAssetUpload(request)) assetPosts.push(request.url());
      if (new URL(request.url()).pathname === '/api/assets/bulk-upload-check') {
        const body = request.postDataJSON() as { assets: { checksum: string }[] };
        checks.push(body.assets.map((a) => a.checksum));
      }
    });
    const checksums = files.map((f) => sha1(f.buffer)).sort();
    await page.goto('/');

    await page.getByLabel('Upload files').setInputFiles(paths);
    const panel = panelOf(page);
    await expect(panel.getByRole('status')).toHaveText(
      /3 uploaded, 0 duplicates, 0 skipped, 0 failed/,
      {
        timeout: 30_000,
      },
    );
    expect(assetPosts).toHaveLength(3);
    // Checked in batches: each checksum once, fewer requests than files.
    expect(checks.flat().sort()).toEqual(checksums);
    expect(checks.length).toBeLessThan(3);
    await panel.getByRole('button', { name: 'Close uploads' }).click();
    await expect(panel).toBeHidden();

    // Same files, same modification times: recognised by deviceAssetId, not even read.
    assetPosts.length = 0;
    checks.length = 0;
    await page.getByLabel('Upload files').setInputFiles(paths);
    await expect(panel.getByRole('status')).toHaveText(
      /0 uploaded, 3 duplicates, 0 skipped, 0 failed/,
      {
        timeout: 30_000,
      },
    );
    for (const f of files)
      await expect(row(page, f.name)).toContainText('Already uploaded from this browser');
    expect(checks).toHaveLength(0);
    await panel.getByRole('button', { name: 'Close uploads' }).click();

    // Same bytes under new modification times: hashed, and the server reports duplicates.
    await dropFiles(page, files, Date.UTC(2025, 0, 1));
    await expect(panel.getByRole('status')).toHaveText(
      /0 uploaded, 3 duplicates, 0 skipped, 0 failed/,
      {
        timeout: 30_000,
      },
    );
    for (const f of files) await expect(row(page, f.name)).toContainText('Already in the library');
    expect(checks.flat().sort()).toEqual(checksums);
    expect(assetPosts).toHaveLength(0);
    expect(await assetTotal(api)).toBe(3);
  });

  test('a cut connection shows the file failed with a retry; the retry stores exactly one copy', async ({
    page,
    api,
    signedIn: _signedIn,
  }) => {
    let cut = true;
    let attempts = 0;
    await page.route('**/api/assets', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      attempts++;
      if (cut) return route.abort('connectionreset');
      return route.fallback();
    });
    await page.goto('/');
    const file = media('flaky.jpg');
    await page
      .getByLabel('Upload files')
      .setInputFiles([{ name: file.name, mimeType: file.mimeType, buffer: file.buffer }]);

    // The automatic retries (network errors are retried with backoff) all fail too.
    await expect(row(page, 'flaky.jpg')).toContainText('Failed', { timeout: 30_000 });
    expect(attempts).toBe(3);
    await expect(panelOf(page).getByRole('status')).toHaveText(
      /0 uploaded, 0 duplicates, 0 skipped, 1 failed/,
    );
    await expect(panelOf(page).getByRole('list', { name: 'Failed uploads' })).toContainText(
      'flaky.jpg: Cannot reach the server',
    );
    expect(await assetTotal(api)).toBe(0);

    cut = false;
    await row(page, 'flaky.jpg').getByRole('button', { name: 'Retry flaky.jpg' }).click();
    await expect(row(page, 'flaky.jpg')).toContainText('Uploaded', { timeout: 30_000 });
    await expect(panelOf(page).getByRole('status')).toHaveText(
      /1 uploaded, 0 duplicates, 0 skipped, 0 failed/,
    );
    expect(await assetTotal(api)).toBe(1);
    const ids = await assetIdsByChecksum(api, [file]);
    const original = await api.get(`/api/assets/${ids.get(file.name)}/original`);
    expect(Buffer.compare(await original.body(), file.buffer)).toBe(0);
  });

  test('a picked folder uploads every file in its subfolders; pasted files upload too', async ({
    page,
    api,
    signedIn: _signedIn,
  }) => {
    onDisk(media('beach.jpg'), 'Trip');
    onDisk(media('forest.jpg'), 'Trip/Day 2');
    onDisk(media('clip.mp4'), 'Trip/Day 2/Videos');
    onDisk(media('notes.txt'), 'Trip');
    await page.goto('/');
    await page.getByLabel('Choose a folder to upload').setInputFiles(path.join(dir, 'Trip'));
    const panel = panelOf(page);
    await expect(panel.getByRole('status')).toHaveText(
      /3 uploaded, 0 duplicates, 1 skipped, 0 failed/,
      {
        timeout: 30_000,
      },
    );
    for (const name of ['Trip/beach.jpg', 'Trip/Day 2/forest.jpg', 'Trip/Day 2/Videos/clip.mp4']) {
      await expect(row(page, name)).toContainText('Uploaded');
    }
    await expect(row(page, 'Trip/notes.txt')).toContainText('Skipped');
    await panel.getByRole('button', { name: 'Close uploads' }).click();

    // A paste with a file (a screenshot from the clipboard), with nothing focused.
    const pasted = media('diagram.png');
    await page.evaluate(
      ({ name, type, base64 }) => {
        const data = new DataTransfer();
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], name, { type }));
        document.body.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      { name: pasted.name, type: pasted.mimeType, base64: pasted.buffer.toString('base64') },
    );
    await expect(row(page, 'diagram.png')).toContainText('Uploaded', { timeout: 30_000 });
    expect(await assetTotal(api)).toBe(4);
  });

  test('leaving the page while uploading asks for confirmation', async ({
    page,
    signedIn: _signedIn,
  }) => {
    // Hold the upload so the queue stays busy.
    await page.route('**/api/assets', (route) =>
      route.request().method() === 'POST' ? new Promise(() => undefined) : route.fallback(),
    );
    await page.goto('/');
    const file = media('forest.jpg');
    await page
      .getByLabel('Upload files')
      .setInputFiles([{ name: file.name, mimeType: file.mimeType, buffer: file.buffer }]);
    await expect(row(page, 'forest.jpg')).toContainText('Uploading');
    // The dialog only appears after a user gesture on the page.
    await page.getByRole('heading', { name: /Uploading/ }).click();
    const dialog = page.waitForEvent('dialog');
    void page.reload().catch(() => undefined);
    const shown = await dialog;
    expect(shown.type()).toBe('beforeunload');
    await shown.dismiss();
    await expect(row(page, 'forest.jpg')).toContainText('Uploading');
  });
});
