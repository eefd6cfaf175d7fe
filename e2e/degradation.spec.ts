import type { APIRequestContext, Locator, Page, Route } from '@playwright/test';
import { ADMIN, expect, test } from './fixtures.ts';
import { startLocalServer, type LocalServer } from './local-server.ts';
import { uploadNoisePhotos } from './media.ts';

// Issue #10, degradation: with photos on screen, a server that stops, answers 5xx, answers
// slowly, or a network that goes away. The UI says so, keeps what it shows, and recovers by
// itself (or with its Retry) once the server is back, without a reload.

test.use({ locale: 'en-GB', timezoneId: 'UTC' });

const uploadPhotos = (api: APIRequestContext, takenAt: string[]) =>
  uploadNoisePhotos(api, takenAt, { deviceId: 'degradation-e2e' });

const TAKEN = ['2025-04-10T09:00:00.000Z', '2025-04-10T12:30:00.000Z', '2025-04-08T16:45:00.000Z'];

/** The first screen waits for the route's code and two requests: allow a loaded machine that long. */
const FIRST_PAINT = { timeout: 30_000 };
/** A failing query is retried three times (1 s, 2 s, 4 s) before it gives up. */
const AFTER_RETRIES = { timeout: 30_000 };
/** The app pings a server that went away every 1, 2, 4 … 10 s; a restart takes a few seconds. */
const RECONNECT = { timeout: 45_000 };

const grid = (page: Page) => page.getByRole('grid', { name: 'Photos' });
const tiles = (scope: Page | Locator) => scope.getByRole('gridcell', { name: /taken/ });
const tileAt = (page: Page, time: string) =>
  page.getByRole('gridcell', { name: new RegExp(`^Photo taken .*${time}`) });
const banner = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Can’t reach the server' });

/** How many tiles show a decoded thumbnail (a decorative image: the tile carries the name). */
function thumbnailsShown(scope: Page | Locator): Promise<number> {
  return tiles(scope).evaluateAll(
    async (cells) =>
      (
        await Promise.all(
          cells.map((cell) => {
            const img = cell.querySelector('img');
            return img
              ? img.decode().then(
                  () => img.naturalWidth > 0,
                  () => false,
                )
              : Promise.resolve(false);
          }),
        )
      ).filter(Boolean).length,
  );
}

/** The Immich error shape for a 503. */
function answer503(route: Route) {
  return route.fulfill({
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({
      message: 'The library is being maintained',
      error: 'Service Unavailable',
      statusCode: 503,
    }),
  });
}

