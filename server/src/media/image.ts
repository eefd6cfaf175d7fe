import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';

/** Immich's sizes: the shorter side of the thumbnail and of the preview, in pixels. */
export const THUMBNAIL_SIZE = 250;
export const PREVIEW_SIZE = 1440;
const THUMBHASH_SIZE = 100;

/** Where to write the generated files; `fullsize` only for formats a browser cannot show. */
export interface ImageTargets {
  thumbnail: string;
  preview: string;
  fullsize?: string;
}

export interface ImageOutputs {
  /** Displayed size of the source after orientation. */
  width: number;
  height: number;
  thumbhash: string;
  thumbnailPath: string;
  previewPath: string;
  fullsizePath: string | null;
}

/** The stored size and EXIF orientation from a header read the caller already made. */
export interface HeaderInfo {
  width: number;
  height: number;
  orientation?: number;
}

/**
 * An image sharp can read: a file path, an encoded buffer, or decoded pixels. Files and buffers
 * are turned upright by their own EXIF orientation unless `autoOrient` is false (decoders that
 * already applied it); `orientation` applies a known EXIF orientation instead. `header` saves
 * reading the file's header a second time.
 */
export type ImageSource =
  | { kind: 'file'; path: string; autoOrient?: boolean; orientation?: number; header?: HeaderInfo }
  | {
      kind: 'encoded';
      data: Buffer;
      autoOrient?: boolean;
      orientation?: number;
      header?: HeaderInfo;
    }
  | { kind: 'raw'; data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };

type Bitmap = ImageSource & { kind: 'raw' };

function open(source: ImageSource): Sharp {
  if (source.kind === 'raw') {
    return sharp(source.data, {
      limitInputPixels: false,
      raw: { width: source.width, height: source.height, channels: source.channels },
    });
  }
  // Large photos are the point of a photo library: lift sharp's pixel limit, and decode what
  // can be decoded of a slightly damaged file rather than fail.
  const input = source.kind === 'file' ? source.path : source.data;
  const useOwn = source.autoOrient !== false && source.orientation === undefined;
  const image = sharp(input, { limitInputPixels: false, failOn: 'none', autoOrient: useOwn });
  return source.orientation === undefined ? image : applyOrientation(image, source.orientation);
}

/** EXIF orientation 1–8 as rotations and mirrors (sharp rotates first, then flips). */
function applyOrientation(image: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2:
      return image.flop();
    case 3:
      return image.rotate(180);
    case 4:
      return image.flip();
    case 5:
      return image.rotate(90).flop();
    case 6:
      return image.rotate(90);
    case 7:
      return image.rotate(270).flop();
    case 8:
      return image.rotate(270);
    default:
      return image;
  }
}

/** Whether the orientation turns the picture on its side (width and height swap). */
export function isSideways(orientation: number | string | null | undefined): boolean {
  return [5, 6, 7, 8].includes(Number(orientation));
}

/** Writes `data` next to `target` and renames it into place, so readers never see half a file. */
export async function writeAtomic(target: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Decodes the source once and makes everything from that one decode. The preview (shorter side
 * 1440 px) comes straight from the file, so libvips shrinks a JPEG while decoding it; the
 * thumbnail (shorter side 250 px) is scaled from the preview's pixels, and the thumbhash from the
 * thumbnail's. Small images are never enlarged. With `targets.fullsize`, the decode is at full
 * resolution, written as a JPEG too, and the preview is scaled from it. Pictures come out upright
 * and in sRGB; transparency is flattened onto white in the JPEGs and kept in the WebP.
 */
export async function generateImageOutputs(
  source: ImageSource,
  targets: ImageTargets,
): Promise<ImageOutputs> {
  let preview: Bitmap;
  let fullsizeJpeg: Buffer | null = null;
  let upright: { width: number; height: number } | null = null;
  if (targets.fullsize) {
    const full = await decodeToBitmap(open(source));
    upright = { width: full.width, height: full.height };
    [fullsizeJpeg, preview] = await Promise.all([
      encodeJpeg(full, 90),
      decodeToBitmap(open(full).resize(PREVIEW_SIZE, PREVIEW_SIZE, previewFit)),
    ]);
  } else {
    preview = await decodeToBitmap(open(source).resize(PREVIEW_SIZE, PREVIEW_SIZE, previewFit));
  }
  const thumbnail = await decodeToBitmap(
    open(preview).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, previewFit),
  );

  const [previewJpeg, thumbnailWebp, thumbhash, displayed] = await Promise.all([
    encodeJpeg(preview, 80),
    open(thumbnail).webp({ quality: 80 }).toBuffer(),
    thumbhashOf(thumbnail),
    upright ?? displayedSize(source, preview.width, preview.height),
  ]);

  await Promise.all([
    writeAtomic(targets.preview, previewJpeg),
    writeAtomic(targets.thumbnail, thumbnailWebp),
    targets.fullsize && fullsizeJpeg ? writeAtomic(targets.fullsize, fullsizeJpeg) : undefined,
  ]);

  return {
    width: displayed.width,
    height: displayed.height,
    thumbhash,
    thumbnailPath: targets.thumbnail,
    previewPath: targets.preview,
    fullsizePath: targets.fullsize && fullsizeJpeg ? targets.fullsize : null,
  };
}

/** Immich's rule: the shorter side gets the size; never enlarge. */
const previewFit = { fit: 'outside', withoutEnlargement: true } as const;

/**
 * Runs a pipeline into upright 8-bit sRGB pixels: RGB, or RGBA when the picture has
 * transparency (an alpha channel nobody needs would only cost a third more work downstream).
 */
async function decodeToBitmap(pipeline: Sharp): Promise<Bitmap> {
  const { data, info } = await pipeline
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  if (channels !== 3 && channels !== 4) {
    throw new Error(`expected RGB or RGBA pixels after the sRGB conversion, got ${channels} bands`);
  }
  return { kind: 'raw', data, width, height, channels };
}

function encodeJpeg(bitmap: Bitmap, quality: number): Promise<Buffer> {
  return open(bitmap).flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
}

async function thumbhashOf(bitmap: Bitmap): Promise<string> {
  const { data, info } = await open(bitmap)
    .resize(THUMBHASH_SIZE, THUMBHASH_SIZE, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}

/** The source's upright size: raw bitmaps are already upright; files are read from the header. */
async function displayedSize(
  source: ImageSource,
  fallbackWidth: number,
  fallbackHeight: number,
): Promise<{ width: number; height: number }> {
  if (source.kind === 'raw') return { width: source.width, height: source.height };
  const meta = source.header ?? (await readHeader(source));
  if (!meta.width || !meta.height) return { width: fallbackWidth, height: fallbackHeight };
  const orientation = source.orientation ?? (source.autoOrient === false ? 1 : meta.orientation);
  return isSideways(orientation)
    ? { width: meta.height, height: meta.width }
    : { width: meta.width, height: meta.height };
}

async function readHeader(source: ImageSource & { kind: 'file' | 'encoded' }): Promise<HeaderInfo> {
  return sharp(source.kind === 'file' ? source.path : source.data, {
    limitInputPixels: false,
    failOn: 'none',
  }).metadata();
}
