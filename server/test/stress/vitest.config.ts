import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:stress`: the long fault and load runs against the real server process (kill
 * during uploads, a full disk, many requests at once). Kept out of the normal `vitest run`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    name: 'stress',
    environment: 'node',
    include: ['server/test/stress/**/*.stress.ts', 'src/**/*.stress.ts'],
    // One file at a time: each starts servers and moves hundreds of megabytes.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
