/* global document, window, requestAnimationFrame, innerHeight -- page functions run in the browser */
// Timeline benchmark: a 100,000-asset library over 15 years (seeded straight into the
// local server's database) opened in headless Chromium, and a second library with 50,000
// of its assets in one month. Figures are medians over BENCH_RUNS runs (default 3), each
// in a new browser profile (empty HTTP cache).
//
//   node scripts/bench/timeline.mjs          (alone; `npm run build` first)
//   npm run bench -- timeline                (through the runner, which builds)
import { writeFileSync } from 'node:fs';
import { seedLibrary } from './seed.mjs';
import { BROWSER_SETTLE_MS, openProfile, waitForFirstThumbnails } from './browser.mjs';
import { summarize } from './stats.mjs';

const ASSETS = Number(process.env.BENCH_TIMELINE_ASSETS ?? 100_000);
const BIG_MONTH = Number(process.env.BENCH_TIMELINE_BIG_MONTH ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VIEWPORT = { width: 1440, height: 900 };

/** Before any script of the page: collect long tasks (≥ 50 ms, the browser's threshold). */
function installObservers() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  // True once every tile in the viewport shows its decoded thumbnail and the scrubber
  // says the month at the top is `valueText` (any month when null).
  window.__screenReady = (valueText) => {
    const slider = document.querySelector('[role="slider"]');
    if (valueText && slider?.getAttribute('aria-valuetext') !== valueText) return false;
    const cells = [...document.querySelectorAll('[role="gridcell"][data-id]')].filter((cell) => {
      const r = cell.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.width > 0;
    });
    if (cells.length === 0) return false;
    return cells.every((cell) => {
      const img = cell.querySelector('img');
      return img && img.complete && img.naturalWidth > 0;
    });
  };
}

/** In the page: see installObservers. */
const screenReady = (valueText) => window.__screenReady(valueText);

/** In the page: the number of elements in the document. */
const domCount = () => document.getElementsByTagName('*').length;

/** In the page: empties the long-task list. */
const resetLongTasks = () => {
  window.__longTasks.length = 0;
};

/** In the page: the longest task since the last reset (0 when none reached 50 ms). */
const longestTask = () => Math.max(0, ...window.__longTasks);

/**
 * In the page: a fast flick through the grid, `step` px per frame for `frames` frames,
 * sampling the DOM size each frame; then a second for the loads it started to settle.
 */
