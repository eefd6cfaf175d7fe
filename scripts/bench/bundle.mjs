// Bundle sizes: gzipped JS and CSS the first view loads, and each lazy chunk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstViewSizes } from '../check-bundle.mjs';

export async function benchBundle({ dist = 'dist' } = {}) {
  const first = firstViewSizes(dist);
  const firstSet = new Set(first.files.map((f) => path.basename(f)));
  const chunks = readdirSync(path.join(dist, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f) && !firstSet.has(f))
    .map((f) => ({
      file: f,
      gzipKB: gzipSync(readFileSync(path.join(dist, 'assets', f))).length / 1024,
    }))
    .sort((a, b) => b.gzipKB - a.gzipKB);
  return {
    figures: { firstViewJsGzipKB: first.jsKB, firstViewCssGzipKB: first.cssKB },
    detail: { lazyChunks: chunks },
  };
}
