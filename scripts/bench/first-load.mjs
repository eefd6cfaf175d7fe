// First load: navigation to the first screen of thumbnails on a 10,000-asset library,
// with a cold HTTP cache (new profile) and a warm one (same profile, second visit),
// and the bytes each visit transferred.
import { seedLibrary } from './seed.mjs';
import { BROWSER_SETTLE_MS, openProfile, waitForFirstThumbnails } from './browser.mjs';
import { repeat } from './stats.mjs';

const ASSETS = Number(process.env.BENCH_FIRST_LOAD_ASSETS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function visit(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  const ms = await waitForFirstThumbnails(page);
  // Let the in-flight requests of that first screen settle before counting bytes.
  await page.waitForLoadState('networkidle').catch(() => {});
  const bytes = await page.evaluate(() =>
    performance
      .getEntriesByType('navigation')
      .concat(performance.getEntriesByType('resource'))
      .reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0),
  );
  await page.close();
  return { ms, bytes };
}

export async function benchFirstLoad() {
  const { server, api } = await seedLibrary({ count: ASSETS });
  try {
    const figures = await repeat(RUNS, async () => {
      const profile = await openProfile(server.url, api.token);
      try {
        const cold = await visit(profile.context, `${server.url}/`);
        const warm = await visit(profile.context, `${server.url}/`);
        return { coldMs: cold.ms, warmMs: warm.ms, coldBytes: cold.bytes, warmBytes: warm.bytes };
      } finally {
        await profile.close();
      }
    });
    return {
      figures: { assets: ASSETS, ...figures },
      notes: [
        `${ASSETS} assets seeded over 15 years; headless Chromium at 1440×900; time from navigation start until every thumbnail in the first screen has loaded and decoded.`,
        `The browser gets ${BROWSER_SETTLE_MS / 1000} s after it starts to finish its own start-up work (its UI pages) before the first visit, as a user's running browser has.`,
        'Cold: a new browser profile (empty HTTP cache). Warm: a second visit in the same profile; bytes are the transfer sizes of the document and every resource (0 for cache hits).',
      ],
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchFirstLoad(), null, 2));
}
