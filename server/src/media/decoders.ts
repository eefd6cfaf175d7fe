import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImageSource } from './image.ts';
import { programWorks, runCommand } from './tools.ts';

/**
 * Decoders for what sharp's prebuilt libvips cannot read. HEIC (HEVC in HEIF) and JPEG XL go
 * to the system's heif-convert / djxl when installed (fastest), else to WebAssembly builds from
 * npm (heic-decode, @jsquash/jxl) run in a worker thread so the server's event loop never waits
 * on them. Other formats (BMP, JPEG 2000, PSD, …) go to ffmpeg's image decoders, and camera RAW
 * files give up their largest embedded JPEG preview.
 */

export type DecoderKind = 'heic' | 'jxl';

/** A decoder still busy after this long is stuck on a damaged file: it is stopped. */
export const DECODE_TIMEOUT_MS = 300_000;
export type DecoderPreference = 'auto' | 'wasm';

export interface DecoderTools {
  heifConvert: string;
  djxl: string;
  ffmpeg: string;
}

export const DEFAULT_DECODER_TOOLS: DecoderTools = {
  heifConvert: 'heif-convert',
  djxl: 'djxl',
  ffmpeg: 'ffmpeg',
};

/** A decoded image plus a cleanup for any temporary file behind it. */
export interface DecodedImage {
  source: ImageSource;
  /** Which decoder produced it, for logs and reports ("heif-convert", "wasm:heic", …). */
  decoder: string;
  dispose(): Promise<void>;
}

/** What the magic bytes say, for formats that need a decoder other than sharp. */
export function sniffFormat(head: Buffer): DecoderKind | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0x0a) return 'jxl';
  if (head.length >= 12 && head.subarray(4, 12).toString('latin1') === 'JXL \r\n\x87\n')
    return 'jxl';
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') {
    const size = head.readUInt32BE(0);
    const brands: string[] = [];
    for (let offset = 8; offset + 4 <= Math.min(size, head.length); offset += 4) {
      if (offset === 12) continue; // minor version
      brands.push(head.subarray(offset, offset + 4).toString('latin1'));
    }
    if (brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(b)))
      return 'heic';
    if (brands.includes('mif1') && !brands.some((b) => b === 'avif' || b === 'avis')) return 'heic';
  }
  return null;
}

const RAW_EXTENSIONS = new Set([
  '.3fr',
  '.ari',
  '.arw',
  '.cap',
  '.cin',
  '.cr2',
  '.cr3',
  '.crw',
  '.dcr',
  '.dng',
  '.erf',
  '.fff',
  '.iiq',
  '.k25',
  '.kdc',
  '.mrw',
  '.nef',
  '.nrw',
  '.orf',
  '.ori',
  '.pef',
  '.raf',
  '.raw',
  '.rw2',
  '.sr2',
  '.srf',
  '.srw',
  '.x3f',
]);

export function isRawExtension(fileName: string): boolean {
  return RAW_EXTENSIONS.has(path.extname(fileName).toLowerCase());
}

