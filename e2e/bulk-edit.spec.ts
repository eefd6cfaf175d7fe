import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { uploadNoisePhotos } from './media.ts';

// Bulk actions on a selection in real Chromium against the local server: photos made at run
// time, uploaded through the API with known capture times, found by role and name.

test.use({ locale: 'en-GB', timezoneId: 'UTC' });

const uploadPhotos = (api: APIRequestContext, takenAt: string[]) =>
  uploadNoisePhotos(api, takenAt, { prefix: 'bulk', deviceId: 'bulk-edit-e2e' });

const MAY_20 = ['09:00', '10:00', '11:00', '12:00'].map((t) => `2025-05-20T${t}:00.000Z`);

const photos = (page: Page) => page.getByRole('gridcell', { name: /^Photo taken/ });
const favourites = (page: Page) => page.getByRole('gridcell', { name: /, favorite$/ });
const selectionBar = (page: Page) => page.getByRole('toolbar', { name: 'Selection' });
const check = (page: Page, time: string) =>
  page.getByRole('checkbox', { name: new RegExp(`^Select Photo taken .*20 May 2025.*${time}`) });

/** Clicks the first time's check, then shift-clicks the last: the range between is selected. */
async function selectRange(page: Page, from: string, to: string, count: number) {
  await check(page, from).click();
  await check(page, to).click({ modifiers: ['Shift'] });
  await expect(selectionBar(page)).toContainText(`${count} selected`);
}