test('server stopped while browsing: photos stay, a change fails and is undone, the app recovers by itself', async ({
  browser,
  playwright,
}) => {
  // Starts a server twice: allow for that on a busy machine.
  test.setTimeout(180_000);
  let server: LocalServer = await startLocalServer();
  const { port } = new URL(server.url);
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  try {
    const setup = await playwright.request.newContext({ baseURL: server.url });
    expect((await setup.post('/api/auth/admin-sign-up', { data: ADMIN })).status()).toBe(201);
    const login = await setup.post('/api/auth/login', { data: ADMIN });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await setup.dispose();
    const api = await playwright.request.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { authorization: `Bearer ${accessToken}` },
    });
    const [, noon] = await uploadPhotos(api, TAKEN);
    await context.addCookies([
      { name: 'immich_access_token', value: accessToken, url: server.url, httpOnly: true },
      { name: 'immich_is_authenticated', value: 'true', url: server.url },
    ]);

    await page.goto('/');
    await expect(tiles(grid(page))).toHaveCount(3, FIRST_PAINT);
    await expect.poll(() => thumbnailsShown(grid(page))).toBe(3);
    // The selection's actions are code loaded on demand: have them loaded, as after a moment's
    // browsing (the test below covers code that cannot load).
    const toolbar = page.getByRole('toolbar', { name: 'Selection' });
    await page.getByRole('checkbox', { name: /^Select Photo taken .*09:00/ }).click();
    await expect(toolbar.getByRole('button', { name: 'Favorite', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(toolbar).toBeHidden();

    // Requests that find no server, counted to know when the grid's refetch has given up.
    let failedBucketLists = 0;
    page.on('requestfailed', (request) => {
      if (new URL(request.url()).pathname === '/api/timeline/buckets') failedBucketLists++;
    });

    await server.stop({ keepData: true });

    // Favourite one photo from a selection: the change cannot be saved.
    await page.getByRole('checkbox', { name: /^Select Photo taken .*12:30/ }).click();
    await expect(toolbar).toContainText('1 selected');
    await toolbar.getByRole('button', { name: 'Favorite', exact: true }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'the server can’t be reached' }),
    ).toBeVisible();
    await expect(banner(page)).toBeVisible();
    await expect(page.getByText('Can’t reach the server.', { exact: true })).toBeVisible();
    // Undone on screen: no heart on the tile, the button still offers Favorite.
    await expect(tileAt(page, '12:30')).not.toHaveAccessibleName(/favorite/);
    await expect(toolbar.getByRole('button', { name: 'Favorite', exact: true })).toBeEnabled();

    // The failed change refreshes the grid; that refresh fails too (after its retries), and
    // the photos already on screen stay, with their thumbnails.
    await expect.poll(() => failedBucketLists, AFTER_RETRIES).toBeGreaterThanOrEqual(4);
    await expect(page.getByText('Could not load photos')).toHaveCount(0);
    await expect(tiles(grid(page))).toHaveCount(3);
    expect(await thumbnailsShown(grid(page))).toBe(3);
    await expect(tileAt(page, '12:30')).not.toHaveAccessibleName(/favorite/);

    // Back on the same address and data: the app finds it by itself, no reload.
    const marker = await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
      return true;
    });
    expect(marker).toBe(true);
    server = await startLocalServer({ port: Number(port), dataDir: server.dataDir });
    await expect(page.getByText('Can’t reach the server.', { exact: true })).toHaveCount(
      0,
      RECONNECT,
    );
    await expect(tiles(grid(page))).toHaveCount(3);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);

    // The same change now works.
    await expect(toolbar).toContainText('1 selected');
    await toolbar.getByRole('button', { name: 'Favorite', exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Added 1 item to favorites' }),
    ).toBeVisible();
    await expect(tileAt(page, '12:30')).toHaveAccessibleName(/, favorite$/);
    await expect
      .poll(async () => {
        const response = await api.get(`/api/assets/${noon}`);
        return ((await response.json()) as { isFavorite: boolean }).isFavorite;
      })
      .toBe(true);
    await api.dispose();
  } finally {
    await context.close();
    await server.stop();
  }
});

test('5xx answers: the grid says so and offers Retry, photos on screen stay, data shows once the server answers', async ({
  page,
  api,
  signedIn: _signedIn,
}) => {
  test.setTimeout(120_000);
  await uploadPhotos(api, TAKEN);

  // The bucket list answers 503 on the first visit.
  await page.route('**/api/timeline/buckets?**', answer503);
  await page.goto('/');
  const failed = page.getByRole('alert').filter({ hasText: 'Could not load photos' });
  await expect(failed).toBeVisible(AFTER_RETRIES);
  await expect(failed).toContainText('The library is being maintained');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // Retry while the server still fails: still the explanation, never a blank page.
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(failed.getByRole('button', { name: 'Retry' })).toBeEnabled(AFTER_RETRIES);
  await expect(failed).toBeVisible();

  // A month that answers 503: its header stays, with its own explanation and Retry.
  await page.unroute('**/api/timeline/buckets?**');
  await page.route('**/api/timeline/bucket?**', answer503);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(grid(page).getByRole('heading', { name: 'April 2025' })).toBeVisible();
  const monthFailed = page.getByRole('alert').filter({ hasText: 'Could not load April 2025' });
  await expect(monthFailed).toBeVisible(AFTER_RETRIES);
  await expect(monthFailed).toContainText('The library is being maintained');

  // The server answers again: Retry shows the photos.
  await page.unroute('**/api/timeline/bucket?**');
  await monthFailed.getByRole('button', { name: 'Retry' }).click();
  await expect(tiles(grid(page))).toHaveCount(3);
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toHaveCount(0);
  await expect.poll(() => thumbnailsShown(grid(page))).toBe(3);

  // With the photos on screen, a refresh that meets 503s leaves them there and says so.
  await page.route('**/api/timeline/bucket*', answer503);
  let refreshes = 0;
  page.on('response', (response) => {
    if (response.status() === 503) refreshes++;
  });
  await page.getByRole('checkbox', { name: /^Select Photo taken .*09:00/ }).click();
  await page
    .getByRole('toolbar', { name: 'Selection' })
    .getByRole('button', { name: 'Favorite', exact: true })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Added 1 item to favorites' }),
  ).toBeVisible();
  // The bucket list and the month, each tried four times.
  await expect.poll(() => refreshes, AFTER_RETRIES).toBeGreaterThanOrEqual(8);
  await expect(
    page.getByRole('alert').filter({ hasText: 'The library is being maintained' }).first(),
  ).toBeVisible();
  await expect(page.getByText('Could not load photos')).toHaveCount(0);
  await expect(tiles(grid(page))).toHaveCount(3);
  expect(await thumbnailsShown(grid(page))).toBe(3);
  await expect(tileAt(page, '09:00')).toHaveAccessibleName(/, favorite$/);
  await page.unroute('**/api/timeline/bucket*');
});

