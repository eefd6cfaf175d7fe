import fs from 'node:fs/promises';
import { ExifReader } from './exif-reader.ts';
import sharp from 'sharp';
import tzLookup from '@photostructure/tz-lookup';
import {
  offsetZoneName,
  parseDateTime,
  parseGpsDateTime,
  parseIptcDateTime,
  parseOffset,
  toInstant,
  wallClockAsUtc,
  withSubSeconds,
  zoneOffsetAt,
  zoneOffsetForWallClock,
  type LocalDateTime,
} from './dates.ts';
import { emptyExif, type ExifFields, type MediaJob } from './types.ts';

/**
 * Reads a photo's metadata the way Immich does (it uses exiftool; this uses exifr and the rules
 * below), so `exifInfo`, `fileCreatedAt` and `localDateTime` come out the same:
 *
 * - Tags come from EXIF (IFD0, Exif, GPS), then embedded XMP, then IPTC; an .xmp sidecar wins over
 *   all of them, and when the sidecar has a date, no embedded date is used at all.
 * - The date taken is the first found of Immich's list, with the Metadata Working Group's order
 *   inside each entry: DateTimeOriginal (EXIF with SubSecTimeOriginal, then IPTC DateCreated +
 *   TimeCreated, then XMP photoshop:DateCreated and exif:DateTimeOriginal), CreateDate (EXIF with
 *   SubSecTimeDigitized, IPTC DigitalCreationDate/Time, XMP xmp:CreateDate), CreationDate (XMP,
 *   a video's creation time), then the GPS date and time (UTC).
 * - Its zone is the offset written in the value itself, else the matching EXIF OffsetTime* tag,
 *   else the zone at the GPS position (IANA name), else the difference to the GPS UTC time when
 *   that is a whole quarter hour; else none, and the wall-clock time is taken as UTC.
 * - With no date at all, the earliest of the client's fileCreatedAt and fileModifiedAt is used.
 */

/** Normalised tags from one source (the file's EXIF, its XMP, IPTC, a sidecar, a video). */
export interface TagSet {
  /** Candidate dates, each with its rank in the list above (lower wins). */
  dates: DateCandidate[];
  /** Offset from OffsetTime* tags, for a date that carries none. */
  offsetMinutes?: number | null;
  /** UTC time from the GPS clock, to infer a zone. */
  gpsDateTime?: LocalDateTime | null;
  make?: string | null;
  model?: string | null;
  lensModel?: string | null;
  fNumber?: number | null;
  focalLength?: number | null;
  iso?: number | null;
  /** Seconds. */
  exposureTime?: number | null;
  latitude?: number | null;
  longitude?: number | null;
  orientation?: number | null;
  width?: number | null;
  height?: number | null;
  rating?: number | null;
  description?: string | null;
  projectionType?: string | null;
}

export type DateCandidate = LocalDateTime & { rank: number };

/** Ranks of the date tags (Immich's order; MWG order within DateTimeOriginal and CreateDate). */
export const DATE_RANK = {
  exifDateTimeOriginal: 10,
  iptcDateCreated: 11,
  xmpPhotoshopDateCreated: 12,
  xmpDateTimeOriginal: 13,
  exifCreateDate: 20,
  iptcDigitalCreation: 21,
  xmpCreateDate: 22,
  quickTimeCreationDate: 25,
  quickTimeCreateDate: 26,
  creationDate: 30,
  gpsDateTime: 40,
} as const;

function ranked(value: LocalDateTime | null, rank: number): DateCandidate[] {
  return value ? [{ ...value, rank }] : [];
}

export interface MetadataOutcome {
  exif: ExifFields;
  dateTimeOriginal: string | null;
  localDateTime: string | null;
  timeZone: string | null;
}

/** exifr runs in a worker thread with a time limit (see exif-reader.ts). */
const exifr = new ExifReader();

type Group = Record<string, unknown>;
type Groups = Record<string, Group | undefined>;

const TIFF_OPTIONS = {
  tiff: true,
  ifd0: {},
  exif: true,
  gps: true,
  iptc: true,
  ihdr: true,
  xmp: false,
  icc: false,
  jfif: false,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  reviveValues: false,
  translateValues: false,
  mergeOutput: false,
  sanitize: true,
} as const;

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Reads the tags of an image file. A format exifr does not know (WebP, JPEG XL, …) falls back to
 * the EXIF and XMP blocks sharp finds; a file with no readable metadata gives empty tags.
 */
