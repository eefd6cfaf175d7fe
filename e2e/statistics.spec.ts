import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures.ts';
import { testVideo, uploadTaken, type Media } from './media.ts';

// The shared test machine can be very busy (several suites at once on two cores): give the
// page more time than the default to show what it will show. These are not speed checks.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

// The statistics dashboard against a real server: a library of generated photos and a video
// with known dates, one favourite, one archived and one trashed; numbers checked on the page.

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lightbox-stats-e2e-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A small JPEG of random noise (so every checksum differs), with an EXIF date if given. */
async function jpeg(name: string, exifDate?: string): Promise<Media> {
  let image = sharp({
    create: {
      width: 96,
      height: 64,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  }).jpeg({ quality: 80 });
  if (exifDate) image = image.withExif({ IFD2: { DateTimeOriginal: exifDate } });
  return { name, mimeType: 'image/jpeg', buffer: await image.toBuffer() };
}

/** A one-second H.264 test pattern (no creation time in its metadata). */
const mp4 = (name: string): Media => testVideo(dir, name, { size: '160x120', rate: 10 });

/** Uploads as another device would, taken at `takenAt` (fileCreatedAt in the form). */
const upload = (api: APIRequestContext, media: Media, takenAt: string) =>
  uploadTaken(api, media, takenAt, 'e2e-seed');

async function update(api: APIRequestContext, id: string, body: Record<string, unknown>) {
  const response = await api.put(`/api/assets/${id}`, { data: body });
  expect(response.status(), await response.text()).toBe(200);
}

async function trash(api: APIRequestContext, id: string) {
  const response = await api.delete('/api/assets', { data: { ids: [id] } });
  expect(response.status(), await response.text()).toBe(204);
}

/**
 * The known library: 12 filler photos in June 2018; a photo and a video in July 2019; in 2021
 * a favourite and another photo in March and an archived photo in November; a photo dated by
 * its EXIF in August 2022; a trashed photo in May 2023.
 */
async function seedLibrary(api: APIRequestContext) {
  for (let day = 1; day <= 12; day++) {
    const dd = String(day).padStart(2, '0');
    await upload(api, await jpeg(`june-${dd}.jpg`), `2018-06-${dd}T12:00:00.000Z`);
  }
  await upload(api, await jpeg('alpha.jpg'), '2019-07-04T12:00:00.000Z');
  await upload(api, mp4('clip.mp4'), '2019-07-20T12:00:00.000Z');
  const beach = await upload(api, await jpeg('beach.jpg'), '2021-03-15T12:00:00.000Z');
  await update(api, beach, { isFavorite: true });
  await upload(api, await jpeg('city.jpg'), '2021-03-20T12:00:00.000Z');
  const snow = await upload(api, await jpeg('snow.jpg'), '2021-11-02T12:00:00.000Z');
  await update(api, snow, { visibility: 'archive' });
  await upload(api, await jpeg('exif.jpg', '2022:08:09 12:00:00'), '2022-08-09T12:00:00.000Z');
  const old = await upload(api, await jpeg('old.jpg'), '2023-05-10T12:00:00.000Z');
  await trash(api, old);
}

const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

async function expectCard(
  page: Page,
  title: string,
  { total, photos, videos }: { total: number; photos: number; videos: number },
) {
  const region = card(page, title);
  await expect(
    region.getByText(`${total} ${total === 1 ? 'item' : 'items'}`, { exact: true }),
  ).toBeVisible();
  await expect(region.getByRole('listitem')).toHaveText([
    `${photos} ${photos === 1 ? 'photo' : 'photos'}`,
    `${videos} ${videos === 1 ? 'video' : 'videos'}`,
  ]);
}

test.describe('statistics', () => {
  test('cards, shares and per-year numbers match a known library; a month bar opens that month', async ({
    page,
    api,
    signedIn: _,
  }) => {
    await seedLibrary(api);
    await page.setViewportSize({ width: 1200, height: 640 });
    await page.goto('/statistics');
    await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();

    await expectCard(page, 'All', { total: 18, photos: 17, videos: 1 });
    await expectCard(page, 'Favorites', { total: 1, photos: 1, videos: 0 });
    await expectCard(page, 'Archive', { total: 1, photos: 1, videos: 0 });
    await expectCard(page, 'Trash', { total: 1, photos: 1, videos: 0 });

    const shares = page.getByRole('region', { name: 'Where things are' });
    await expect(shares.getByText('6% of your photos and videos are favorites')).toBeVisible();
    await expect(shares.getByRole('listitem')).toHaveText([
      'In the timeline: 17 (89%)',
      'In the archive: 1 (5%)',
      'In the trash: 1 (5%)',
    ]);

    // One bar per year from the oldest to the newest not in the trash; empty years are not links.
    const years = page.getByRole('group', { name: 'Photos and videos per year' });
    await expect(years.getByRole('link')).toHaveCount(4);
    for (const name of ['2018: 12 items', '2019: 2 items', '2021: 3 items', '2022: 1 item']) {
      await expect(years.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(years.getByRole('img', { name: '2020: 0 items' })).toBeAttached();
    await expect(years.getByRole('link', { name: /^2023/ })).toHaveCount(0);
    // The newest year is chosen at first.
    await expect(years.getByRole('link', { name: '2022: 1 item' })).toHaveAttribute(
      'aria-current',
      'true',
    );

    // The table says the same, month by month.
    await page.getByText('Show the numbers as a table').click();
    const table = page.getByRole('table', { name: /Photos and videos per month/ });
    const row = (year: string) => table.getByRole('row', { name: new RegExp(`^${year} `) });
    await expect(row('2021').getByRole('cell')).toHaveText([
      '0',
      '0',
      '2',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
      '0',
      '3',
    ]);
    await expect(row('2018').getByRole('cell').last()).toHaveText('12');
    await expect(row('2020').getByRole('cell').last()).toHaveText('0');

    // Hovering a bar shows its exact number; choosing 2021 shows its months.
    const year2021 = years.getByRole('link', { name: '2021: 3 items' });
    await year2021.hover();
    await expect(page.getByText('3 items', { exact: true })).toBeVisible();
    await year2021.click();
    await expect(page).toHaveURL(/\/statistics\?year=2021$/);
    await expect(year2021).toHaveAttribute('aria-current', 'true');
    const months = page.getByRole('group', { name: 'Photos and videos per month in 2021' });
    await expect(months.getByRole('link')).toHaveCount(2);
    // November's only photo is archived: its bar opens the archive at that month.
    await expect(months.getByRole('link', { name: 'November 2021: 1 item' })).toHaveAttribute(
      'href',
      '/archive?month=2021-11',
    );
    const march = months.getByRole('link', { name: 'March 2021: 2 items' });
    await expect(march).toHaveAttribute('href', '/?month=2021-03');

    // By keyboard: focus the bar and press Enter.
    await march.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/\?month=2021-03$/);
    await expect(page.getByRole('slider', { name: 'Jump to a month' })).toHaveAttribute(
      'aria-valuetext',
      'March 2021',
    );
    await expect(page.getByRole('heading', { name: 'March 2021' })).toBeInViewport();
  });

  test('a favourite set in the viewer changes the card without a reload', async ({
    page,
    api,
    signedIn: _,
  }) => {
    const first = await upload(api, await jpeg('first.jpg'), '2020-02-02T12:00:00.000Z');
    await update(api, first, { isFavorite: true });
    await upload(api, await jpeg('second.jpg'), '2020-02-03T12:00:00.000Z');
    await upload(api, mp4('third.mp4'), '2020-02-04T12:00:00.000Z');

    await page.goto('/statistics');
    await expectCard(page, 'Favorites', { total: 1, photos: 1, videos: 0 });
    await expectCard(page, 'All', { total: 3, photos: 2, videos: 1 });
    // Marks the document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

    // Random memories show everything (fewer assets than the strip holds); open one.
    const memories = page.getByRole('region', { name: 'Random memories' });
    await expect(memories.getByRole('link')).toHaveCount(3);
    await memories.getByRole('button', { name: 'Shuffle' }).click();
    await expect(memories.getByRole('link')).toHaveCount(3);
    await memories.getByRole('link', { name: /^second\.jpg, photo taken/ }).click();
    await expect(page.getByRole('dialog', { name: 'second.jpg', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Favorite' }).click();
    await expect(page.getByRole('button', { name: 'Favorite' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.getByRole('button', { name: 'Close viewer' }).click();

    await expect(page).toHaveURL(/\/statistics$/);
    await expectCard(page, 'Favorites', { total: 2, photos: 2, videos: 0 });
    await expect(
      page
        .getByRole('region', { name: 'Where things are' })
        .getByText('67% of your photos and videos are favorites'),
    ).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'same page',
    );
  });

  test('an empty library offers an upload; an upload from this browser shows up live', async ({
    page,
    signedIn: _,
  }) => {
    await page.goto('/statistics');
    await expect(page.getByText('Nothing to count yet')).toBeVisible();

    const photo = await jpeg('from-this-browser.jpg');
    await page.getByLabel('Upload files').setInputFiles(photo);

    await expectCard(page, 'All', { total: 1, photos: 1, videos: 0 });
    const device = page.getByRole('region', { name: 'On this device' });
    await expect(
      device.getByText('1 item was uploaded from this browser and is still in your library.'),
    ).toBeVisible();
    await device.getByRole('button', { name: 'See them (1 item)' }).click();
    await expect(
      device.getByRole('list', { name: 'Files uploaded from this browser' }).getByRole('listitem'),
    ).toHaveText([/^from-this-browser\.jpg/]);
    await expect(device.getByRole('button', { name: 'Hide them' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  test('a failed load explains itself and Retry recovers', async ({ page, api, signedIn: _ }) => {
    await upload(api, await jpeg('only.jpg'), '2020-01-01T12:00:00.000Z');
    await page.route('**/api/assets/statistics*', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          message: 'Statistics are resting',
          error: 'Bad Request',
          statusCode: 400,
        }),
      }),
    );
    await page.goto('/statistics');
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the statistics' });
    await expect(alert).toContainText('Statistics are resting');

    await page.unroute('**/api/assets/statistics*');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expectCard(page, 'All', { total: 1, photos: 1, videos: 0 });
  });
});
