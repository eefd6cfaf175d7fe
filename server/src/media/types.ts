/**
 * The media room's vocabulary: what the server hands in (a job) and what it gets back (a result).
 * Nothing here knows about HTTP or the database; the server maps a result onto its asset row.
 */

/** The kinds of work a job can ask for. Without a list, a job does all that applies to its type. */
export type MediaKind = 'metadata' | 'thumbnails' | 'transcode';

export const ALL_MEDIA_KINDS: readonly MediaKind[] = ['metadata', 'thumbnails', 'transcode'];

export type AssetKind = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'OTHER';

/** One asset to process. Paths are absolute and were built by the server, never by a client. */
export interface MediaJob {
  assetId: string;
  ownerId: string;
  /** The stored original. It is only read, never changed. */
  originalPath: string;
  /** The client's file name: only its extension is used, as a hint to the format. */
  originalFileName: string;
  mimeType: string;
  type: AssetKind;
  /** An .xmp sidecar; its values win over the embedded ones. */
  sidecarPath?: string | null;
  /** ISO timestamps the client sent at upload: the fallback when the file carries no date. */
  fileModifiedAt: string;
  fileCreatedAt: string;
}

/**
 * The fields of Immich's `ExifResponseDto` (@immich/sdk 1.135), each always present and null when
 * unknown, shaped as Immich fills them: `orientation` is the EXIF number as a string,
 * `exposureTime` as exiftool prints it ("1/250", "2"), `dateTimeOriginal` an ISO instant,
 * `modifyDate` the file's modification time, `timeZone` an IANA name or "UTC+2" / "UTC-4:30".
 * `city`/`state`/`country` are null (no reverse geocoding) and `projectionType` is read from XMP.
 */
export interface ExifFields {
  make: string | null;
  model: string | null;
  exifImageWidth: number | null;
  exifImageHeight: number | null;
  fileSizeInByte: number | null;
  orientation: string | null;
  dateTimeOriginal: string | null;
  modifyDate: string | null;
  timeZone: string | null;
  lensModel: string | null;
  fNumber: number | null;
  focalLength: number | null;
  iso: number | null;
  exposureTime: string | null;
  latitude: number | null;
  longitude: number | null;
  city: string | null;
  state: string | null;
  country: string | null;
  description: string | null;
  projectionType: string | null;
  rating: number | null;
}

/**
 * What processing produced. Only the parts named in `kinds` were computed: the fields of the
 * other kinds are null and must not overwrite what the server already stored.
 *
 * - metadata: `exif`, `dateTimeOriginal` (→ the asset's fileCreatedAt), `localDateTime`,
 *   `timeZone`, `duration` (videos), `width`/`height`.
 * - thumbnails: `thumbnailPath` (250 px WebP), `previewPath` (1440 px JPEG), `fullsizePath`
 *   (full-resolution JPEG, only for formats a browser cannot show; null means "serve the
 *   original"), `thumbhash`, `width`/`height`.
 * - transcode: `encodedVideoPath` (H.264/AAC MP4 for videos Chromium cannot play; null when the
 *   original plays as it is).
 *
 * `ok` is false when some requested part failed; `error` then says what, and every part that did
 * succeed is still filled in. A file nothing can decode gives ok:false and null thumbnails: the
 * server shows a placeholder and the original stays downloadable.
 */
export interface MediaResult {
  assetId: string;
  kinds: MediaKind[];
  ok: boolean;
  error?: string;
  /** Displayed size in pixels, after EXIF orientation (portrait photos are taller than wide). */
  width: number | null;
  height: number | null;
  /** Base64 thumbhash of the displayed image (Immich's `thumbhash`). */
  thumbhash: string | null;
  thumbnailPath: string | null;
  previewPath: string | null;
  fullsizePath: string | null;
  encodedVideoPath: string | null;
  /** Immich's duration format "H:MM:SS.ffffff"; null for stills and when unknown. */
  duration: string | null;
  exif: ExifFields;
  /** The moment the photo was taken, ISO UTC: the asset's fileCreatedAt. */
  dateTimeOriginal: string | null;
  /** The wall-clock time where it was taken, written as if it were UTC ("…Z"), like Immich. */
  localDateTime: string | null;
  timeZone: string | null;
}

export function emptyExif(): ExifFields {
  return {
    make: null,
    model: null,
    exifImageWidth: null,
    exifImageHeight: null,
    fileSizeInByte: null,
    orientation: null,
    dateTimeOriginal: null,
    modifyDate: null,
    timeZone: null,
    lensModel: null,
    fNumber: null,
    focalLength: null,
    iso: null,
    exposureTime: null,
    latitude: null,
    longitude: null,
    city: null,
    state: null,
    country: null,
    description: null,
    projectionType: null,
    rating: null,
  };
}
