import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { StoragePaths } from '../storage/paths.ts';
import {
  decodeWithFfmpeg,
  decodeWithSystemTool,
  decodeWithWasm,
  detectSystemDecoders,
  extractEmbeddedJpeg,
  isRawExtension,
  sniffFormat,
  type DecodedImage,
  type DecoderPreference,
} from './decoders.ts';
import { generateImageOutputs, isSideways } from './image.ts';
import { extractMetadata, type MetadataOutcome, type TagSet } from './metadata.ts';
import { programWorks } from './tools.ts';
import {
  displayedSize,
  extractPoster,
  formatDuration,
  needsTranscode,
  probeVideo,
  transcodeToMp4,
  videoTags,
  type VideoProbe,
} from './video.ts';
import { emptyExif, type MediaJob, type MediaKind, type MediaResult } from './types.ts';

/** External programs, by name on the PATH or by absolute path. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  heifConvert: string;
  djxl: string;
}

export const DEFAULT_TOOLS: MediaTools = {
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffprobe',
  heifConvert: 'heif-convert',
  djxl: 'djxl',
};

/** What this machine can do, found once per service. */
export interface MediaCapabilities {
  /** ffmpeg and ffprobe answer: video metadata, posters and transcoding work. */
  video: boolean;
  /** How HEIC and JPEG XL get decoded: a system tool, or the WebAssembly decoder from npm. */
  heic: 'heif-convert' | 'wasm';
  jxl: 'djxl' | 'wasm';
  /** Other formats sharp cannot read (BMP, JPEG 2000, PSD…) go through ffmpeg when present. */
  ffmpegImages: boolean;
  /** One line per missing ability, for the server to log once at start. */
  warnings: string[];
}

export async function detectCapabilities(
  tools: MediaTools,
  preference: DecoderPreference,
): Promise<MediaCapabilities> {
  const [ffmpeg, ffprobe, system] = await Promise.all([
    programWorks(tools.ffmpeg, ['-hide_banner', '-version']),
    programWorks(tools.ffprobe, ['-hide_banner', '-version']),
    preference === 'wasm'
      ? Promise.resolve({ heic: false, jxl: false })
      : detectSystemDecoders({
          heifConvert: tools.heifConvert,
          djxl: tools.djxl,
          ffmpeg: tools.ffmpeg,
        }),
  ]);
  const video = ffmpeg && ffprobe;
  const warnings: string[] = [];
  if (!video) {
    warnings.push(
      `ffmpeg/ffprobe not found (${tools.ffmpeg}, ${tools.ffprobe}): videos are stored and served as ` +
        'uploaded, without duration, poster frames or transcoding for browsers',
    );
  }
  if (!ffmpeg) warnings.push('without ffmpeg, BMP, JPEG 2000 and PSD images get no thumbnails');
  return {
    video,
    heic: system.heic ? 'heif-convert' : 'wasm',
    jxl: system.jxl ? 'djxl' : 'wasm',
    ffmpegImages: ffmpeg,
    warnings,
  };
}

/** Everything a job needs besides itself. */
export interface ProcessContext {
  paths: StoragePaths;
  tools: MediaTools;
  capabilities: () => Promise<MediaCapabilities>;
}

export function emptyResult(job: MediaJob, kinds: MediaKind[]): MediaResult {
  return {
    assetId: job.assetId,
    kinds,
    ok: true,
    width: null,
    height: null,
    thumbhash: null,
    thumbnailPath: null,
    previewPath: null,
    fullsizePath: null,
    encodedVideoPath: null,
    duration: null,
    exif: emptyExif(),
    dateTimeOriginal: null,
    localDateTime: null,
    timeZone: null,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the requested kinds for one job. Failures end up in `error`; only an abort throws. */
export async function processJob(
  job: MediaJob,
  kinds: MediaKind[],
  context: ProcessContext,
  signal: AbortSignal,
): Promise<MediaResult> {
  switch (job.type) {
    case 'IMAGE':
      return processImage(job, kinds, context, signal);
    case 'VIDEO':
      return processVideo(job, kinds, context, signal);
    default:
      return processOther(job, kinds, signal);
  }
}

function finish(result: MediaResult, errors: string[]): MediaResult {
  if (errors.length > 0) {
    result.ok = false;
    result.error = errors.join('; ');
  }
  return result;
}

function applyMetadata(result: MediaResult, metadata: MetadataOutcome): void {
  result.exif = metadata.exif;
  result.dateTimeOriginal = metadata.dateTimeOriginal;
  result.localDateTime = metadata.localDateTime;
  result.timeZone = metadata.timeZone;
  const { exifImageWidth: width, exifImageHeight: height, orientation } = metadata.exif;
  if (width && height) {
    const sideways = isSideways(orientation);
    result.width = sideways ? height : width;
    result.height = sideways ? width : height;
  }
}

// ---------------------------------------------------------------------------------------------
// Images

/** Formats every browser shows as they are: their originals need no full-size JPEG. */
const BROWSER_IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'svg']);

