import { defineConfig } from '@playwright/test';

// Each worker starts its own local server on a fresh data folder (see fixtures.ts),
// serving the production build: run `npm run build` first (npm test does).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: process.env.CI ? 1 : 2,
  // One retry in CI: a 2-core runner under load can miss a toast's window; a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
