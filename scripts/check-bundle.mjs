// Fails when the JavaScript the first view loads (sign-in and timeline) grows past
// its budget. Size is deterministic, so this belongs in `npm test`; timings do not.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_VIEW_JS_BUDGET_KB = 150;

/** Gzipped sizes of the scripts and styles index.html loads before any lazy route. */
export function firstViewSizes(dist = 'dist') {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let js = 0;
  let css = 0;
  for (const ref of new Set(refs)) {
    const size = gzipSync(readFileSync(path.join(dist, ref))).length;
    if (ref.endsWith('.js')) js += size;
    else css += size;
  }
  return { jsKB: js / 1024, cssKB: css / 1024, files: refs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync('dist/index.html')) {
    console.error('dist/index.html is missing: run `npm run build` first.');
    process.exit(1);
  }
  const { jsKB, cssKB } = firstViewSizes();
  console.log(
    `first view: ${jsKB.toFixed(1)} KB JS, ${cssKB.toFixed(1)} KB CSS (gzip); budget ${FIRST_VIEW_JS_BUDGET_KB} KB JS`,
  );
  if (jsKB > FIRST_VIEW_JS_BUDGET_KB) {
    console.error(
      `The first view's JavaScript is over budget by ${(jsKB - FIRST_VIEW_JS_BUDGET_KB).toFixed(1)} KB.`,
    );
    process.exit(1);
  }
}