export async function readImageTags(file: string): Promise<TagSet[]> {
  const sets: TagSet[] = [];
  let groups: Groups | undefined;
  let xmpText: string | undefined;
  try {
    groups = ((await exifr.parse(file, TIFF_OPTIONS)) as Groups | undefined) ?? {};
    const xmp = (await exifr.parse(file, { tiff: false, xmp: { parse: false } })) as
      { xmp?: unknown } | string | undefined;
    const raw = typeof xmp === 'string' ? xmp : xmp?.xmp;
    if (typeof raw === 'string') xmpText = raw;
  } catch {
    // Unknown to exifr: ask sharp for the raw blocks.
    try {
      const meta = await sharp(file).metadata();
      if (meta.exif) {
        const tiff = stripExifHeader(meta.exif);
        groups = ((await exifr.parse(tiff, TIFF_OPTIONS)) as Groups | undefined) ?? {};
      }
      if (meta.xmp) xmpText = meta.xmp.toString('utf8');
    } catch {
      // Neither can read it: no metadata, which is not an error.
    }
  }
  if (groups) sets.push(tagsFromTiff(groups));
  if (xmpText) {
    const xmp = await parseXmp(xmpText);
    if (xmp) sets.push(xmp);
  }
  if (groups) {
    const iptc = tagsFromIptc(groups.iptc);
    if (iptc) sets.push(iptc);
  }
  return sets;
}

/** Reads an .xmp sidecar written in UTF-8 or UTF-16 (either byte order, with or without BOM). */
export async function readSidecarTags(file: string): Promise<TagSet | null> {
  const bytes = await fs.readFile(file);
  return parseXmp(decodeText(bytes));
}

export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return swapBytes(bytes.subarray(2)).toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  // UTF-16 without a BOM: every other byte of ASCII markup is zero.
  if (bytes.length >= 4 && bytes[0] === 0x3c && bytes[1] === 0) return bytes.toString('utf16le');
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x3c)
    return swapBytes(bytes).toString('utf16le');
  return bytes.toString('utf8');
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

function stripExifHeader(exif: Buffer): Buffer {
  return exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
}

async function parseXmp(text: string): Promise<TagSet | null> {
  const start = text.indexOf('<');
  if (start < 0) return null;
  let groups: Groups | undefined;
  try {
    groups = (await exifr.sidecar(Buffer.from(text.slice(start), 'utf8'), {
      reviveValues: false,
      translateValues: false,
    })) as Groups | undefined;
  } catch {
    return null;
  }
  return groups ? tagsFromXmp(groups) : null;
}

// ---------------------------------------------------------------------------------------------
// Normalising each source

function tagsFromTiff(groups: Groups): TagSet {
  const ifd0 = groups.ifd0 ?? {};
  const exif = groups.exif ?? {};
  const gps = groups.gps ?? {};
  const ihdr = groups.ihdr ?? {};
  const original = parseDateTime(exif.DateTimeOriginal);
  const offsetOriginal = parseOffset(exif.OffsetTimeOriginal);
  const created = parseDateTime(exif.CreateDate);
  const offsetDigitized = parseOffset(exif.OffsetTimeDigitized);
  const gpsDateTime = parseGpsDateTime(gps.GPSDateStamp, gps.GPSTimeStamp);
  const dates = [
    ...ranked(
      original && withOffset(withSubSeconds(original, exif.SubSecTimeOriginal), offsetOriginal),
      DATE_RANK.exifDateTimeOriginal,
    ),
    ...ranked(
      created && withOffset(withSubSeconds(created, exif.SubSecTimeDigitized), offsetDigitized),
      DATE_RANK.exifCreateDate,
    ),
    ...ranked(gpsDateTime && { ...gpsDateTime, utcOnly: true }, DATE_RANK.gpsDateTime),
  ];
  return {
    dates,
    offsetMinutes: offsetOriginal ?? offsetDigitized ?? parseOffset(exif.OffsetTime),
    gpsDateTime,
    make: text(ifd0.Make),
    model: text(ifd0.Model),
    lensModel: text(exif.LensModel),
    fNumber: number(exif.FNumber),
    focalLength: number(exif.FocalLength),
    iso: number(exif.ISO) ?? number(exif.PhotographicSensitivity),
    exposureTime: number(exif.ExposureTime),
    ...gpsPosition(gps),
    orientation: number(ifd0.Orientation),
    width: number(exif.ExifImageWidth) ?? number(ihdr.ImageWidth) ?? number(ifd0.ImageWidth),
    height: number(exif.ExifImageHeight) ?? number(ihdr.ImageHeight) ?? number(ifd0.ImageHeight),
    rating: number(ifd0.Rating),
    description: text(ifd0.ImageDescription),
  };
}