/** Which system tools answer; checked once per service. */
export async function detectSystemDecoders(
  tools: DecoderTools,
): Promise<Record<DecoderKind, boolean>> {
  const [heic, jxl] = await Promise.all([
    programWorks(tools.heifConvert, ['--help']).then(
      (ok) => ok || programWorks(tools.heifConvert, ['--version']),
    ),
    programWorks(tools.djxl, ['--version']),
  ]);
  return { heic, jxl };
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lightbox-decode-'));
  try {
    return await work(dir);
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Decodes with heif-convert or djxl into a PNG in a temporary folder. */
export function decodeWithSystemTool(
  kind: DecoderKind,
  file: string,
  tools: DecoderTools,
  signal?: AbortSignal,
): Promise<DecodedImage> {
  return withTempDir(async (dir) => {
    const output = path.join(dir, 'decoded.png');
    const program = kind === 'heic' ? tools.heifConvert : tools.djxl;
    const args = kind === 'heic' ? ['--quiet', file, output] : [file, output];
    try {
      await runCommand(program, args, { signal, maxStdout: 1 << 20, timeoutMs: DECODE_TIMEOUT_MS });
    } catch (error) {
      // heif-convert 1.15 has no --quiet; retry without it.
      if (kind !== 'heic' || signal?.aborted) throw error;
      await runCommand(program, [file, output], {
        signal,
        maxStdout: 1 << 20,
        timeoutMs: DECODE_TIMEOUT_MS,
      });
    }
    // heif-convert names outputs decoded-1.png, decoded-2.png… when a file holds several images.
    const produced = (await fs.readdir(dir)).filter((name) => name.endsWith('.png')).sort();
    const chosen = produced.includes('decoded.png') ? 'decoded.png' : produced[0];
    if (!chosen) throw new Error(`${program} wrote no image`);
    return {
      source: { kind: 'file', path: path.join(dir, chosen), autoOrient: false },
      decoder: path.basename(program),
      dispose: () => fs.rm(dir, { recursive: true, force: true }),
    };
  });
}

const requireFromHere = createRequire(import.meta.url);

/** Runs in a worker thread: decodes HEIC or JPEG XL bytes to RGBA with the npm WASM builds. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
(async () => {
  const { kind, bytes, heicModule, jxlModule, jxlWasm } = workerData;
  let image;
  if (kind === 'heic') {
    const decode = require(heicModule);
    image = await decode({ buffer: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } else {
    const jxl = await import(jxlModule);
    await jxl.init(await WebAssembly.compile(fs.readFileSync(jxlWasm)));
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    image = await jxl.default(copy);
  }
  const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  parentPort.postMessage({ width: image.width, height: image.height, data }, [data.buffer]);
})().catch((error) => {
  parentPort.postMessage({ error: String((error && error.message) || error) });
});
`;

interface WorkerAnswer {
  width?: number;
  height?: number;
  data?: Uint8Array;
  error?: string;
}

/** Decodes HEIC or JPEG XL to RGBA pixels in a worker thread; aborting terminates the worker. */
export async function decodeWithWasm(
  kind: DecoderKind,
  file: string,
  signal?: AbortSignal,
): Promise<DecodedImage> {
  signal?.throwIfAborted();
  const bytes = await fs.readFile(file);
  const jxlDecode = requireFromHere.resolve('@jsquash/jxl/decode.js');
  const workerData = {
    kind,
    bytes,
    heicModule: requireFromHere.resolve('heic-decode'),
    jxlModule: pathToFileURL(jxlDecode).href,
    jxlWasm: path.join(path.dirname(jxlDecode), 'codec', 'dec', 'jxl_dec.wasm'),
  };
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    const stop = (reason: Error) => {
      void worker.terminate();
      reject(reason);
    };
    const onAbort = () =>
      stop(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(() => {
      stop(new Error(`the ${kind} decoder took longer than ${DECODE_TIMEOUT_MS / 1000} s`));
    }, DECODE_TIMEOUT_MS);
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    worker.once('message', (message: WorkerAnswer) => {
      done();
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
    worker.once('exit', (code) => {
      done();
      reject(new Error(`decoder worker exited with code ${code}`));
    });
  });
  if (answer.error || !answer.data || !answer.width || !answer.height) {
    throw new Error(`${kind} decoder: ${answer.error ?? 'no image'}`);
  }
  const pixels = answer.width * answer.height;
  const channels = answer.data.length / pixels;
  if (channels !== 3 && channels !== 4)
    throw new Error(`${kind} decoder returned ${channels} channels`);
  return {
    source: {
      kind: 'raw',
      data: Buffer.from(answer.data.buffer, answer.data.byteOffset, answer.data.byteLength),
      width: answer.width,
      height: answer.height,
      channels,
    },
    decoder: `wasm:${kind}`,
    dispose: () => Promise.resolve(),
  };
}

/** One frame through ffmpeg's image decoders (BMP, JPEG 2000, PSD, PCX, …) as PNG. */
export async function decodeWithFfmpeg(
  file: string,
  ffmpeg: string,
  signal?: AbortSignal,
): Promise<DecodedImage> {
  const { stdout } = await runCommand(
    ffmpeg,
    [
      '-nostdin',
      '-v',
      'error',
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-c:v',
      'png',
      '-',
    ],
    { signal, maxStdout: 1 << 30 },
  );
  if (stdout.length === 0) throw new Error('ffmpeg decoded no frame');
  return {
    source: { kind: 'encoded', data: stdout, autoOrient: false },
    decoder: 'ffmpeg',
    dispose: () => Promise.resolve(),
  };
}

/**
 * The largest JPEG embedded in a camera RAW file (its preview), when it is at least `minSide`
 * pixels on its longer side. `size` reads a candidate's header (null when it is no JPEG).
 */
export async function extractEmbeddedJpeg(
  file: string,
  size: (jpeg: Buffer) => Promise<{ width: number; height: number } | null>,
  minSide = 512,
): Promise<DecodedImage> {
  const bytes = await fs.readFile(file);
  const soi = Buffer.from([0xff, 0xd8, 0xff]);
  let best: { start: number; pixels: number } | null = null;
  let checked = 0;
  // A JPEG decoder stops at its end marker, so each start marker can be tried with the rest of
  // the file behind it. Start markers also occur by chance inside compressed data: cap the tries.
  for (
    let start = bytes.indexOf(soi);
    start >= 0 && checked < 64;
    start = bytes.indexOf(soi, start + 3)
  ) {
    checked++;
    const found = await size(bytes.subarray(start));
    if (found && Math.max(found.width, found.height) >= minSide) {
      const pixels = found.width * found.height;
      if (!best || pixels > best.pixels) best = { start, pixels };
    }
  }
  if (!best) throw new Error('no embedded preview large enough');
  return {
    source: { kind: 'encoded', data: bytes.subarray(best.start) },
    decoder: 'embedded-preview',
    dispose: () => Promise.resolve(),
  };
}