interface ImageDecode extends DecodedImage {
  /** Stored size as sharp read it from the header, when sharp could. */
  headerSize: { width: number; height: number } | null;
  browserShowable: boolean;
}

async function sharpHeader(input: string | Buffer) {
  return sharp(input, { limitInputPixels: false, failOn: 'none' }).metadata();
}

/**
 * Finds a decoder for the image: sharp first; then, by the file's magic bytes, the HEIC or
 * JPEG XL decoders (system tool, falling back to WebAssembly); a RAW file's embedded preview;
 * ffmpeg. Throws with every reason when nothing can decode it.
 */
async function decodeImage(
  job: MediaJob,
  context: ProcessContext,
  signal: AbortSignal,
): Promise<ImageDecode> {
  const reasons: string[] = [];
  const file = job.originalPath;
  const handle = await fs.open(file, 'r');
  const head = Buffer.alloc(64);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const sniffed = sniffFormat(head);

  if (!sniffed) {
    try {
      const meta = await sharpHeader(file);
      const format =
        meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : String(meta.format);
      if (meta.format === 'heif' && meta.compression !== 'av1') throw new Error('HEVC-coded HEIF');
      if (isRawExtension(job.originalFileName) && meta.format === 'tiff') {
        // libvips reads a RAW file's first TIFF directory: often a tiny thumbnail, never the photo.
        throw new Error('RAW file: using its embedded preview instead');
      }
      const { width, height, orientation } = meta;
      return {
        source: { kind: 'file', path: file, header: { width, height, orientation } },
        decoder: 'sharp',
        dispose: () => Promise.resolve(),
        headerSize: { width, height },
        browserShowable: BROWSER_IMAGE_FORMATS.has(format),
      };
    } catch (error) {
      reasons.push(`sharp: ${errorText(error)}`);
    }
  }
  signal.throwIfAborted();

  const kind = sniffed ?? (sharpSaysHevc(reasons) ? 'heic' : null);
  if (kind) {
    const capabilities = await context.capabilities();
    const system = kind === 'heic' ? capabilities.heic !== 'wasm' : capabilities.jxl !== 'wasm';
    if (system) {
      try {
        const decoded = await decodeWithSystemTool(
          kind,
          file,
          {
            heifConvert: context.tools.heifConvert,
            djxl: context.tools.djxl,
            ffmpeg: context.tools.ffmpeg,
          },
          signal,
        );
        return { ...decoded, headerSize: null, browserShowable: false };
      } catch (error) {
        signal.throwIfAborted();
        reasons.push(`${kind === 'heic' ? 'heif-convert' : 'djxl'}: ${errorText(error)}`);
      }
    }
    try {
      const decoded = await decodeWithWasm(kind, file, signal);
      return { ...decoded, headerSize: null, browserShowable: false };
    } catch (error) {
      signal.throwIfAborted();
      reasons.push(`${kind} decoder: ${errorText(error)}`);
    }
  }

  if (isRawExtension(job.originalFileName)) {
    try {
      const decoded = await extractEmbeddedJpeg(file, async (jpeg) => {
        try {
          const meta = await sharpHeader(jpeg);
          return meta.format === 'jpeg' ? { width: meta.width, height: meta.height } : null;
        } catch {
          return null;
        }
      });
      return { ...decoded, headerSize: null, browserShowable: false };
    } catch (error) {
      reasons.push(`embedded preview: ${errorText(error)}`);
    }
  }
  signal.throwIfAborted();

  if (!kind && (await context.capabilities()).ffmpegImages) {
    try {
      const decoded = await decodeWithFfmpeg(file, context.tools.ffmpeg, signal);
      return { ...decoded, headerSize: null, browserShowable: false };
    } catch (error) {
      signal.throwIfAborted();
      reasons.push(`ffmpeg: ${errorText(error)}`);
    }
  }
  const name = path.extname(job.originalFileName).slice(1).toUpperCase() || job.mimeType;
  throw new Error(`Cannot decode this ${name} image (${reasons.join('; ')})`);
}

function sharpSaysHevc(reasons: string[]): boolean {
  return reasons.some((reason) => reason.includes('HEVC'));
}