function tagsFromIptc(iptc: Group | undefined): TagSet | null {
  if (!iptc) return null;
  const dates = [
    ...ranked(parseIptcDateTime(iptc.DateCreated, iptc.TimeCreated), DATE_RANK.iptcDateCreated),
    ...ranked(
      parseIptcDateTime(iptc.DigitalCreationDate, iptc.DigitalCreationTime),
      DATE_RANK.iptcDigitalCreation,
    ),
  ];
  return { dates, description: text(iptc.Caption) };
}

function tagsFromXmp(groups: Groups): TagSet {
  const exif = groups.exif ?? {};
  const exifEX = groups.exifEX ?? {};
  const tiff = groups.tiff ?? {};
  const xmp = groups.xmp ?? {};
  const photoshop = groups.photoshop ?? {};
  const dc = groups.dc ?? {};
  const aux = groups.aux ?? {};
  const gpano = groups.GPano ?? {};
  const creationDates = Object.values(groups).map((group) => parseDateTime(group?.CreationDate));
  const gpsDateTime = parseDateTime(exif.GPSTimeStamp);
  const dates = [
    ...ranked(parseDateTime(photoshop.DateCreated), DATE_RANK.xmpPhotoshopDateCreated),
    ...ranked(parseDateTime(exif.DateTimeOriginal), DATE_RANK.xmpDateTimeOriginal),
    ...ranked(parseDateTime(xmp.CreateDate), DATE_RANK.xmpCreateDate),
    ...creationDates.flatMap((date) => ranked(date, DATE_RANK.creationDate)),
    ...ranked(gpsDateTime && { ...gpsDateTime, utcOnly: true }, DATE_RANK.gpsDateTime),
  ];
  const latitude = xmpCoordinate(exif.GPSLatitude, exif.GPSLatitudeRef);
  const longitude = xmpCoordinate(exif.GPSLongitude, exif.GPSLongitudeRef);
  const position = validPosition(latitude, longitude);
  return {
    dates,
    gpsDateTime,
    make: text(tiff.Make),
    model: text(tiff.Model),
    lensModel: text(exifEX.LensModel) ?? text(aux.Lens),
    fNumber: number(exif.FNumber),
    focalLength: number(exif.FocalLength),
    iso: number(exif.ISOSpeedRatings) ?? number(exifEX.PhotographicSensitivity),
    exposureTime: number(exif.ExposureTime),
    latitude: position?.latitude ?? null,
    longitude: position?.longitude ?? null,
    orientation: number(tiff.Orientation),
    width: number(exif.PixelXDimension) ?? number(tiff.ImageWidth),
    height: number(exif.PixelYDimension) ?? number(tiff.ImageLength),
    rating: number(xmp.Rating),
    description: langAlt(dc.description),
    projectionType: text(gpano.ProjectionType)?.toUpperCase() ?? null,
  };
}

function withOffset(date: LocalDateTime, offset: number | null): LocalDateTime {
  return date.offsetMinutes === null && offset !== null ? { ...date, offsetMinutes: offset } : date;
}

function gpsPosition(gps: Group): { latitude: number | null; longitude: number | null } {
  const latitude = dmsToDegrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'S');
  const longitude = dmsToDegrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'W');
  const position = validPosition(latitude, longitude);
  return position ?? { latitude: null, longitude: null };
}

/** [deg, min, sec] with its N/S/E/W reference; an empty GPS block (nulls) gives null. */
function dmsToDegrees(value: unknown, ref: unknown, negative: 'S' | 'W'): number | null {
  let degrees: number | null = null;
  if (Array.isArray(value)) {
    const [d, m = 0, s = 0] = value as unknown[];
    if (typeof d !== 'number' || typeof m !== 'number' || typeof s !== 'number') return null;
    degrees = d + m / 60 + s / 3600;
  } else {
    degrees = number(value);
  }
  if (degrees === null || !Number.isFinite(degrees)) return null;
  const reference = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  return reference.startsWith(negative) ? -Math.abs(degrees) : degrees;
}

