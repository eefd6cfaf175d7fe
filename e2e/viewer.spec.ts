import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { testVideo, uploadTaken, type Media } from './media.ts';

// The viewer, end to end: real server, real Chromium, media made at run time.

interface AssetInfo {
  id: string;
  originalFileName: string;
  isFavorite: boolean;
  isTrashed: boolean;
  exifInfo?: { description?: string | null; rating?: number | null };
}

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lightbox-viewer-e2e-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A JPEG of random noise (every checksum differs), `width`×`height` as stored. */
async function jpeg(name: string, width = 640, height = 480, orientation?: number): Promise<Media> {
  let image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  }).jpeg({ quality: 85 });
  if (orientation) image = image.withMetadata({ orientation });
  return { name, mimeType: 'image/jpeg', buffer: await image.toBuffer() };
}

/** An H.264 test pattern with faststart, `seconds` long. */
const mp4 = (name: string, seconds: number): Media =>
  testVideo(dir, name, { seconds, baseline: true });

const upload = (api: APIRequestContext, media: Media, takenAt: string) =>
  uploadTaken(api, media, takenAt);

async function info(api: APIRequestContext, id: string): Promise<AssetInfo> {
  const response = await api.get(`/api/assets/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as AssetInfo;
}

/** The viewer is a modal dialog named after the asset's file. */
const viewer = (page: Page, fileName?: string) =>
  page.getByRole('dialog', fileName ? { name: fileName, exact: true } : undefined);

/** Opens the viewer by its address (a deep link) and waits for the asset's name. */
async function openViewer(page: Page, id: string, fileName: string): Promise<void> {
  await page.goto(`/photos/${id}`);
  // The first load also fetches the app's code and the session: allow for a busy machine.
  await expect(viewer(page, fileName)).toBeVisible({ timeout: 30_000 });
}

/** Natural size of the photo the viewer shows, once it has loaded. */
async function shownSize(photo: Locator): Promise<{ width: number; height: number }> {
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  return photo.evaluate((img: HTMLImageElement) => ({
    width: img.naturalWidth,
    height: img.naturalHeight,
  }));
}

test.describe('viewer', () => {
  // Uploads, media generation and a browser per test: allow for a busy machine.
  test.describe.configure({ timeout: 120_000 });
  test('opens a photo from the grid, goes next and back by keyboard across months', async ({
    page,
    api,
    signedIn: _signedIn,
  }) => {
    await upload(api, await jpeg('newest.jpg'), '2024-03-20T10:00:00.000Z');
    await upload(api, await jpeg('middle.jpg'), '2024-03-02T10:00:00.000Z');
    await upload(api, await jpeg('oldest.jpg'), '2024-02-11T10:00:00.000Z');
    await page.goto('/');
    const first = page.getByRole('gridcell', { name: /^Photo taken/ }).first();
    await first.click();
    await expect(viewer(page, 'newest.jpg')).toBeVisible();
    await expect(page).toHaveURL(/\/photos\//);

    await page.keyboard.press('ArrowRight');
    await expect(viewer(page, 'middle.jpg')).toBeVisible();
    // Across the month boundary (March → February).
    await page.keyboard.press('ArrowRight');
    await expect(viewer(page, 'oldest.jpg')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Next', exact: true })).toHaveCount(0);
    await page.keyboard.press('ArrowLeft');
    await expect(viewer(page, 'middle.jpg')).toBeVisible();

    // Tab cycles through the viewer's controls and never reaches the page behind it.
    const focusInViewer = () =>
      page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInViewer()).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInViewer()).toBe(true);
    // `?` lists the viewer's keys.
    await page.keyboard.press('?');
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(keys.getByText('Next photo or video')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(keys).toHaveCount(0);
    await expect(viewer(page, 'middle.jpg')).toBeVisible();

    // Escape closes the viewer and the grid is back.
    await page.keyboard.press('Escape');
    await expect(viewer(page)).toHaveCount(0);
    await expect(page.getByRole('gridcell', { name: /^Photo taken/ })).toHaveCount(3);
    // So does Back, however many photos were seen: moving between them adds no history.
    await page
      .getByRole('gridcell', { name: /^Photo taken/ })
      .first()
      .click();
    await expect(viewer(page, 'newest.jpg')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(viewer(page, 'middle.jpg')).toBeVisible();
    await page.goBack();
    await expect(viewer(page)).toHaveCount(0);
    await expect(page.getByRole('gridcell', { name: /^Photo taken/ })).toHaveCount(3);
  });

  test('favourites a photo and the grid shows the heart', async ({ page, api, signedIn: _ }) => {
    const id = await upload(api, await jpeg('heart.jpg'), '2024-05-01T08:00:00.000Z');
    await page.goto('/');
    await page.getByRole('gridcell', { name: /^Photo taken/ }).click();
    await expect(viewer(page, 'heart.jpg')).toBeVisible();
    await page.keyboard.press('f');
    await expect(page.getByRole('button', { name: 'Favorite' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('status').filter({ hasText: 'Added to favorites' })).toBeVisible();
    await expect.poll(async () => (await info(api, id)).isFavorite).toBe(true);
    await page.getByRole('button', { name: 'Close viewer' }).click();
    await expect(page.getByRole('gridcell', { name: /, favorite$/ })).toBeVisible();
  });

  test('edits the description and rating, and they stay after a reload', async ({
    page,
    api,
    signedIn: _,
  }) => {
    const id = await upload(api, await jpeg('notes.jpg'), '2024-05-02T08:00:00.000Z');
    await openViewer(page, id, 'notes.jpg');
    await page.keyboard.press('i');
    const description = page.getByRole('textbox', { name: 'Description' });
    await description.fill('Sunset over the harbour');
    await description.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Description saved' })).toBeVisible();
    await page.getByRole('radio', { name: '4 stars' }).check({ force: true });
    await expect(page.getByRole('status').filter({ hasText: 'Rated 4 of 5' })).toBeVisible();
    await expect.poll(async () => (await info(api, id)).exifInfo?.rating).toBe(4);

    await page.reload();
    await expect(viewer(page, 'notes.jpg')).toBeVisible();
    await page.getByRole('button', { name: 'Details' }).click();
    await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue(
      'Sunset over the harbour',
    );
    await expect(page.getByRole('radio', { name: '4 stars' })).toBeChecked();
    expect((await info(api, id)).exifInfo?.description).toBe('Sunset over the harbour');
  });

  test('edits the date with its time zone and the location, and archives', async ({
    page,
    api,
    signedIn: _,
  }) => {
    const id = await upload(api, await jpeg('trip.jpg'), '2024-05-03T08:00:00.000Z');
    await openViewer(page, id, 'trip.jpg');
    await page.keyboard.press('t');
    const dateDialog = page.getByRole('dialog', { name: 'Edit date and time' });
    await dateDialog.getByLabel('Date and time').fill('2021-07-14T21:30:15');
    await dateDialog.getByLabel('Time zone').selectOption({ label: 'UTC+02:00' });
    await dateDialog.getByRole('button', { name: 'Save' }).click();
    await expect(dateDialog).toHaveCount(0);
    await expect
      .poll(
        async () => ((await info(api, id)) as unknown as { fileCreatedAt: string }).fileCreatedAt,
      )
      .toBe('2021-07-14T19:30:15.000Z');
    await page.keyboard.press('i');
    await expect(page.getByText('(UTC+02:00)')).toBeVisible();
    await expect(page.getByText(/July 14, 2021|14 July 2021/)).toBeVisible();

    await page.keyboard.press('g');
    const placeDialog = page.getByRole('dialog', { name: 'Edit location' });
    await placeDialog.getByLabel('Latitude').fill('95');
    await placeDialog.getByLabel('Longitude').fill('2.2945');
    await placeDialog.getByRole('button', { name: 'Save' }).click();
    // A bad value is explained in place and nothing is sent.
    await expect(placeDialog.getByText('Enter a latitude between -90 and 90.')).toBeVisible();
    await placeDialog.getByLabel('Latitude').fill('48.8584');
    await placeDialog.getByRole('button', { name: 'Save' }).click();
    await expect(placeDialog).toHaveCount(0);
    const map = page.getByRole('link', { name: /48\.85840° N, 2\.29450° E/ });
    await expect(map).toBeVisible();
    expect(new URL((await map.getAttribute('href')) ?? '').hostname).toBe('www.openstreetmap.org');

    await page.keyboard.press('a');
    await expect(page.getByRole('status').filter({ hasText: 'Archived' })).toBeVisible();
    await expect
      .poll(async () => ((await info(api, id)) as unknown as { visibility: string }).visibility)
      .toBe('archive');
  });

  test('replaces the file and refreshes the metadata', async ({ page, api, signedIn: _ }) => {
    const id = await upload(api, await jpeg('draft.jpg'), '2024-05-04T08:00:00.000Z');
    const final = await jpeg('final.jpg', 800, 600);
    await openViewer(page, id, 'draft.jpg');
    await page.getByLabel('Replacement file').setInputFiles({
      name: final.name,
      mimeType: final.mimeType,
      buffer: final.buffer,
    });
    await expect(
      page.getByRole('status').filter({ hasText: 'Replaced with final.jpg' }),
    ).toBeVisible();
    await expect
      .poll(async () =>
        (await (await api.get(`/api/assets/${id}/original`)).body()).equals(final.buffer),
      )
      .toBe(true);

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('button', { name: 'Refresh metadata' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Refreshing the metadata' }),
    ).toBeVisible();
  });

  test('plays a video and seeks it', async ({ page, api, signedIn: _ }) => {
    const clip = mp4('clip.mp4', 6);
    const id = await upload(api, clip, '2024-06-01T12:00:00.000Z');
    const ranged = page.waitForResponse(
      (response) =>
        response.url().includes(`/assets/${id}/video/playback`) && response.status() === 206,
    );
    await openViewer(page, id, 'clip.mp4');
    const video = viewer(page, 'clip.mp4').getByLabel('Video: clip.mp4');
    await expect(video).toBeVisible();
    await ranged; // the browser streams with Range requests
    // Frames decode (not just audio or a poster).
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await video.evaluate((v: HTMLVideoElement) => {
      v.pause();
      v.currentTime = 4;
    });
    await expect
      .poll(() =>
        video.evaluate((v: HTMLVideoElement) => !v.seeking && v.readyState >= 2 && v.currentTime),
      )
      .toBeCloseTo(4, 0);
    // Shift+← goes back 5 s (clamped at the start).
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(1);
    // The loop toggle is a pressed/unpressed button, remembered by the video.
    const loop = page.getByRole('button', { name: 'Loop' });
    await loop.click();
    await expect(loop).toHaveAttribute('aria-pressed', 'true');
    expect(await video.evaluate((v: HTMLVideoElement) => v.loop)).toBe(true);
  });

  test("plays a live photo's motion part while the pointer is on its button", async ({
    page,
    api,
    signedIn: _,
  }) => {
    const still = await upload(api, await jpeg('live.jpg'), '2024-06-02T12:00:00.000Z');
    const motion = await upload(api, mp4('live.mp4', 2), '2024-06-02T12:00:00.000Z');
    const linked = await api.put(`/api/assets/${still}`, { data: { livePhotoVideoId: motion } });
    expect(linked.status(), await linked.text()).toBe(200);
    await openViewer(page, still, 'live.jpg');
    const play = page.getByRole('button', { name: 'Play motion' });
    await expect(play).toHaveAttribute('aria-pressed', 'false');
    await play.hover();
    await expect(play).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(
        () =>
          viewer(page, 'live.jpg').evaluate((dialog) => {
            const video = dialog.querySelector('video');
            return video ? video.videoWidth : 0;
          }),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await page.mouse.move(5, 400);
    await expect(play).toHaveAttribute('aria-pressed', 'false');
  });

  test('downloads the original with its name and bytes', async ({ page, api, signedIn: _ }) => {
    const photo = await jpeg('Holiday Photo (1).jpg');
    const id = await upload(api, photo, '2024-07-01T12:00:00.000Z');
    await openViewer(page, id, 'Holiday Photo (1).jpg');
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download original' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Holiday Photo (1).jpg');
    const saved = readFileSync(await download.path());
    expect(saved.equals(photo.buffer)).toBe(true);
  });

  test('moves to the trash with Undo, and restores from the trash', async ({
    page,
    api,
    signedIn: _,
  }) => {
    const id = await upload(api, await jpeg('bin.jpg'), '2024-08-01T12:00:00.000Z');
    await openViewer(page, id, 'bin.jpg');
    await page.keyboard.press('Delete');
    const toast = page.getByRole('status').filter({ hasText: 'Moved to trash' });
    await expect(toast).toBeVisible();
    // The pointer on the toast holds it open while the server is asked.
    await toast.hover();
    await expect.poll(async () => (await info(api, id)).isTrashed).toBe(true);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await info(api, id)).isTrashed).toBe(false);

    // Trashed again, then restored from the viewer opened on the trashed photo.
    expect((await api.delete('/api/assets', { data: { ids: [id] } })).status()).toBe(204);
    await openViewer(page, id, 'bin.jpg');
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Restored from the trash' }),
    ).toBeVisible();
    await expect.poll(async () => (await info(api, id)).isTrashed).toBe(false);
  });

  test('deletes permanently after a confirmation', async ({ page, api, signedIn: _ }) => {
    const id = await upload(api, await jpeg('gone.jpg'), '2024-09-01T12:00:00.000Z');
    await openViewer(page, id, 'gone.jpg');
    await page.keyboard.press('Shift+Delete');
    const confirm = page.getByRole('dialog', { name: 'Delete permanently?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Delete permanently' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'deleted permanently' })).toBeVisible();
    await expect.poll(async () => (await api.get(`/api/assets/${id}`)).status()).toBe(400);

    // Its address now says so, with a way back.
    await page.goto(`/photos/${id}`);
    await expect(page.getByText('This photo is not available')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Back to the photos' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('shows an EXIF orientation 6 photo upright in the grid and the viewer', async ({
    page,
    api,
    signedIn: _,
  }) => {
    // Stored 600×400 (landscape) with orientation 6: upright it is portrait.
    const id = await upload(
      api,
      await jpeg('rotated.jpg', 600, 400, 6),
      '2024-10-01T12:00:00.000Z',
    );
    await page.goto('/');
    const tile = page.getByRole('gridcell', { name: /^Photo taken/ });
    await expect
      .poll(
        () =>
          tile.evaluate((cell) => {
            const img = cell.querySelector('img');
            return img?.complete && img.naturalWidth > 0
              ? img.naturalHeight > img.naturalWidth
              : null;
          }),
        // The thumbnail is made after the upload: give a busy machine time.
        { timeout: 30_000 },
      )
      .toBe(true);

    await openViewer(page, id, 'rotated.jpg');
    const photo = viewer(page, 'rotated.jpg').getByRole('img', { name: 'rotated.jpg' });
    const preview = await shownSize(photo);
    expect(preview.height).toBeGreaterThan(preview.width);
    // Zoomed in, the full-size image (here the original, rotated by the browser) is upright too.
    await photo.dblclick();
    await expect(photo).toHaveAttribute('data-resolution', 'full');
    const full = await shownSize(photo);
    expect(full.height).toBeGreaterThan(full.width);
    expect(full).toEqual({ width: 400, height: 600 });
  });

  test('a shared link shows the asset to a visitor, and nothing else', async ({
    page,
    api,
    browser,
    signedIn: _,
  }) => {
    const id = await upload(api, await jpeg('shared.jpg'), '2024-11-01T12:00:00.000Z');
    const privateId = await upload(api, await jpeg('private.jpg'), '2024-11-02T12:00:00.000Z');
    await openViewer(page, id, 'shared.jpg');
    await page.getByRole('button', { name: 'Share' }).click();
    const share = page.getByRole('dialog', { name: 'Share' });
    await share.getByRole('button', { name: 'Create link' }).click();
    const urlBox = share.getByRole('textbox', { name: 'Shared link' });
    await expect(urlBox).toHaveValue(/\/share\//);
    const url = await urlBox.inputValue();

    const visitor = await browser.newContext();
    try {
      const guest = await visitor.newPage();
      await guest.goto(url);
      const shown = viewer(guest, 'shared.jpg');
      await expect(shown).toBeVisible({ timeout: 30_000 });
      const size = await shownSize(shown.getByRole('img', { name: 'shared.jpg' }));
      expect(size.width).toBeGreaterThan(0);
      // Read-only, and no way into the library.
      await expect(guest.getByRole('button', { name: 'Favorite' })).toHaveCount(0);
      await expect(guest.getByRole('button', { name: 'Move to trash' })).toHaveCount(0);
      await expect(guest.getByRole('button', { name: 'Close viewer' })).toHaveCount(0);
      await expect(guest.getByRole('navigation')).toHaveCount(0);
      await expect(guest.getByRole('button', { name: 'Next', exact: true })).toHaveCount(0);
      // Another asset of the same owner is not reachable through the link.
      await guest.goto(`${url}/photos/${privateId}`);
      await expect(guest.getByText('This photo is not available')).toBeVisible({ timeout: 30_000 });
      await expect(guest.getByRole('img', { name: 'private.jpg' })).toHaveCount(0);
    } finally {
      await visitor.close();
    }
  });

  test('a missing asset says so instead of loading forever', async ({ page, signedIn: _ }) => {
    await page.goto(`/photos/${randomUUID()}`);
    await expect(page.getByText('This photo is not available')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Back to the photos' })).toBeVisible();
  });
});