async function fastScroll({ step, frames }) {
  const grid = document.querySelector('[role="grid"]');
  let maxDom = 0;
  for (let i = 0; i < frames; i++) {
    grid.scrollTop += step;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    maxDom = Math.max(maxDom, document.getElementsByTagName('*').length);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return maxDom;
}

async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function openTimeline(server, token) {
  const profile = await openProfile(server.url, token, VIEWPORT);
  const page = await profile.context.newPage();
  await page.addInitScript(installObservers);
  await page.goto(`${server.url}/`);
  const firstThumbnailsMs = await waitForFirstThumbnails(page);
  return { profile, page, firstThumbnailsMs };
}

/**
 * Clicks the scrubber on the label of `year` (newest month of that year) and returns the
 * time from the pointer going down to that month's first screen of thumbnails.
 */
async function scrubberJump(page, year) {
  const slider = page.getByRole('slider', { name: 'Jump to a month' });
  const label = slider.getByText(String(year), { exact: true });
  const box = await label.boundingBox();
  const rail = await slider.boundingBox();
  if (!box || !rail) throw new Error(`no scrubber label for ${year}`);
  await page.evaluate(() => {
    const slider = document.querySelector('[role="slider"]');
    window.__jumpStart = null;
    slider.addEventListener('pointerdown', (e) => (window.__jumpStart = e.timeStamp), {
      once: true,
      capture: true,
    });
  });
  await page.mouse.click(rail.x + rail.width / 2, box.y + 2);
  const handle = await page.waitForFunction(
    (y) => {
      const slider = document.querySelector('[role="slider"]');
      const text = slider?.getAttribute('aria-valuetext') ?? '';
      return text.endsWith(String(y)) && window.__screenReady(null)
        ? performance.now() - window.__jumpStart
        : false;
    },
    year,
    { polling: 'raf', timeout: 60_000 },
  );
  return handle.jsonValue();
}

/**
 * Steps through every month with the scrubber's keyboard (Down: next month), waiting at
 * each for its first screen of thumbnails: every month gets loaded, laid out and shown.
 * Returns the largest DOM seen and the month count.
 */
async function wholeLibraryPass(page) {
  const slider = page.getByRole('slider', { name: 'Jump to a month' });
  await slider.focus();
  await slider.press('Home');
  const max = Number(await slider.getAttribute('aria-valuemax'));
  let maxDom = await page.evaluate(domCount);
  let previous = '';
  for (let i = 0; i < max; i++) {
    await slider.press('ArrowDown');
    const text = await slider.getAttribute('aria-valuetext');
    if (text === previous) continue;
    previous = text;
    await page.waitForFunction(screenReady, null, { polling: 'raf', timeout: 60_000 });
    maxDom = Math.max(maxDom, await page.evaluate(domCount));
  }
  return { maxDom, months: max + 1 };
}

async function libraryScenario(count = ASSETS, runCount = RUNS) {
  const { server, api } = await seedLibrary({ count, years: 15 });
  const runs = [];
  try {
    const buckets = await api.json('GET', '/timeline/buckets?visibility=timeline');
    const newestYear = Number(buckets[0].timeBucket.slice(0, 4));
    for (let run = 0; run < runCount; run++) {
      const { profile, page, firstThumbnailsMs } = await openTimeline(server, api.token);
      try {
        await page.evaluate(resetLongTasks);
        const scrollDom = await page.evaluate(fastScroll, { step: 4000, frames: 90 });
        const longestTaskMs = await page.evaluate(longestTask);
        const scrubberJumpMs = await scrubberJump(page, newestYear - 10);
        const pass = await wholeLibraryPass(page);
        const maxDomElements = Math.max(scrollDom, pass.maxDom);
        const heap = await heapMB(page);
        runs.push({
          firstThumbnailsMs,
          longestTaskMs,
          scrubberJumpMs,
          maxDomElements,
          heapMB: heap,
          months: pass.months,
        });
        console.log(`  ${count} assets, run ${run + 1}:`, runs[runs.length - 1]);
      } finally {
        await profile.close();
      }
    }
  } finally {
    await server.stop();
  }
  return runs;
}

async function bigMonthScenario() {
  const { server, api } = await seedLibrary({ count: ASSETS, bigMonth: BIG_MONTH });
  const runs = [];
  let big = { timeBucket: '', count: 0 };
  try {
    const buckets = await api.json('GET', '/timeline/buckets?visibility=timeline');
    big = buckets.reduce((a, b) => (b.count > a.count ? b : a));
    const year = Number(big.timeBucket.slice(0, 4));
    const month = Number(big.timeBucket.slice(5, 7));
    for (let run = 0; run < RUNS; run++) {
      const { profile, page } = await openTimeline(server, api.token);
      try {
        await page.evaluate(resetLongTasks);
        // To the big month: its year on the scrubber, then month by month with the keyboard.
        await scrubberJump(page, year);
        const slider = page.getByRole('slider', { name: 'Jump to a month' });
        const target = await page.evaluate(
          ({ y, m }) =>
            new Intl.DateTimeFormat(undefined, {
              month: 'long',
              year: 'numeric',
              timeZone: 'UTC',
            }).format(Date.UTC(y, m - 1, 1)),
          { y: year, m: month },
        );
        await slider.focus();
        for (let i = 0; i < 12 && (await slider.getAttribute('aria-valuetext')) !== target; i++) {
          await slider.press('ArrowDown');
        }
        await page.waitForFunction(screenReady, target, { polling: 'raf', timeout: 120_000 });
        const openMs = await page.evaluate(longestTask);
        // Then a fast flick through the month itself.
        const scrollDom = await page.evaluate(fastScroll, { step: 3000, frames: 90 });
        const bigMonthLongestTaskMs = await page.evaluate(longestTask);
        runs.push({
          bigMonthLongestTaskMs,
          bigMonthOpenLongestTaskMs: openMs,
          bigMonthMaxDom: scrollDom,
        });
        console.log(`  big month run ${run + 1}:`, runs[runs.length - 1]);
      } finally {
        await profile.close();
      }
    }
  } finally {
    await server.stop();
  }
  return { runs, bucket: big.timeBucket, count: big.count };
}

const pick = (runs, key) => summarize(runs.map((r) => r[key]));

/** Smaller libraries for the DOM-and-heap-against-size plot (one run each: both are steady). */
const SCALING_SIZES = (process.env.BENCH_TIMELINE_SCALING ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n < ASSETS);
export const SCALING_SVG = 'docs/benchmarks/timeline-scaling.svg';

/**
 * A line chart (log-scale library size across, one panel per figure) of the largest DOM and
 * the JS heap after a pass through every month, written as a standalone SVG.
 */
export function scalingSvg(points) {
  const width = 640;
  const panelHeight = 200;
  const left = 70;
  const right = 20;
  const top = 40;
  const gap = 70;
  const xs = points.map((p) => Math.log10(p.assets));
  const [x0, x1] = [Math.min(...xs) - 0.2, Math.max(...xs) + 0.2];
  const xOf = (assets) => left + ((Math.log10(assets) - x0) / (x1 - x0)) * (width - left - right);
  const panels = [
    { key: 'maxDomElements', title: 'Largest DOM (elements); budget 3,000', budget: 3000 },
    { key: 'heapMB', title: 'JS heap after the whole library (MB); budget 150', budget: 150 },
  ];
  const out = [];
  panels.forEach((panel, i) => {
    const y0 = top + i * (panelHeight + gap);
    const max = panel.budget * 1.1;
    const yOf = (v) => y0 + panelHeight - (v / max) * panelHeight;
    out.push(
      `<text x="${left}" y="${y0 - 12}" font-size="14" font-weight="bold">${panel.title}</text>`,
      `<rect x="${left}" y="${y0}" width="${width - left - right}" height="${panelHeight}" fill="none" stroke="#999"/>`,
      `<line x1="${left}" x2="${width - right}" y1="${yOf(panel.budget)}" y2="${yOf(panel.budget)}" stroke="#c33" stroke-dasharray="6 4"/>`,
      `<text x="${width - right - 4}" y="${yOf(panel.budget) - 4}" font-size="11" text-anchor="end" fill="#c33">budget</text>`,
    );
    for (const tick of [0, 0.5, 1].map((f) => Math.round(f * panel.budget))) {
      out.push(
        `<text x="${left - 6}" y="${yOf(tick) + 4}" font-size="11" text-anchor="end">${tick}</text>`,
      );
    }
    const path = points
      .map((p, j) => `${j ? 'L' : 'M'}${xOf(p.assets).toFixed(1)},${yOf(p[panel.key]).toFixed(1)}`)
      .join(' ');
    out.push(`<path d="${path}" fill="none" stroke="#1f6feb" stroke-width="2"/>`);
    for (const p of points) {
      const value = panel.key === 'heapMB' ? p[panel.key].toFixed(1) : String(p[panel.key]);
      out.push(
        `<circle cx="${xOf(p.assets).toFixed(1)}" cy="${yOf(p[panel.key]).toFixed(1)}" r="4" fill="#1f6feb"/>`,
        `<text x="${xOf(p.assets).toFixed(1)}" y="${(yOf(p[panel.key]) - 9).toFixed(1)}" font-size="11" text-anchor="middle">${value}</text>`,
        `<text x="${xOf(p.assets).toFixed(1)}" y="${y0 + panelHeight + 16}" font-size="11" text-anchor="middle">${p.assets.toLocaleString('en-US')} assets</text>`,
      );
    }
  });
  const height = top + panels.length * (panelHeight + gap) - 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="Timeline DOM size and JS heap against library size">
<title>Timeline DOM size and JS heap against library size (npm run bench -- timeline)</title>
<rect width="100%" height="100%" fill="#fff"/>
${out.join('\n')}
</svg>
`;
}

export async function benchTimeline() {
  console.log(`Seeding ${ASSETS} assets over 15 years...`);
  const library = await libraryScenario();
  const scaling = [];
  for (const size of SCALING_SIZES) {
    console.log(`Seeding ${size} assets over 15 years (DOM and heap against library size)...`);
    const [run] = await libraryScenario(size, 1);
    scaling.push({ assets: size, maxDomElements: run.maxDomElements, heapMB: run.heapMB });
  }
  scaling.push({
    assets: ASSETS,
    maxDomElements: pick(library, 'maxDomElements').median,
    heapMB: pick(library, 'heapMB').median,
  });
  writeFileSync(SCALING_SVG, scalingSvg(scaling));
  console.log(`Seeding ${ASSETS} assets with ${BIG_MONTH} in one month...`);
  const big = await bigMonthScenario();
  return {
    figures: {
      assets: ASSETS,
      firstThumbnailsMs: pick(library, 'firstThumbnailsMs'),
      maxDomElements: pick(library, 'maxDomElements'),
      heapMB: pick(library, 'heapMB'),
      longestTaskMs: pick(library, 'longestTaskMs'),
      scrubberJumpMs: pick(library, 'scrubberJumpMs'),
      bigMonthLongestTaskMs: pick(big.runs, 'bigMonthLongestTaskMs'),
      bigMonthAssets: big.count,
    },
    detail: { library, scaling, bigMonth: big },
    notes: [
      `${ASSETS} assets seeded over 15 years (${library[0]?.months ?? '?'} months) straight into the local server's database, sharing 24 real thumbnail files; headless Chromium ${VIEWPORT.width}×${VIEWPORT.height}, a new profile (cold HTTP cache) per run, given ${BROWSER_SETTLE_MS / 1000} s after the browser starts to finish its own start-up (as a user's running browser has) before the navigation.`,
      'firstThumbnailsMs: navigation start to the first frame where every tile in the viewport shows its decoded thumbnail.',
      'longestTaskMs: longest main-thread task (PerformanceObserver "longtask") during a fast flick of 90 frames × 4,000 px; 0 means no task reached the browser\'s 50 ms long-task threshold.',
      "scrubberJumpMs: pointer down on the scrubber at the year ten years back to that month's first screen of decoded thumbnails.",
      "maxDomElements: the largest document seen during the flick and during a pass through every month (the scrubber's Down key, waiting for each month's thumbnails); heapMB: JS heap after that pass and a forced GC, with every month loaded.",
      `DOM and heap against library size (${scaling.map((p) => p.assets).join(', ')} assets, the same pass through every month): ![Timeline DOM size and JS heap against library size](benchmarks/timeline-scaling.svg) (${SCALING_SVG}).`,
      'Targets (issue #5): first thumbnails under 1,000 ms, DOM under 3,000 elements, heap under 150 MB, no task over 50 ms while scrolling, scrubber jump under 500 ms; in the big month, no task over 100 ms.',
      `bigMonthLongestTaskMs: ${big.count} assets in ${big.bucket}: longest main-thread task from the scrubber jump to that month, through its load (fetched and parsed in a worker), its layout in slices, and a 90 × 3,000 px flick through it (0: none reached 50 ms).`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTimeline(), null, 2));
}
