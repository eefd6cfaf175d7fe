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

/** An image sharp can read: a file path, an encoded buffer, or decoded pixels. */
export type ImageSource =
  | { kind: 'file'; path: string }
  | { kind: 'encoded'; data: Buffer }
  | { kind: 'raw'; data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };

function open(source: ImageSource): Sharp {
  // Large photos are the point of a photo library: lift sharp's pixel limit, keep its safety on
  // truncated files off so a slightly damaged JPEG still gets a thumbnail.
  const options = { limitInputPixels: false, failOn: 'none', autoOrient: true } as const;
  switch (source.kind) {
    case 'file':
      return sharp(source.path, options);
    case 'encoded':
      return sharp(source.data, options);
    case 'raw':
      return sharp(source.data, {
        limitInputPixels: false,
        raw: { width: source.width, height: source.height, channels: source.channels },
      });
  }
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
 * Decodes the source once into an upright sRGB RGBA preview-sized bitmap, then makes the preview
 * JPEG, the thumbnail WebP and the thumbhash from that bitmap (Immich's sizes: the shorter side
 * becomes 1440 and 250 px; small images are never enlarged). With `targets.fullsize`, a
 * full-resolution JPEG is written too, from a second, full-size decode.
 */
export async function generateImageOutputs(
  source: ImageSource,
  targets: ImageTargets,
): Promise<ImageOutputs> {
  const { data, info } = await open(source)
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'outside', withoutEnlargement: true })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const bitmap: ImageSource = {
    kind: 'raw',
    data,
    width: info.width,
    height: info.height,
    channels: 4,
  };

  const [preview, thumbnail, thumbhash, displayed] = await Promise.all([
    open(bitmap)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer(),
    open(bitmap)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'outside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer(),
    thumbhashOf(bitmap),
    displayedSize(source, info.width, info.height),
  ]);

  await Promise.all([
    writeAtomic(targets.preview, preview),
    writeAtomic(targets.thumbnail, thumbnail),
  ]);

  let fullsizePath: string | null = null;
  if (targets.fullsize) {
    const fullsize = await open(source)
      .toColourspace('srgb')
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    await writeAtomic(targets.fullsize, fullsize);
    fullsizePath = targets.fullsize;
  }

  return {
    width: displayed.width,
    height: displayed.height,
    thumbhash,
    thumbnailPath: targets.thumbnail,
    previewPath: targets.preview,
    fullsizePath,
  };
}

async function thumbhashOf(bitmap: ImageSource): Promise<string> {
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
  const meta = await open(source).metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  return width && height ? { width, height } : { width: fallbackWidth, height: fallbackHeight };
}
