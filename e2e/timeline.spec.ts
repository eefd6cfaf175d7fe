import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { testVideo, uploadNoisePhotos, uploadTaken } from './media.ts';

// The timeline grid, end to end: photos made at run time and uploaded through the API
// with known capture times, then found by role and name in real Chromium.

test.use({ locale: 'en-GB', timezoneId: 'UTC' });

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lightbox-timeline-e2e-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const uploadPhotos = (api: APIRequestContext, takenAt: string[]) =>
  uploadNoisePhotos(api, takenAt, { deviceId: 'timeline-e2e', portraitEvery: 3 });

/** The first screen waits for the route's code and two requests: allow a loaded machine that long. */
const FIRST_PAINT = { timeout: 30_000 };

const tiles = (scope: Page | Locator) => scope.getByRole('gridcell', { name: /taken/ });
const tile = (page: Page, when: RegExp) =>
  page.getByRole('gridcell', { name: new RegExp(`taken .*${when.source}`) });
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

/** The grid scrolls by itself. */
const scroller = (page: Page) => page.getByRole('grid');
const scrollTop = (page: Page) => scroller(page).evaluate((el) => el.scrollTop);

test.describe('timeline', () => {
  test('shows photos under their day headers, newest first', async ({ page, api, signedIn }) => {
    void signedIn;
    await uploadPhotos(api, [
      '2025-03-14T10:32:00.000Z',
      '2025-02-02T08:00:00.000Z',
      '2025-03-14T18:05:00.000Z',
      '2025-03-12T07:15:00.000Z',
      '2025-03-14T08:01:00.000Z',
    ]);
    await page.goto('/');

    const grid = page.getByRole('grid', { name: 'Photos' });
    await expect(tiles(grid)).toHaveCount(5, FIRST_PAINT);
    // Month headers, newest first.
    const months = grid.getByRole('heading', { level: 2 });
    await expect(months).toHaveText(['March 2025', 'February 2025']);
    // Days, newest first, each holding its photos newest first.
    await expect(grid.getByRole('rowgroup')).toHaveCount(3);
    await expect(grid.getByRole('heading', { level: 3 })).toHaveText([
      /Friday,? 14 March 2025/,
      /Wednesday,? 12 March 2025/,
      /Sunday,? 2 February 2025/,
    ]);
    const friday = grid.getByRole('rowgroup', { name: /Friday,? 14 March 2025/ });
    await expect(tiles(friday)).toHaveCount(3);
    const names = await tiles(friday).evaluateAll((cells) =>
      cells.map((cell) => cell.getAttribute('aria-label')),
    );
    expect(names.map((name) => /(\d\d:\d\d)/.exec(name ?? '')?.[1])).toEqual([
      '18:05',
      '10:32',
      '08:01',
    ]);
    await expect(tiles(grid.getByRole('rowgroup', { name: /12 March 2025/ }))).toHaveCount(1);
    await expect(tiles(grid.getByRole('rowgroup', { name: /2 February 2025/ }))).toHaveCount(1);
    // Every tile shows its thumbnail (a decorative image: the tile carries the name).
    const loaded = await tiles(grid).evaluateAll((cells) =>
      Promise.all(
        cells.map((cell) => {
          const img = cell.querySelector('img');
          return img
            ? img.decode().then(
                () => img.naturalWidth > 0 && img.alt === '',
                () => false,
              )
            : Promise.resolve(false);
        }),
      ),
    );
    expect(loaded).toEqual([true, true, true, true, true]);
    // The scrubber is a slider named by what it does, at the newest month.
    const scrubber = page.getByRole('slider', { name: 'Jump to a month' });
    await expect(scrubber).toHaveAttribute('aria-valuetext', 'March 2025');
  });

  test('selects a range with shift, a whole day from its header, and clears with Escape', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    await uploadPhotos(api, [
      '2025-05-20T12:00:00.000Z',
      '2025-05-20T11:00:00.000Z',
      '2025-05-20T10:00:00.000Z',
      '2025-05-19T12:00:00.000Z',
      '2025-05-19T11:00:00.000Z',
      '2025-05-18T09:00:00.000Z',
    ]);
    await page.goto('/');
    await expect(tiles(page)).toHaveCount(6, FIRST_PAINT);

    // Click one check, shift-click another: everything between them is selected,
    // across the day boundary.
    await page.getByRole('checkbox', { name: /^Select Photo taken .*20 May 2025.*11:00/ }).click();
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('1 selected');
    await page
      .getByRole('checkbox', { name: /^Select Photo taken .*19 May 2025.*11:00/ })
      .click({ modifiers: ['Shift'] });
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('4 selected');
    for (const [time, selected] of [
      [/20 May 2025.*12:00/, 'false'],
      [/20 May 2025.*11:00/, 'true'],
      [/20 May 2025.*10:00/, 'true'],
      [/19 May 2025.*12:00/, 'true'],
      [/19 May 2025.*11:00/, 'true'],
      [/18 May 2025.*09:00/, 'false'],
    ] as const) {
      await expect(tile(page, time)).toHaveAttribute('aria-selected', selected);
    }
    // The 20th is partly selected, the 19th wholly.
    await expect(
      page.getByRole('checkbox', { name: /^Select Tuesday,? 20 May 2025$/ }),
    ).toHaveAttribute('aria-checked', 'mixed');
    await expect(
      page.getByRole('checkbox', { name: /^Select Monday,? 19 May 2025$/ }),
    ).toBeChecked();

    await page.keyboard.press('Escape');
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toBeHidden();
    await expect(page.getByRole('gridcell', { selected: true })).toHaveCount(0);

    // A whole day from its header.
    await page.getByRole('checkbox', { name: /^Select Tuesday,? 20 May 2025$/ }).click();
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('3 selected');
    await expect(
      tiles(page.getByRole('rowgroup', { name: /20 May 2025/ })).first(),
    ).toHaveAttribute('aria-selected', 'true');
    await expect(tile(page, /19 May 2025.*12:00/)).toHaveAttribute('aria-selected', 'false');
    // And the whole month from the month header.
    await page.getByRole('checkbox', { name: 'Select May 2025' }).click();
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('6 selected');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toBeHidden();
  });

  test('moves by keyboard in visual order and selects with space and shift+arrows', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    await uploadPhotos(api, [
      '2025-06-02T12:00:00.000Z',
      '2025-06-02T11:00:00.000Z',
      '2025-06-01T12:00:00.000Z',
      '2025-06-01T11:00:00.000Z',
    ]);
    await page.goto('/');
    const first = tile(page, /2 June 2025.*12:00/);
    await expect(first).toBeVisible(FIRST_PAINT);
    // One tab stop: the first tile.
    await expect(first).toHaveAttribute('tabindex', '0');
    const tabStops = await tiles(page).evaluateAll(
      (cells) => cells.filter((cell) => cell.getAttribute('tabindex') === '0').length,
    );
    expect(tabStops).toBe(1);
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await expect(tile(page, /2 June 2025.*11:00/)).toBeFocused();
    // Down goes to the next day's row.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedName(page)).toMatch(/taken .*1 June 2025/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedName(page)).toMatch(/taken .*2 June 2025/);
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('1 selected');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('3 selected');
    // Ctrl+A selects everything loaded.
    await page.keyboard.press('Control+a');
    await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('4 selected');
  });

  test('opens a photo with Enter and comes back to the same place', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    // 45 photos, three a day over 15 days of April 2025.
    const times: string[] = [];
    for (let day = 30; day > 15; day--) {
      for (const hour of [18, 12, 9]) {
        times.push(
          `2025-04-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`,
        );
      }
    }
    await uploadPhotos(api, times);
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto('/');
    await expect(tiles(page).first()).toBeVisible(FIRST_PAINT);

    // Scroll well down, then pick a tile that is now on screen.
    await scroller(page).evaluate((el) => el.scrollTo(0, 2400));
    const target = tile(page, /20 April 2025.*12:00/);
    await target.scrollIntoViewIfNeeded();
    await expect(target).toBeInViewport();
    const before = await scrollTop(page);
    expect(before).toBeGreaterThan(1500);
    await target.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/photos\/[0-9a-f-]+$/);

    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(target).toBeFocused();
    expect(await scrollTop(page)).toBe(before);
  });

  test('favorites and trash show their assets, and back/forward moves between views', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    const ids = await uploadPhotos(api, [
      '2025-07-04T10:00:00.000Z',
      '2025-07-03T10:00:00.000Z',
      '2025-07-02T10:00:00.000Z',
      '2025-07-01T10:00:00.000Z',
    ]);
    for (const id of [ids[0], ids[2]]) {
      const response = await api.put(`/api/assets/${id}`, { data: { isFavorite: true } });
      expect(response.status()).toBe(200);
    }
    const trashed = await api.delete('/api/assets', { data: { ids: [ids[3]] } });
    expect(trashed.status()).toBe(204);

    await page.goto('/');
    await expect(tiles(page)).toHaveCount(3, FIRST_PAINT);
    await expect(page.getByRole('gridcell', { name: /, favorite$/ })).toHaveCount(2);

    await page.getByRole('link', { name: 'Favorites' }).click();
    await expect(page).toHaveURL(/\/favorites$/);
    const favorites = page.getByRole('grid', { name: 'Favorites' });
    await expect(tiles(favorites)).toHaveCount(2);
    await expect(tile(page, /4 July 2025/)).toBeVisible();
    await expect(tile(page, /2 July 2025/)).toBeVisible();

    await page.getByRole('link', { name: 'Trash' }).click();
    await expect(page).toHaveURL(/\/trash$/);
    const trash = page.getByRole('grid', { name: 'Trash' });
    await expect(tiles(trash)).toHaveCount(1);
    await expect(tile(page, /1 July 2025/)).toBeVisible();

    await page.goBack();
    await expect(page).toHaveURL(/\/favorites$/);
    await expect(tiles(page.getByRole('grid', { name: 'Favorites' }))).toHaveCount(2);
    await page.goForward();
    await expect(tiles(page.getByRole('grid', { name: 'Trash' }))).toHaveCount(1);

    // Archive is empty for this user: a friendly empty state.
    await page.getByRole('link', { name: 'Archive' }).click();
    await expect(page.getByText('The archive is empty')).toBeVisible();
  });

  test('the videos view keeps only videos, with their duration', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    await uploadPhotos(api, ['2025-08-02T10:00:00.000Z']);
    await uploadTaken(api, testVideo(dir, 'clip.mp4', { seconds: 2 }), '2025-08-01T10:00:00.000Z');

    await page.goto('/videos');
    const grid = page.getByRole('grid', { name: 'Videos' });
    await expect(tiles(grid)).toHaveCount(1, FIRST_PAINT);
    await expect(
      grid.getByRole('gridcell', { name: /^Video taken .*1 August 2025/ }),
    ).toBeVisible();
    // The server reads the duration after the upload (ffprobe): once it has, the tile
    // says it (as its badge shows it).
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole('gridcell', { name: /^Video taken .*1 August 2025.*, 0:02$/ }),
      ).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await page.goto('/');
    await expect(tiles(page)).toHaveCount(2);
  });

  test('a first visit asks for the buckets, each month and each thumbnail once', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    await uploadPhotos(api, [
      '2025-05-03T10:00:00.000Z',
      '2025-05-01T09:00:00.000Z',
      '2025-04-20T12:00:00.000Z',
      '2024-12-24T18:00:00.000Z',
    ]);
    // The page's first script starts these before the app runs; the app must find them
    // under way rather than ask again, and its tiles must show the very images preloaded.
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (/^\/api\/(timeline|assets\/[^/]+\/thumbnail)/.test(url.pathname)) {
        asked.push(url.pathname + url.search);
      }
    });
    await page.goto('/');
    const grid = page.getByRole('grid', { name: 'Photos' });
    await expect(tiles(grid)).toHaveCount(4, FIRST_PAINT);
    await expect
      .poll(() =>
        tiles(grid).evaluateAll((cells) =>
          cells.every((cell) => cell.querySelector('img')?.complete === true),
        ),
      )
      .toBe(true);
    const shown = await tiles(grid).evaluateAll((cells) =>
      cells.map((cell) => {
        const url = new URL(cell.querySelector('img')?.src ?? '');
        return url.pathname + url.search;
      }),
    );
    const thumbnails = asked.filter((url) => url.includes('/thumbnail'));
    expect([...thumbnails].sort()).toEqual([...shown].sort());
    const timeline = asked.filter((url) => url.startsWith('/api/timeline'));
    expect(timeline.filter((url) => url.startsWith('/api/timeline/buckets'))).toHaveLength(1);
    const months = timeline.filter((url) => url.startsWith('/api/timeline/bucket?'));
    expect(months).toHaveLength(3);
    expect(new Set(months).size).toBe(3);
  });

  test('a signed-out visit asks for no library data and shows sign-in', async ({ page, user }) => {
    void user; // the server has accounts: a signed-out visit goes to sign-in, not to sign-up
    const asked: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/timeline') || pathname.includes('/thumbnail')) {
        asked.push(pathname);
      }
    });
    await page.goto('/favorites');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible(FIRST_PAINT);
    expect(asked).toEqual([]);
  });

  test('an empty library points to upload', async ({ page, signedIn }) => {
    void signedIn;
    await page.goto('/');
    await expect(page.getByText('No photos yet')).toBeVisible(FIRST_PAINT);
    await expect(
      page.getByRole('main').getByRole('button', { name: 'Upload', exact: true }),
    ).toBeVisible();
  });
});
