// Fails when the JavaScript the first view loads (sign-in and timeline) grows past
// its budget. Size is deterministic, so this belongs in `npm test`; timings do not.
//
// The first view is read from Vite's build manifest (dist/.vite/manifest.json, `build.manifest`
// in vite.config.ts): the static-import closures of its entries (the page's and the early
// start's), plus for each first-view route module its own chunk and that chunk's
// static-import closure, with the CSS each of those chunks brings. Dynamic imports are not followed: they load on use. Web workers are not counted
// (the timeline starts its month worker only for very large months).
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_VIEW_JS_BUDGET_KB = 150;

/** The route modules a first visit loads: sign-in, then the timeline. */
export const FIRST_VIEW_ROUTES = ['src/app/routes/sign-in.tsx', 'src/app/routes/timeline.tsx'];

const MANIFEST = path.join('.vite', 'manifest.json');

/**
 * @typedef {{ file: string, src?: string, isEntry?: boolean, imports?: string[],
 *   dynamicImports?: string[], css?: string[] }} ManifestChunk
 * @typedef {Record<string, ManifestChunk>} Manifest
 * @typedef {{ jsKB: number, cssKB: number, files: string[] }} Sizes
 */

/** @param {string} dist @returns {Manifest} */
export function readManifest(dist = 'dist') {
  const file = path.join(dist, MANIFEST);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: the build must run with build.manifest enabled (vite.config.ts).`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The files (JS and CSS, paths relative to `dist`) a manifest key loads before it runs:
 * its own chunk, its static imports' chunks, recursively, and their CSS.
 * @param {Manifest} manifest @param {string} key @returns {string[]}
 */
export function staticClosure(manifest, key) {
  if (!manifest[key]) throw new Error(`${key} is not in the build manifest.`);
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {Set<string>} */
  const files = new Set();
  const visit = (/** @type {string} */ k) => {
    if (seen.has(k)) return;
    seen.add(k);
    const chunk = manifest[k];
    if (!chunk) throw new Error(`${k} (imported in the build manifest) has no entry.`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return [...files];
}

/** @param {string} dist @param {Iterable<string>} files @returns {Sizes} */
function measure(dist, files) {
  let js = 0;
  let css = 0;
  const list = [...new Set(files)].sort();
  for (const file of list) {
    const size = gzipSync(readFileSync(path.join(dist, file))).length;
    if (file.endsWith('.js')) js += size;
    else if (file.endsWith('.css')) css += size;
  }
  return { jsKB: js / 1024, cssKB: css / 1024, files: list };
}

/**
 * Gzipped sizes of the scripts and styles the first view loads: the union (`jsKB`, `cssKB`,
 * `files`), the entry alone (`entry`), and each first-view route with the entry (`routes`,
 * keyed by module path: `extra` is what the route adds to the entry).
 * @param {string} [dist]
 * @returns {Sizes & { entry: Sizes, routes: Record<string, Sizes & { extra: Sizes }> }}
 */
export function firstViewSizes(dist = 'dist') {
  const manifest = readManifest(dist);
  // index.html, and the early start that vite.config.ts puts ahead of it in the page.
  const entryKeys = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  if (entryKeys.length === 0) throw new Error('The build manifest has no entry chunk.');
  const entryFiles = [...new Set(entryKeys.flatMap((key) => staticClosure(manifest, key)))];
  const entrySet = new Set(entryFiles);
  /** @type {Set<string>} */
  const union = new Set(entryFiles);
  /** @type {Record<string, Sizes & { extra: Sizes }>} */
  const routes = {};
  for (const route of FIRST_VIEW_ROUTES) {
    const files = staticClosure(manifest, route);
    for (const f of files) union.add(f);
    routes[route] = {
      ...measure(dist, [...entryFiles, ...files]),
      extra: measure(
        dist,
        files.filter((f) => !entrySet.has(f)),
      ),
    };
  }
  return { ...measure(dist, union), entry: measure(dist, entryFiles), routes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.error(`${dist}/index.html is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const sizes = firstViewSizes(dist);
  const kb = (/** @type {number} */ n) => n.toFixed(1);
  console.log(`entry: ${kb(sizes.entry.jsKB)} KB JS, ${kb(sizes.entry.cssKB)} KB CSS (gzip)`);
  for (const [route, s] of Object.entries(sizes.routes)) {
    console.log(
      `${route}: +${kb(s.extra.jsKB)} KB JS, +${kb(s.extra.cssKB)} KB CSS (${s.extra.files.length} files); ` +
        `with the entry ${kb(s.jsKB)} KB JS, ${kb(s.cssKB)} KB CSS`,
    );
  }
  console.log(
    `first view (entry + ${FIRST_VIEW_ROUTES.length} routes): ${kb(sizes.jsKB)} KB JS, ` +
      `${kb(sizes.cssKB)} KB CSS (gzip); budget ${FIRST_VIEW_JS_BUDGET_KB} KB JS`,
  );
  if (sizes.jsKB > FIRST_VIEW_JS_BUDGET_KB) {
    console.error(
      `The first view's JavaScript is over budget by ${kb(sizes.jsKB - FIRST_VIEW_JS_BUDGET_KB)} KB.`,
    );
    process.exit(1);
  }
}
