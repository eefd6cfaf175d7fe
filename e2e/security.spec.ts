import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

// What a hostile file name, description or upload can do to the gallery: nothing. Names and
// descriptions with HTML and script show as text, no script of theirs runs, the server's headers
// forbid inline scripts, sniffing and referrers, originals go out as files, and the session lives
// in a cookie page scripts cannot read.

const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>.jpg';
const HOSTILE_DESCRIPTION =
  '<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3"><svg onload=alert(1)>';

async function upload(
  api: APIRequestContext,
  name: string,
  mimeType: string,
  buffer: Buffer,
): Promise<string> {
  const response = await api.post('/api/assets', {
    multipart: {
      assetData: { name, mimeType, buffer },
      deviceAssetId: `e2e-${randomUUID()}`,
      deviceId: 'e2e',
      fileCreatedAt: '2024-04-01T10:00:00.000Z',
      fileModifiedAt: '2024-04-01T10:00:00.000Z',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const jpeg = () =>
  sharp({
    create: {
      width: 320,
      height: 240,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg()
    .toBuffer();

/** Whether any script of the hostile content ran, and every dialog the page opened. */
function watch(page: Page): { dialogs: string[]; pwned: () => Promise<unknown> } {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    dialogs,
    pwned: () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
  };
}

/** The directives of a Content-Security-Policy header, by name. */
function cspDirectives(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

const STRICT_REFERRER = [
  'no-referrer',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
];

test.describe('security', () => {
  test.describe.configure({ timeout: 120_000 });

  test('shows a hostile file name and description as text, and runs none of it', async ({
    page,
    api,
    signedIn: _,
  }) => {
    const id = await upload(api, HOSTILE_NAME, 'image/jpeg', await jpeg());
    const edit = await api.put(`/api/assets/${id}`, { data: { description: HOSTILE_DESCRIPTION } });
    expect(edit.status(), await edit.text()).toBe(200);
    const { dialogs, pwned } = watch(page);

    await page.goto('/');
    const cell = page.getByRole('gridcell', { name: /^Photo taken/ });
    await expect(cell).toHaveCount(1, { timeout: 30_000 });
    expect(await pwned()).toBeUndefined();

    await cell.click();
    // The viewer is named after the file: the name, character for character.
    const viewer = page.getByRole('dialog', { name: HOSTILE_NAME, exact: true });
    await expect(viewer).toBeVisible();
    await expect(page).toHaveTitle(`${HOSTILE_NAME} · Lightbox`);
    // The photo's text alternative is the description, as text.
    await expect(viewer.getByRole('img', { name: HOSTILE_DESCRIPTION, exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Details' }).click();
    await expect(viewer.getByRole('heading', { name: HOSTILE_NAME, exact: true })).toBeVisible();
    const information = viewer.getByRole('region', { name: 'Information' });
    await expect(information.getByText(HOSTILE_NAME, { exact: true })).toBeVisible();
    await expect(viewer.getByRole('textbox', { name: 'Description' })).toHaveValue(
      HOSTILE_DESCRIPTION,
    );
    // None of the markup became elements of the page. (This is the check that proves the text is
    // rendered as text: the CSP alone would stop the inline handlers from setting __pwned.)
    expect(
      await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload]').length),
    ).toBe(0);

    // Back to the grid and again into the viewer: still nothing ran.
    await page.keyboard.press('Escape');
    await expect(cell).toBeVisible();
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('sends a strict CSP, nosniff and no referrer, and originals as files', async ({
    api,
    page,
    signedIn: _,
  }) => {
    const home = await api.get('/');
    expect(home.status()).toBe(200);
    expect(home.headers()['content-type']).toMatch(/^text\/html/);
    const csp = cspDirectives(home.headers()['content-security-policy']);
    const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
    expect(scriptSrc, 'script-src or default-src').toBeDefined();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain('*');
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(home.headers()['x-content-type-options']).toBe('nosniff');
    expect(STRICT_REFERRER).toContain(home.headers()['referrer-policy']);

    const photo = await jpeg();
    const id = await upload(api, 'plain.jpg', 'image/jpeg', photo);
    const original = await api.get(`/api/assets/${id}/original`);
    expect(original.status()).toBe(200);
    expect(Buffer.from(await original.body()).equals(photo)).toBe(true);
    expect(original.headers()['content-type']).toBe('image/jpeg');
    expect(original.headers()['content-disposition']).toMatch(
      /^(inline|attachment); filename\*=UTF-8''plain\.jpg$/,
    );
    expect(original.headers()['x-content-type-options']).toBe('nosniff');
    expect(
      cspDirectives(original.headers()['content-security-policy']).get('script-src'),
    ).toBeDefined();

    // An SVG with scripts, opened from a page of this origin: the browser saves it as a file
    // (its type is Immich's image/svg, sent with nosniff), so none of its scripts runs.
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=2</script><rect width="10" height="10"/></svg>',
    );
    const svgId = await upload(api, 'drawing.svg', 'image/svg+xml', svg);
    const { dialogs, pwned } = watch(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible({
      timeout: 30_000,
    });
    const downloading = page.waitForEvent('download');
    const navigation = await page
      .goto(`/api/assets/${svgId}/original`)
      .catch((error: Error) => error);
    expect(navigation).toBeInstanceOf(Error);
    expect((navigation as Error).message).toContain('Download is starting');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('drawing.svg');
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('keeps the session in an HttpOnly cookie, out of reach of page scripts', async ({
    browser,
    server,
    user,
  }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      await page.goto('/');
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { name: 'Photos', level: 1 })).toBeVisible({
        timeout: 30_000,
      });

      const cookies = await context.cookies();
      const session = cookies.find((cookie) => cookie.name === 'immich_access_token');
      expect(session, 'session cookie').toBeDefined();
      expect(session?.httpOnly).toBe(true);
      expect(['Lax', 'Strict']).toContain(session?.sameSite);
      const token = session?.value ?? '';
      expect(token.length).toBeGreaterThan(16);

      const readable = await page.evaluate(() => {
        const values: string[] = [document.cookie];
        for (const storage of [window.localStorage, window.sessionStorage]) {
          for (let i = 0; i < storage.length; i++) {
            const key = storage.key(i) ?? '';
            values.push(key, storage.getItem(key) ?? '');
          }
        }
        return values.join('\n');
      });
      expect(readable).not.toContain(token);
      expect(readable).not.toContain('immich_access_token');
      // And the session works without any of it: the API answers the page's own requests.
      const me = await page.evaluate(async () => (await fetch('/api/users/me')).status);
      expect(me).toBe(200);
    } finally {
      await context.close();
    }
  });
});