async function assetOf(api: APIRequestContext, id: string) {
  const response = await api.get(`/api/assets/${id}`);
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

test.describe('bulk edit', () => {
  test('favourites a range, archives it, undoes, and archives it into Archive', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    const ids = await uploadPhotos(api, MAY_20);
    await page.goto('/');
    await expect(photos(page)).toHaveCount(4, { timeout: 30_000 });

    await selectRange(page, '10:00', '12:00', 3);
    await selectionBar(page).getByRole('button', { name: 'Favorite' }).click();
    await expect(favourites(page)).toHaveCount(3);
    for (const id of ids.slice(1)) expect((await assetOf(api, id)).body.isFavorite).toBe(true);
    expect((await assetOf(api, ids[0]!)).body.isFavorite).toBe(false);
    // All selected are favourites now: the same button unfavourites.
    await expect(selectionBar(page).getByRole('button', { name: 'Unfavorite' })).toBeVisible();

    await selectionBar(page).getByRole('button', { name: 'Archive' }).click();
    await expect(photos(page)).toHaveCount(1);
    await expect(selectionBar(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(photos(page)).toHaveCount(4);
    for (const id of ids.slice(1)) expect((await assetOf(api, id)).body.isArchived).toBe(false);

    // Again, by keyboard this time (Shift+A), then see them in the Archive view.
    await selectRange(page, '10:00', '12:00', 3);
    await page.keyboard.press('Shift+A');
    await expect(photos(page)).toHaveCount(1);
    await page.getByRole('link', { name: 'Archive' }).first().click();
    await expect(page.getByRole('grid', { name: 'Archive' })).toBeVisible();
    await expect(photos(page)).toHaveCount(3);
    await expect(favourites(page)).toHaveCount(3);
  });

  test('changes the date of two photos and they move to that day', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    const ids = await uploadPhotos(api, MAY_20.slice(0, 3));
    await page.goto('/');
    await expect(photos(page)).toHaveCount(3, { timeout: 30_000 });

    await selectRange(page, '09:00', '10:00', 2);
    await selectionBar(page).getByText('More actions').click();
    await page.getByRole('button', { name: 'Change date and time' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change date and time' });
    await expect(dialog).toContainText('For 2 items.');
    // An impossible entry is refused before anything is sent.
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Enter a valid date and time.');
    await dialog.getByLabel('Date and time').fill('2024-01-05T08:30');
    await dialog.getByLabel('Time zone').selectOption({ label: 'UTC+00:00' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);

    const day = page.getByRole('rowgroup', { name: /5 January 2024/ });
    await expect(day.getByRole('gridcell', { name: /^Photo taken/ })).toHaveCount(2);
    const may = page.getByRole('rowgroup', { name: /20 May 2025/ });
    await expect(may.getByRole('gridcell', { name: /^Photo taken/ })).toHaveCount(1);
    for (const id of ids.slice(0, 2)) {
      const { body } = await assetOf(api, id);
      expect(String((body.exifInfo as { dateTimeOriginal?: string }).dateTimeOriginal)).toMatch(
        /^2024-01-05T08:30:00/,
      );
    }
  });

  test('trashes with undo, restores, deletes permanently after a confirmation', async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    const ids = await uploadPhotos(api, MAY_20.slice(0, 3));
    await page.goto('/');
    await expect(photos(page)).toHaveCount(3, { timeout: 30_000 });

    await selectRange(page, '09:00', '10:00', 2);
    await selectionBar(page).getByRole('button', { name: 'Move to trash' }).click();
    await expect(photos(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(photos(page)).toHaveCount(3);
    expect((await assetOf(api, ids[0]!)).body.isTrashed).toBe(false);

    await selectRange(page, '09:00', '10:00', 2);
    await page.keyboard.press('Delete');
    await expect(photos(page)).toHaveCount(1);

    await page.getByRole('link', { name: 'Trash' }).first().click();
    await expect(page.getByRole('grid', { name: 'Trash' })).toBeVisible();
    await expect(photos(page)).toHaveCount(2);

    // Restore the 10:00 one.
    await check(page, '10:00').click();
    await selectionBar(page).getByRole('button', { name: 'Restore' }).click();
    await expect(photos(page)).toHaveCount(1);
    expect((await assetOf(api, ids[1]!)).body.isTrashed).toBe(false);

    // Delete the 09:00 one for good: the confirmation names the count.
    await check(page, '09:00').click();
    await selectionBar(page).getByRole('button', { name: 'Delete permanently' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 1 item permanently?' });
    await confirm.getByRole('button', { name: 'Delete permanently' }).click();
    await expect(page.getByText('The trash is empty')).toBeVisible();
    expect((await assetOf(api, ids[0]!)).status).toBeGreaterThanOrEqual(400);
    expect((await assetOf(api, ids[1]!)).status).toBe(200);

    // Empty trash: trash the other two through the API, then empty it from the page.
    expect((await api.delete('/api/assets', { data: { ids: ids.slice(1) } })).status()).toBe(204);
    await page.reload();
    await expect(photos(page)).toHaveCount(2);
    await page
      .getByRole('toolbar', { name: 'Trash' })
      .getByRole('button', { name: 'Empty trash' })
      .click();
    const emptyConfirm = page.getByRole('dialog', { name: /delete 2 items permanently/ });
    await emptyConfirm.getByRole('button', { name: 'Empty trash' }).click();
    await expect(page.getByText('The trash is empty')).toBeVisible();
    for (const id of ids) expect((await assetOf(api, id)).status).toBeGreaterThanOrEqual(400);
  });

  test("rolls back an optimistic favourite and shows the server's message", async ({
    page,
    api,
    signedIn,
  }) => {
    void signedIn;
    const ids = await uploadPhotos(api, MAY_20.slice(0, 2));
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/assets', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      await released;
      await route.fulfill({
        status: 500,
        json: {
          message: 'The database is on fire',
          error: 'Internal Server Error',
          statusCode: 500,
        },
      });
    });
    await page.goto('/');
    await expect(photos(page)).toHaveCount(2, { timeout: 30_000 });

    await selectRange(page, '09:00', '10:00', 2);
    await selectionBar(page).getByRole('button', { name: 'Favorite' }).click();
    // Optimistic: the hearts show while the request is held.
    await expect(favourites(page)).toHaveCount(2);
    release();
    await expect(page.getByText('The database is on fire')).toBeVisible();
    await expect(favourites(page)).toHaveCount(0);
    for (const id of ids) expect((await assetOf(api, id)).body.isFavorite).toBe(false);
  });
});