/** XMP writes "40,14.0786450N" (degrees, decimal minutes) or "40,14,4.7N", or a plain number. */
function xmpCoordinate(value: unknown, ref: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const match =
    /^\s*(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEW])?\s*$/i.exec(value);
  if (!match) return number(value);
  const [, d, m, s, hemisphere] = match;
  const degrees = Number(d) + Number(m ?? 0) / 60 + Number(s ?? 0) / 3600;
  const direction = (hemisphere ?? (typeof ref === 'string' ? ref : '')).toUpperCase();
  return direction.startsWith('S') || direction.startsWith('W') ? -degrees : degrees;
}

function validPosition(
  latitude: number | null,
  longitude: number | null,
): { latitude: number; longitude: number } | null {
  if (latitude === null || longitude === null) return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  if (latitude === 0 && longitude === 0) return null;
  return { latitude: round(latitude, 9), longitude: round(longitude, 9) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A finite number from a number, a numeric string, a rational "28/10" or the first of a list. */
export function number(value: unknown): number | null {
  if (Array.isArray(value)) return number(value[0]);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const rational = /^(-?\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(trimmed);
  if (rational) {
    const denominator = Number(rational[2]);
    return denominator === 0 ? null : Number(rational[1]) / denominator;
  }
  if (!/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(trimmed)) return null;
  return Number(trimmed);
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed === '' ? null : trimmed;
}

/** An XMP language alternative ({lang, value}), a list of them, or a plain string. */
function langAlt(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = langAlt(item);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && 'value' in value) {
    return text(value.value);
  }
  return text(value);
}

// ---------------------------------------------------------------------------------------------
// Merging and dates

/** Merges tag sets, earlier sets winning field by field; `sidecar` wins over them all. */
export function mergeTags(embedded: TagSet[], sidecar: TagSet | null): TagSet {
  const ordered = sidecar ? [sidecar, ...embedded] : embedded;
  const merged: TagSet = { dates: [] };
  for (const set of ordered) {
    for (const [key, value] of Object.entries(set) as Array<[keyof TagSet, unknown]>) {
      if (key === 'dates') continue;
      if (
        value !== null &&
        value !== undefined &&
        (merged[key] === undefined || merged[key] === null)
      ) {
        (merged as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }
  // A sidecar with a date replaces every embedded date (Immich's rule).
  const sidecarDates = sidecar?.dates ?? [];
  const chosen = sidecarDates.length > 0 ? sidecarDates : embedded.flatMap((set) => set.dates);
  merged.dates = [...chosen].sort((a, b) => a.rank - b.rank);
  if (sidecarDates.length > 0) merged.offsetMinutes = sidecar?.offsetMinutes ?? null;
  return merged;
}

export interface ResolvedDate {
  dateTimeOriginal: Date;
  localDateTime: Date;
  timeZone: string | null;
}

/** Picks the date taken and its zone (see the module comment for the order). */
export function resolveDate(tags: TagSet): ResolvedDate | null {
  const date = tags.dates[0];
  if (!date) return null;
  if (date.utcOnly) return resolveUtcInstant(date, tags);
  let offset = date.offsetMinutes ?? tags.offsetMinutes ?? null;
  let timeZone: string | null = offset === null ? null : offsetZoneName(offset);
  if (offset === null && tags.latitude != null && tags.longitude != null) {
    const zone = zoneAt(tags.latitude, tags.longitude);
    const zoneOffset = zone ? zoneOffsetForWallClock(zone, date) : null;
    if (zone && zoneOffset !== null) {
      offset = zoneOffset;
      timeZone = zone;
    }
  }
  if (offset === null && tags.gpsDateTime) {
    const delta =
      (wallClockAsUtc(date).getTime() - wallClockAsUtc(tags.gpsDateTime).getTime()) / 60_000;
    const quarter = Math.round(delta / 15) * 15;
    if (Math.abs(quarter) <= 14 * 60 && Math.abs(delta - quarter) <= 2) {
      offset = quarter;
      timeZone = offsetZoneName(quarter);
    }
  }
  return {
    dateTimeOriginal: toInstant(date, offset ?? 0),
    localDateTime: wallClockAsUtc(date),
    timeZone,
  };
}

/** A UTC instant (video): the local time is the instant seen in the zone at the GPS position. */
function resolveUtcInstant(date: LocalDateTime, tags: TagSet): ResolvedDate {
  const instant = wallClockAsUtc(date);
  let offset: number | null = tags.offsetMinutes ?? null;
  let timeZone = offset === null ? null : offsetZoneName(offset);
  if (offset === null && tags.latitude != null && tags.longitude != null) {
    const zone = zoneAt(tags.latitude, tags.longitude);
    const zoneOffset = zone ? zoneOffsetAt(zone, instant) : null;
    if (zone && zoneOffset !== null) {
      offset = zoneOffset;
      timeZone = zone;
    }
  }
  return {
    dateTimeOriginal: instant,
    localDateTime: new Date(instant.getTime() + (offset ?? 0) * 60_000),
    timeZone,
  };
}

function zoneAt(latitude: number, longitude: number): string | null {
  try {
    return tzLookup(latitude, longitude);
  } catch {
    return null;
  }
}

/** Seconds as exiftool prints an exposure: "1/250" below a quarter second, else "0.5", "2". */
export function formatExposureTime(seconds: number): string {
  if (seconds > 0 && seconds < 0.25001) return `1/${Math.round(1 / seconds)}`;
  return String(Number(seconds.toFixed(1)));
}

// ---------------------------------------------------------------------------------------------
// The whole step

/**
 * The metadata step for one job: reads the original (and sidecar), picks the dates, and fills
 * Immich's exif fields. `extra` adds tags found another way (a video's
 * container); they rank below the file's own tags. `decodedSize`, the stored pixel size the decoder
 * found, beats the size tags (which editors often leave stale), as exiftool's ImageSize does.
 */
export async function extractMetadata(
  job: MediaJob,
  extra: TagSet[] = [],
  decodedSize?: { width: number; height: number },
): Promise<MetadataOutcome> {
  const stat = await fs.stat(job.originalPath);
  const embedded = job.type === 'IMAGE' ? await readImageTags(job.originalPath) : [];
  let sidecar: TagSet | null = null;
  if (job.sidecarPath) {
    try {
      sidecar = await readSidecarTags(job.sidecarPath);
    } catch {
      sidecar = null;
    }
  }
  const tags = mergeTags([...embedded, ...extra], sidecar);
  const resolved = resolveDate(tags) ?? fallbackDate(job, stat.mtime);

  const exif = emptyExif();
  exif.make = tags.make ?? null;
  exif.model = tags.model ?? null;
  exif.lensModel = usableLens(tags.lensModel);
  exif.fNumber = tags.fNumber ?? null;
  exif.focalLength = tags.focalLength ?? null;
  exif.iso = tags.iso === null || tags.iso === undefined ? null : Math.round(tags.iso);
  exif.exposureTime = tags.exposureTime ? formatExposureTime(tags.exposureTime) : null;
  exif.latitude = tags.latitude ?? null;
  exif.longitude = tags.longitude ?? null;
  exif.orientation = tags.orientation ? String(tags.orientation) : null;
  exif.exifImageWidth = decodedSize?.width ?? tags.width ?? null;
  exif.exifImageHeight = decodedSize?.height ?? tags.height ?? null;
  const rating = tags.rating;
  exif.rating =
    rating !== null && rating !== undefined && rating >= -1 && rating <= 5 ? rating : null;
  exif.description = tags.description ?? '';
  exif.projectionType = tags.projectionType ?? null;
  exif.fileSizeInByte = stat.size;
  exif.modifyDate = stat.mtime.toISOString();
  exif.dateTimeOriginal = resolved.dateTimeOriginal.toISOString();
  exif.timeZone = resolved.timeZone;
  return {
    exif,
    dateTimeOriginal: resolved.dateTimeOriginal.toISOString(),
    localDateTime: resolved.localDateTime.toISOString(),
    timeZone: resolved.timeZone,
  };
}

function usableLens(lens: string | null | undefined): string | null {
  if (!lens || lens === '----' || lens.startsWith('Unknown')) return null;
  return lens;
}

/** No date in the file: the earliest timestamp the client (or the file system) gave. */
function fallbackDate(job: MediaJob, mtime: Date): ResolvedDate {
  const candidates = [job.fileCreatedAt, job.fileModifiedAt]
    .map((value) => new Date(value))
    .filter((d) => !Number.isNaN(d.getTime()));
  const earliest =
    candidates.length > 0 ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : mtime;
  return { dateTimeOriginal: earliest, localDateTime: earliest, timeZone: null };
}
