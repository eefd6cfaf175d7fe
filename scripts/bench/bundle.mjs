// Bundle sizes: gzipped JS and CSS the first view loads (sign-in and timeline, read from the
// build manifest by ../check-bundle.mjs), per first-view route, and each lazy chunk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIRST_VIEW_JS_BUDGET_KB, firstViewSizes } from '../check-bundle.mjs';

const kb = (/** @type {number} */ n) => Math.round(n * 10) / 10;

export async function benchBundle({ dist = 'dist' } = {}) {
  const first = firstViewSizes(dist);
  const firstSet = new Set(first.files.map((f) => path.basename(f)));
  const chunks = readdirSync(path.join(dist, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f) && !firstSet.has(f))
    .map((f) => ({
      file: f,
      gzipKB: kb(gzipSync(readFileSync(path.join(dist, 'assets', f))).length / 1024),
    }))
    .sort((a, b) => b.gzipKB - a.gzipKB);
  const routes = Object.fromEntries(
    Object.entries(first.routes).map(([route, s]) => [
      route,
      {
        withEntryJsGzipKB: kb(s.jsKB),
        withEntryCssGzipKB: kb(s.cssKB),
        ownJsGzipKB: kb(s.extra.jsKB),
        ownCssGzipKB: kb(s.extra.cssKB),
        ownFiles: s.extra.files.map((f) => path.basename(f)),
      },
    ]),
  );
  return {
    figures: { firstViewJsGzipKB: first.jsKB, firstViewCssGzipKB: first.cssKB },
    detail: {
      budgetJsGzipKB: FIRST_VIEW_JS_BUDGET_KB,
      entry: {
        jsGzipKB: kb(first.entry.jsKB),
        cssGzipKB: kb(first.entry.cssKB),
        files: first.entry.files.map((f) => path.basename(f)),
      },
      routes,
      lazyChunks: chunks,
    },
    notes: [
      'First view: the entries (index.html and the early start it loads first) and their static-import closures, plus for sign-in and the timeline route their chunks and static-import closures, with their CSS, from dist/.vite/manifest.json; gzip at the default level.',
      `Budget: ${FIRST_VIEW_JS_BUDGET_KB} KB of JS (gzip) for that union, checked in \`npm test\` by scripts/check-bundle.mjs. Lazy chunks (web workers included) load on use.`,
    ],
  };
}
