import type { Browser, Page } from '@playwright/test';
import { test, expect, ADMIN } from './fixtures.ts';
import { startLocalServer, type LocalServer } from './local-server.ts';

/** A page of its own on a server of its own (the worker's server already has its admin). */
async function pageOn(browser: Browser, server: LocalServer): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('first run: sign up the admin, sign in, see the name in the header, sign out', async ({
  browser,
}) => {
  // Starts a server of its own: allow for that on a busy machine.
  test.setTimeout(180_000);
  const server = await startLocalServer();
  const page = await pageOn(browser, server);
  try {
    // A server without users sends every address to the admin sign-up.
    await page.goto('/favorites');
    await expect(page.getByRole('heading', { name: 'Welcome to Lightbox' })).toBeVisible();
    await expect(page).toHaveURL(/\/auth\/register$/);

    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a-long-password');
    await page.getByLabel('Confirm password').fill('a-different-one');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await expect(page.getByText('The passwords do not match.')).toBeVisible();
    await expect(page.getByLabel('Confirm password')).toBeFocused();

    await page.getByLabel('Confirm password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create admin account' }).click();

    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'admin account is ready' }),
    ).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue('grace@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a-long-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    const account = page.getByRole('button', { name: 'Grace Hopper' });
    await expect(account).toBeVisible();

    // The sign-up page is gone once the admin exists.
    await page.goto('/auth/register');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible();

    await account.click();
    await expect(page.getByText('grace@example.com')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    // Signed out for real: the app's pages send the user back to sign-in.
    await page.goto('/trash');
    await expect(page).toHaveURL(/\/auth\/login\?continue=%2Ftrash$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  } finally {
    await page.context().close();
    await server.stop();
  }
});

test('a wrong password shows the server’s message; the right one signs in', async ({
  page,
  adminToken: _admin,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/auth\/login$/);
  await signIn(page, ADMIN.email, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: ADMIN.name })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('sign-in returns the user to the page they asked for', async ({ page, user }) => {
  await page.goto('/statistics');
  await expect(page).toHaveURL(/\/auth\/login\?continue=%2Fstatistics$/);
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/statistics$/);
  await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: user.name })).toBeVisible();
});

test('shell: navigation, 404 page, skip link and the shortcuts dialog', async ({
  page,
  user: _user,
  signedIn: _signedIn,
}) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  // The first Tab on a fresh page reaches the skip link, which jumps to the content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await skip.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await expect(nav.getByRole('link', { name: 'Photos' })).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('link', { name: 'Trash' }).click();
  const heading = page.getByRole('heading', { name: 'Trash', level: 1 });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(nav.getByRole('link', { name: 'Trash' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('Trash · Lightbox');

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to Photos' }).click();
  await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible();

  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Show keyboard shortcuts')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('when the server is down the app says so, retries, and recovers', async ({ browser }) => {
  // Starts a server twice: allow for that on a busy machine.
  test.setTimeout(180_000);
  let server = await startLocalServer();
  const { port } = new URL(server.url);
  const page = await pageOn(browser, server);
  try {
    const request = page.context().request;
    expect(
      (await request.post(`${server.url}/api/auth/admin-sign-up`, { data: ADMIN })).status(),
    ).toBe(201);
    await page.goto('/auth/login');
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible();

    await server.stop({ keepData: true });

    // A request that finds no server: an explanation, not a blank page, and the shell stays.
    await page.getByRole('button', { name: ADMIN.name }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Could not sign out' })).toBeVisible();
    await expect(page.getByText('Can’t reach the server.', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible();

    // A page that cannot load says the server is unreachable and offers Retry.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Favorites' })
      .click();
    await expect(page.getByRole('heading', { name: 'Can’t reach the server' })).toBeVisible();
    const retry = page.getByRole('button', { name: 'Retry now' });
    await retry.click();
    await expect(page.getByRole('heading', { name: 'Can’t reach the server' })).toBeVisible();

    // Back on the same address and data: the app finds it by itself, still signed in.
    server = await startLocalServer({ port: Number(port), dataDir: server.dataDir });
    await expect(page.getByRole('heading', { name: 'Favorites', level: 1 })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('button', { name: ADMIN.name })).toBeVisible();
    await expect(page.getByText('Can’t reach the server')).toHaveCount(0);
  } finally {
    await page.context().close();
    await server.stop();
  }
});
