/* global document, innerHeight -- the wait function runs in the page */
// Headless Debian Chromium for benchmarks, with the flags this machine needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Time given to a freshly started browser before any measured navigation. */
export const BROWSER_SETTLE_MS = 3000;

/** A browser profile of its own (so its HTTP cache starts empty), signed in with `token`. */
export async function openProfile(url, token, { width = 1440, height = 900 } = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
  });
  // A new browser spends its first seconds loading its own UI pages (the omnibox and other
  // WebUI renderers: over a second of CPU in the trace on 2 cores), which a user's browser,
  // already running, has long done. Let it finish before the page is measured.
  await new Promise((resolve) => setTimeout(resolve, BROWSER_SETTLE_MS));
  await context.addCookies([
    { name: 'immich_access_token', value: token, url, httpOnly: true },
    { name: 'immich_is_authenticated', value: 'true', url },
  ]);
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves with the page's clock (ms since navigation start) at the first frame where every
 * grid tile inside the viewport shows its loaded thumbnail.
 */
export function waitForFirstThumbnails(page, { min = 6, timeout = 60_000 } = {}) {
  return page
    .waitForFunction(
      (minimum) => {
        const cells = [...document.querySelectorAll('[role="gridcell"][data-id]')].filter(
          (cell) => {
            const r = cell.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight && r.width > 0;
          },
        );
        if (cells.length === 0) return false;
        const images = cells.map((cell) => cell.querySelector('img'));
        const loaded = images.every((img) => img && img.complete && img.naturalWidth > 0);
        // A small library may show fewer tiles than `minimum` in the first screen.
        return loaded && images.length >= Math.min(minimum, cells.length)
          ? performance.now()
          : false;
      },
      min,
      { polling: 'raf', timeout },
    )
    .then((handle) => handle.jsonValue());
}