test('slow server: the grid says it is loading, then shows the photos', async ({
  page,
  api,
  signedIn: _signedIn,
}) => {
  const [first] = await uploadPhotos(api, TAKEN);
  const favourite = await api.put(`/api/assets/${first ?? ''}`, { data: { isFavorite: true } });
  expect(favourite.status()).toBe(200);

  // Answers held back until the test lets them go.
  const held: Route[] = [];
  let hold = ['/api/timeline/buckets', '/api/timeline/bucket'];
  await page.route('**/api/timeline/bucket*', async (route) => {
    if (hold.includes(new URL(route.request().url()).pathname)) held.push(route);
    else await route.continue();
  });
  const letGo = async () => {
    hold = [];
    for (const route of held.splice(0)) await route.continue();
  };

  await page.goto('/');
  // The bucket list is slow: a loading state is announced, not a blank page.
  await expect(page.getByRole('status').filter({ hasText: 'Loading photos' })).toBeAttached(
    FIRST_PAINT,
  );
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(tiles(page)).toHaveCount(0);
  await letGo();
  await expect(tiles(grid(page))).toHaveCount(3, FIRST_PAINT);
  await expect(page.getByRole('status').filter({ hasText: 'Loading photos' })).toHaveCount(0);

  // Another view whose month is slow: its grid and header show, the grid is busy, then its photos.
  hold = ['/api/timeline/bucket'];
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Favorites' })
    .click();
  const favorites = page.getByRole('grid', { name: 'Favorites' });
  await expect(favorites.getByRole('heading', { name: 'April 2025' })).toBeVisible(FIRST_PAINT);
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(favorites).toHaveAttribute('aria-busy', 'true');
  await expect(tiles(favorites)).toHaveCount(0);
  await letGo();
  await expect(tiles(favorites)).toHaveCount(1, FIRST_PAINT);
  await expect(favorites).not.toHaveAttribute('aria-busy', 'true');
});

test('lost network: photos stay, the app says the connection is lost, and recovers by itself', async ({
  page,
  api,
  signedIn: _signedIn,
}) => {
  test.setTimeout(120_000);
  await uploadPhotos(api, TAKEN);
  await page.goto('/');
  await expect(tiles(grid(page))).toHaveCount(3, FIRST_PAINT);
  await expect.poll(() => thumbnailsShown(grid(page))).toBe(3);

  await page.context().setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'You’re offline' })).toBeVisible();
  await expect(tiles(grid(page))).toHaveCount(3);
  expect(await thumbnailsShown(grid(page))).toBe(3);

  await page.context().setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'You’re offline' })).toHaveCount(
    0,
    RECONNECT,
  );
  await expect(tiles(grid(page))).toHaveCount(3);
  // Works again: opening a photo loads it from the server.
  await tileAt(page, '12:30').click();
  await expect(page.getByRole('button', { name: 'Favorite' })).toBeVisible(FIRST_PAINT);
});

test('the selection’s actions cannot load: the bar says so, the grid stays, Retry loads them', async ({
  page,
  api,
  signedIn: _signedIn,
}) => {
  await uploadPhotos(api, TAKEN);
  // The actions' code (a chunk of its own) finds no server.
  const chunk = '**/assets/bulk-actions-*.js';
  await page.route(chunk, (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await expect(tiles(grid(page))).toHaveCount(3, FIRST_PAINT);

  await page.getByRole('checkbox', { name: /^Select Photo taken .*12:30/ }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(toolbar).toContainText('1 selected');
  await expect(toolbar.getByRole('alert')).toHaveText(
    'The actions could not load: the server can’t be reached.',
  );
  await expect(tiles(grid(page))).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'Can’t reach the server' })).toHaveCount(0);

  await page.unroute(chunk);
  await toolbar.getByRole('button', { name: 'Retry' }).click();
  await toolbar.getByRole('button', { name: 'Favorite', exact: true }).click();
  await expect(tileAt(page, '12:30')).toHaveAccessibleName(/, favorite$/);
  await expect(toolbar.getByRole('alert')).toHaveCount(0);
});
