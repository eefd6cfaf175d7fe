import path from 'node:path';
import type { AssetType } from '../db/assets.ts';

/**
 * The file types Immich 1.135 accepts as assets, by extension (Immich decides by the file name's
 * extension, not by the content type the client sends), with the MIME type it reports for each.
 */
const raw: Record<string, string> = {
  '.3fr': 'image/x-hasselblad-3fr',
  '.ari': 'image/x-arriflex-ari',
  '.arw': 'image/x-sony-arw',
  '.cap': 'image/x-phaseone-cap',
  '.cin': 'image/x-phantom-cin',
  '.cr2': 'image/x-canon-cr2',
  '.cr3': 'image/x-canon-cr3',
  '.crw': 'image/x-canon-crw',
  '.dcr': 'image/x-kodak-dcr',
  '.dng': 'image/x-adobe-dng',
  '.erf': 'image/x-epson-erf',
  '.fff': 'image/x-hasselblad-fff',
  '.iiq': 'image/x-phaseone-iiq',
  '.k25': 'image/x-kodak-k25',
  '.kdc': 'image/x-kodak-kdc',
  '.mrw': 'image/x-minolta-mrw',
  '.nef': 'image/x-nikon-nef',
  '.nrw': 'image/x-nikon-nrw',
  '.orf': 'image/x-olympus-orf',
  '.ori': 'image/x-olympus-ori',
  '.pef': 'image/x-pentax-pef',
  '.psd': 'image/vnd.adobe.photoshop',
  '.raf': 'image/x-fuji-raf',
  '.raw': 'image/x-panasonic-raw',
  '.rw2': 'image/x-panasonic-rw2',
  '.rwl': 'image/x-leica-rwl',
  '.sr2': 'image/x-sony-sr2',
  '.srf': 'image/x-sony-srf',
  '.srw': 'image/x-samsung-srw',
  '.x3f': 'image/x-sigma-x3f',
};

const webImage: Record<string, string> = {
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.gif': 'image/gif',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

const image: Record<string, string> = {
  ...raw,
  ...webImage,
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.hif': 'image/hif',
  '.insp': 'image/jpeg',
  '.jp2': 'image/jp2',
  '.jpe': 'image/jpeg',
  '.jxl': 'image/jxl',
  '.svg': 'image/svg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

const video: Record<string, string> = {
  '.3gp': 'video/3gpp',
  '.3gpp': 'video/3gpp',
  '.avi': 'video/avi',
  '.flv': 'video/x-flv',
  '.insv': 'video/mp4',
  '.m2t': 'video/mp2t',
  '.m2ts': 'video/mp2t',
  '.m4v': 'video/x-m4v',
  '.mkv': 'video/x-matroska',
  '.mov': 'video/quicktime',
  '.mp4': 'video/mp4',
  '.mpe': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.mpg': 'video/mpeg',
  '.mts': 'video/mp2t',
  '.vob': 'video/mpeg',
  '.webm': 'video/webm',
  '.wmv': 'video/x-ms-wmv',
};

const sidecar: Record<string, string> = { '.xmp': 'application/xml' };

/** Lower-case extension with its dot ('' when none). */
export function extensionOf(fileName: string): string {
  return path.extname(fileName).toLowerCase();
}

export const mimeTypes = {
  image: Object.keys(image),
  video: Object.keys(video),
  sidecar: Object.keys(sidecar),

  isAsset: (fileName: string) => {
    const ext = extensionOf(fileName);
    return ext in image || ext in video;
  },
  isSidecar: (fileName: string) => extensionOf(fileName) in sidecar,
  isWebSupportedImage: (fileName: string) => extensionOf(fileName) in webImage,

  /** MIME type by extension; application/octet-stream when unknown. */
  lookup(fileName: string): string {
    const ext = extensionOf(fileName);
    return image[ext] ?? video[ext] ?? sidecar[ext] ?? 'application/octet-stream';
  },

  assetType(fileName: string): AssetType {
    const ext = extensionOf(fileName);
    if (ext in image) return 'IMAGE';
    if (ext in video) return 'VIDEO';
    return 'OTHER';
  },
};
