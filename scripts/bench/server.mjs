// Server benchmark: thumbnail throughput against a plain static file server serving
// the same files, upload ingest against a disk copy, and thumbnail/preview generation
// of a 24-megapixel JPEG against vipsthumbnail.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  openAsBlob,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomFillSync } from 'node:crypto';
import autocannon from 'autocannon';
import sharp from 'sharp';
import { startServer, signIn } from './local-server.mjs';
import { repeat, summarize } from './stats.mjs';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 6);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THUMBS = 40;
const INGEST_MB = Number(process.env.BENCH_INGEST_MB ?? 1024);

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** A plain static file server: stat, headers, stream. The baseline for the thumbnail route. */
function startStaticServer(files) {
  const server = createServer((req, res) => {
    const index = Number(req.url.slice(1));
    const file = files[index];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const { size, mtimeMs } = statSync(file);
    res.writeHead(200, {
      'content-type': 'image/webp',
      'content-length': size,
      'cache-control': 'private, max-age=86400',
      etag: `"${size}-${mtimeMs}"`,
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function load(url, paths, headers = {}) {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function makeJpeg(width, height, seed) {
  const channels = 3;
  const raw = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      raw[o] = (x * 255) / width;
      raw[o + 1] = (y * 255) / height;
      raw[o + 2] = (seed * 37 + x + y) % 256;
    }
  }
  return sharp(raw, { raw: { width, height, channels } }).jpeg({ quality: 90 }).toBuffer();
}

async function thumbnailThroughput(server, api) {
  const ids = [];
  for (let n = 0; n < THUMBS; n++) {
    const jpeg = await makeJpeg(1600, 1200, n);
    const { id } = await api.upload(new Blob([jpeg], { type: 'image/jpeg' }), `bench-${n}.jpg`);
    ids.push(id);
  }
  // Wait until every thumbnail exists (the first request waits for generation).
  for (const id of ids) {
    const r = await fetch(`${server.url}/api/assets/${id}/thumbnail?size=thumbnail`, {
      headers: api.headers,
    });
    if (!r.ok) throw new Error(`thumbnail ${id}: ${r.status}`);
    await r.arrayBuffer();
  }
  const thumbFiles = listFiles(path.join(server.dataDir, 'thumbs')).filter((f) =>
    f.endsWith('-thumbnail.webp'),
  );
  if (thumbFiles.length < ids.length)
    throw new Error(`expected ${ids.length} thumbnails on disk, found ${thumbFiles.length}`);
  const staticServer = await startStaticServer(thumbFiles);
  const staticUrl = `http://127.0.0.1:${staticServer.address().port}`;
  try {
    const runs = await repeat(RUNS, async () => {
      const thumb = await load(
        server.url,
        ids.map((id) => `/api/assets/${id}/thumbnail?size=thumbnail`),
        api.headers,
      );
      const stat = await load(
        staticUrl,
        thumbFiles.map((_, k) => `/${k}`),
      );
      if (thumb.non2xx || thumb.errors)
        throw new Error(`thumbnail load had ${thumb.non2xx} non-2xx and ${thumb.errors} errors`);
      return {
        thumbRps: thumb.requests.average,
        staticRps: stat.requests.average,
        thumbRatioVsStatic: thumb.requests.average / stat.requests.average,
        thumbP50Ms: thumb.latency.p50,
        thumbP99Ms: thumb.latency.p99,
        staticP99Ms: stat.latency.p99,
      };
    });
    return runs;
  } finally {
    staticServer.close();
  }
}

async function ingest(server, api) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lightbox-ingest-'));
  try {
    const file = path.join(dir, 'large.mp4');
    // Incompressible content, written in 16 MiB chunks.
    const out = createWriteStream(file);
    const chunk = Buffer.alloc(16 * 2 ** 20);
    for (let written = 0; written < INGEST_MB * 2 ** 20; written += chunk.length) {
      randomFillSync(chunk);
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    }
    await new Promise((r) => out.end(r));
    const megabytes = statSync(file).size / 2 ** 20;
    return await repeat(RUNS, async (run) => {
      const copy = path.join(dir, `copy-${run}.bin`);
      let t0 = performance.now();
      execFileSync('cp', [file, copy]);
      const copySeconds = (performance.now() - t0) / 1000;
      rmSync(copy);
      const blob = await openAsBlob(file, { type: 'video/mp4' });
      t0 = performance.now();
      const answer = await api.upload(blob, `large-${run}.mp4`, { deviceAssetId: `large-${run}` });
      const uploadSeconds = (performance.now() - t0) / 1000;
      // Remove it for good so the next run is not a duplicate.
      await api.json('DELETE', '/assets', { ids: [answer.id], force: true });
      return {
        ingestMBps: megabytes / uploadSeconds,
        diskCopyMBps: megabytes / copySeconds,
        ingestRatioVsCopy: copySeconds / uploadSeconds,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ensureVipsthumbnail() {
  const has = () => spawnSync('sh', ['-c', 'command -v vipsthumbnail']).status === 0;
  if (!has() && process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libvips-tools'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return has();
}

async function generation() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lightbox-gen-'));
  try {
    const source = path.join(dir, 'source-24mp.jpg');
    await writeFile(source, await makeJpeg(6000, 4000, 7));
    const ours = [];
    // The server's own media pipeline, in a child process so it loads as the server does.
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/media-entry.ts', source, dir, String(RUNS)],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`media pipeline failed: ${result.stderr}`);
    ours.push(...JSON.parse(result.stdout.trim().split('\n').pop()));
    const vips = [];
    if (ensureVipsthumbnail()) {
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        execFileSync('vipsthumbnail', [
          source,
          '--size',
          '1440x1440',
          '-o',
          path.join(dir, `v-preview-${i}.jpg[Q=80]`),
        ]);
        execFileSync('vipsthumbnail', [
          source,
          '--size',
          '250x250',
          '-o',
          path.join(dir, `v-thumb-${i}.webp[Q=80]`),
        ]);
        vips.push(performance.now() - t0);
      }
    }
    return { previewMs: summarize(ours), vipsMs: summarize(vips) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchServer() {
  const server = await startServer();
  try {
    const api = await signIn(server.url);
    const thumbs = await thumbnailThroughput(server, api);
    const ingestFigures = await ingest(server, api);
    const gen = await generation();
    const ratio = (a, b) => a.median / b.median;
    return {
      figures: {
        ...thumbs,
        ...ingestFigures,
        previewMs: gen.previewMs,
        vipsMs: gen.vipsMs,
        previewRatioVsVips: ratio(gen.previewMs, gen.vipsMs),
      },
      notes: [
        `Thumbnails: ${THUMBS} generated 1600×1200 JPEGs, their 250 px WebP thumbnails requested round-robin by autocannon with ${CONNECTIONS} connections for ${DURATION_S} s, against the same files from a plain Node static file server (stat + stream), in the same run.`,
        `Ingest: one ${INGEST_MB} MiB file uploaded as multipart (Node fetch) until the server answers, against \`cp\` of the same file on the same disk.`,
        "Generation: 1440 px JPEG preview plus 250 px WebP thumbnail of a 6000×4000 JPEG by the server's media pipeline, against two vipsthumbnail runs (preview and thumbnail) on the same file.",
      ],
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchServer(), null, 2));
}