async function processImage(
  job: MediaJob,
  kinds: MediaKind[],
  context: ProcessContext,
  signal: AbortSignal,
): Promise<MediaResult> {
  const result = emptyResult(job, kinds);
  const errors: string[] = [];
  const wantsThumbnails = kinds.includes('thumbnails');

  let decoded: ImageDecode | null = null;
  let decodeError: string | null = null;
  if (wantsThumbnails || kinds.includes('metadata')) {
    try {
      decoded = wantsThumbnails ? await decodeImage(job, context, signal) : await headerOnly(job);
    } catch (error) {
      signal.throwIfAborted();
      decodeError = errorText(error);
    }
  }
  try {
    if (kinds.includes('metadata')) {
      try {
        const extra: TagSet[] =
          decoded?.source.kind === 'raw'
            ? [{ dates: [], width: decoded.source.width, height: decoded.source.height }]
            : [];
        applyMetadata(result, await extractMetadata(job, extra, decoded?.headerSize ?? undefined));
      } catch (error) {
        errors.push(`metadata: ${errorText(error)}`);
      }
    }
    signal.throwIfAborted();

    if (wantsThumbnails) {
      if (decoded) {
        try {
          let source = decoded.source;
          if (decoded.decoder === 'embedded-preview' && source.kind === 'encoded') {
            const orientation = Number(
              result.exif.orientation ?? (await readOrientation(job)) ?? 1,
            );
            const own = (await sharpHeader(source.data)).orientation;
            if (!own && orientation > 1) source = { ...source, orientation };
          }
          const outputs = await generateImageOutputs(source, {
            thumbnail: context.paths.thumbnail(job.ownerId, job.assetId),
            preview: context.paths.preview(job.ownerId, job.assetId),
            fullsize: decoded.browserShowable
              ? undefined
              : context.paths.fullsize(job.ownerId, job.assetId),
          });
          Object.assign(result, outputs);
        } catch (error) {
          signal.throwIfAborted();
          errors.push(`thumbnails: ${errorText(error)}`);
        }
      } else {
        errors.push(`thumbnails: ${decodeError ?? 'cannot decode the image'}`);
      }
    }
  } finally {
    await decoded?.dispose();
  }
  return finish(result, errors);
}

/** For a metadata-only run: the stored size from sharp's header read, when sharp knows the format. */
async function headerOnly(job: MediaJob): Promise<ImageDecode | null> {
  try {
    const meta = await sharpHeader(job.originalPath);
    if (meta.format === 'heif' && meta.compression !== 'av1') return null;
    if (isRawExtension(job.originalFileName)) return null;
    return {
      source: { kind: 'file', path: job.originalPath },
      decoder: 'sharp',
      dispose: () => Promise.resolve(),
      headerSize: { width: meta.width, height: meta.height },
      browserShowable: true,
    };
  } catch {
    return null;
  }
}

async function readOrientation(job: MediaJob): Promise<number | null> {
  try {
    const outcome = await extractMetadata(job);
    return Number(outcome.exif.orientation) || null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Videos

async function processVideo(
  job: MediaJob,
  kinds: MediaKind[],
  context: ProcessContext,
  signal: AbortSignal,
): Promise<MediaResult> {
  const result = emptyResult(job, kinds);
  const errors: string[] = [];
  const capabilities = await context.capabilities();

  let probe: VideoProbe | null = null;
  if (!capabilities.video) {
    errors.push('video: ffmpeg/ffprobe are not installed; the original is served as uploaded');
  } else {
    try {
      probe = await probeVideo(context.tools, job.originalPath, signal);
    } catch (error) {
      signal.throwIfAborted();
      errors.push(`video: ffprobe cannot read the file: ${errorText(error)}`);
    }
  }

  if (kinds.includes('metadata')) {
    try {
      applyMetadata(result, await extractMetadata(job, probe ? [videoTags(probe)] : []));
      if (probe) {
        result.duration = probe.duration === null ? null : formatDuration(probe.duration);
        const size = displayedSize(probe);
        result.width = size?.width ?? null;
        result.height = size?.height ?? null;
      }
    } catch (error) {
      errors.push(`metadata: ${errorText(error)}`);
    }
  }
  signal.throwIfAborted();

  if (probe && kinds.includes('thumbnails')) {
    try {
      const poster = await extractPoster(context.tools, job.originalPath, probe, signal);
      const outputs = await generateImageOutputs(
        { kind: 'encoded', data: poster, autoOrient: false },
        {
          thumbnail: context.paths.thumbnail(job.ownerId, job.assetId),
          preview: context.paths.preview(job.ownerId, job.assetId),
        },
      );
      const size = displayedSize(probe);
      Object.assign(result, outputs, size ?? {});
    } catch (error) {
      signal.throwIfAborted();
      errors.push(`thumbnails: no poster frame: ${errorText(error)}`);
    }
  }
  signal.throwIfAborted();

  if (probe && kinds.includes('transcode') && probe.videoCodec && needsTranscode(probe)) {
    const target = context.paths.encodedVideo(job.ownerId, job.assetId);
    try {
      await transcodeToMp4(context.tools, job.originalPath, target, signal);
      result.encodedVideoPath = target;
    } catch (error) {
      signal.throwIfAborted();
      errors.push(`transcode: ${errorText(error)}`);
    }
  }
  return finish(result, errors);
}

// ---------------------------------------------------------------------------------------------
// Audio and other files: dates and size only.

async function processOther(
  job: MediaJob,
  kinds: MediaKind[],
  signal: AbortSignal,
): Promise<MediaResult> {
  const result = emptyResult(job, kinds);
  const errors: string[] = [];
  if (kinds.includes('metadata')) {
    try {
      applyMetadata(result, await extractMetadata(job));
    } catch (error) {
      errors.push(`metadata: ${errorText(error)}`);
    }
  }
  signal.throwIfAborted();
  return finish(result, errors);
}
