import { viewAssetUrl } from '@/api/assets';
import { AssetMediaSize } from '@/api/types';
import { geometryFor } from './layout/geometry';
import { MonthLayoutTask } from './layout/month-layout';
import type { PackedMonth } from './months/packed-month';

/**
 * A tile's image URL. The grid and the preloading below must ask for the very same URL:
 * the browser's caches match by URL.
 */
export function tileImageUrl(id: string, thumbhash: string): string {
  return viewAssetUrl({ id, size: AssetMediaSize.Thumbnail, c: thumbhash || null });
}

/** Assets of the month laid out to find the first screen (a screen never holds more). */
const SAMPLE = 400;
/** No more images than this are preloaded, whatever the screen. */
const MAX_PRELOADED = 120;
/** How long the preloaded images are held (the grid shows them long before). */
const HOLD_MS = 15_000;

/**
 * The assets at the top of the grid in a viewport this size, from the months it starts
 * with. Laid out over the whole width (the grid is a little narrower), so rather a few too
 * many than one too few.
 */
export function firstScreenAssets(
  months: readonly PackedMonth[],
  width: number,
  height: number,
): { id: string; thumbhash: string }[] {
  const g = geometryFor(width, height);
  const assets: { id: string; thumbhash: string }[] = [];
  let top = 0;
  for (const month of months) {
    if (top >= height || assets.length >= MAX_PRELOADED) break;
    const end = Math.min(month.count, SAMPLE);
    const dayStarts: number[] = [];
    for (const start of month.dayStarts) {
      if (start >= end) break;
      dayStarts.push(start);
    }
    dayStarts.push(end);
    const layout = new MonthLayoutTask({ ratio: month.ratio.subarray(0, end), dayStarts }, g);
    const { rowCount, rowTop, rowEnd, height: monthHeight } = layout.runToEnd();
    let count = 0;
    for (let row = 0; row < rowCount && top + (rowTop[row] ?? 0) < height; row++) {
      count = rowEnd[row] ?? count;
    }
    for (let i = 0; i < count && assets.length < MAX_PRELOADED; i++) {
      const id = month.ids[i];
      if (id) assets.push({ id, thumbhash: month.thumbhashes[i] ?? '' });
    }
    top += monthHeight;
  }
  return assets;
}

const held = new Set<HTMLImageElement>();

/**
 * Starts loading the thumbnails the first screen will show, before the grid exists: on the
 * first visit the app's own code is still loading when the months arrive, and the images
 * then come in beside it instead of after it. The grid's <img> elements find them in the
 * browser's memory cache.
 */
export function preloadFirstScreen(
  months: readonly PackedMonth[],
  width: number,
  height: number,
): void {
  const images: HTMLImageElement[] = [];
  for (const { id, thumbhash } of firstScreenAssets(months, width, height)) {
    const image = new Image();
    image.fetchPriority = 'high';
    image.src = tileImageUrl(id, thumbhash);
    images.push(image);
    held.add(image);
  }
  setTimeout(() => {
    for (const image of images) held.delete(image);
  }, HOLD_MS);
}
