import path from 'node:path';
import sharp from 'sharp';
import type { StoragePaths } from '../storage/paths.ts';
import { generateImageOutputs, type ImageSource } from './image.ts';
import { extractMetadata } from './metadata.ts';
import { emptyExif, type MediaJob, type MediaKind, type MediaResult } from './types.ts';

/** Formats every browser shows as they are: their originals need no full-size JPEG. */
const BROWSER_IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'svg']);

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

/** What an image decoder hands on: something sharp reads, and whether browsers show the original. */
interface Decoded {
  source: ImageSource;
  format: string;
  /** Stored size (before orientation). */
  width: number;
  height: number;
  browserShowable: boolean;
}

/** Opens an image with sharp, reading only its header. Throws when sharp cannot decode it. */
async function decodeImage(job: MediaJob): Promise<Decoded> {
  const meta = await sharp(job.originalPath, { limitInputPixels: false }).metadata();
  const format = String(meta.format);
  // HEIF containers hold AVIF (which sharp decodes) or HEVC (which its build cannot).
  const isAvif = format === 'heif' && meta.compression === 'av1';
  if (format === 'heif' && !isAvif) throw new Error('HEVC-coded HEIF needs another decoder');
  return {
    source: { kind: 'file', path: job.originalPath },
    format: isAvif ? 'avif' : format,
    width: meta.width,
    height: meta.height,
    browserShowable: BROWSER_IMAGE_FORMATS.has(isAvif ? 'avif' : format),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the requested kinds for one job. Never throws: failures end up in `error`. */
export async function processJob(
  job: MediaJob,
  kinds: MediaKind[],
  paths: StoragePaths,
  signal: AbortSignal,
): Promise<MediaResult> {
  const result = emptyResult(job, kinds);
  const errors: string[] = [];

  let decoded: Decoded | null = null;
  let decodeError: string | null = null;
  if (job.type === 'IMAGE') {
    try {
      decoded = await decodeImage(job);
    } catch (error) {
      decodeError = `Cannot decode ${path.extname(job.originalFileName) || job.mimeType} image: ${errorText(error)}`;
    }
  }

  if (kinds.includes('metadata')) {
    try {
      const metadata = await extractMetadata(job, [], decoded ?? undefined);
      Object.assign(result, metadata);
      const { exifImageWidth: w, exifImageHeight: h, orientation } = metadata.exif;
      if (w && h) {
        const sideways = ['5', '6', '7', '8'].includes(orientation ?? '');
        result.width = sideways ? h : w;
        result.height = sideways ? w : h;
      }
    } catch (error) {
      errors.push(`metadata: ${errorText(error)}`);
    }
  }
  signal.throwIfAborted();

  if (kinds.includes('thumbnails')) {
    if (job.type === 'IMAGE') {
      if (decoded) {
        try {
          const outputs = await generateImageOutputs(decoded.source, {
            thumbnail: paths.thumbnail(job.ownerId, job.assetId),
            preview: paths.preview(job.ownerId, job.assetId),
            fullsize: decoded.browserShowable
              ? undefined
              : paths.fullsize(job.ownerId, job.assetId),
          });
          Object.assign(result, outputs);
        } catch (error) {
          errors.push(`thumbnails: ${errorText(error)}`);
        }
      } else {
        errors.push(`thumbnails: ${decodeError ?? 'cannot decode image'}`);
      }
    } else if (job.type === 'VIDEO') {
      errors.push('thumbnails: video poster frames are not implemented yet');
    }
  }
  signal.throwIfAborted();

  if (errors.length > 0) {
    result.ok = false;
    result.error = errors.join('; ');
  }
  return result;
}
