import type { TimeBucketAssetResponseDto } from '@immich/sdk';

/**
 * One month of the timeline in the order it is shown (days newest first, and within a
 * day newest first), packed into typed arrays: a 50,000-asset month costs a few MB and
 * crosses from the worker to the page without a long structured clone.
 */
export interface PackedMonth {
  /** The bucket's key, e.g. "2025-03-01". */
  timeBucket: string;
  count: number;
  ids: string[];
  /** Base64 thumbhash per asset; '' when the asset has none yet. */
  thumbhashes: string[];
  /** City where taken; '' when unknown. */
  cities: string[];
  /** Width / height. */
  ratio: Float32Array;
  /** When taken, as the wall-clock time where it was taken, in ms since the epoch read as UTC. */
  localMs: Float64Array;
  /** Bit field: see the FLAG_ constants. */
  flags: Uint8Array;
  /** Video duration in seconds; NaN for photos. */
  duration: Float32Array;
  /** Days since the epoch (of the local time) for each day, newest first. */
  dayKeys: Int32Array;
  /** Index of each day's first asset, plus `count` at the end (length days + 1). */
  dayStarts: Int32Array;
}

export const FLAG_FAVORITE = 1;
export const FLAG_IMAGE = 2;
export const FLAG_TRASHED = 4;
export const FLAG_LIVE = 8;
export const FLAG_ARCHIVED = 16;

export const DAY_MS = 86_400_000;

/** Which assets of a bucket a view keeps (Immich's timeline API has no type filter). */
export type AssetFilter = 'all' | 'videos';

/**
 * Reads Immich's `fileCreatedAt`, which 1.135 sends as UTC without a zone designator
 * ("2025-03-14T10:32:00.123"); a string with `Z` or an offset is read as it says.
 */
export function parseUtcMs(value: string): number {
  const hasZone = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(ms) ? 0 : ms;
}

/** "H:MM:SS.ffffff" (Immich's duration format) to seconds; NaN when absent or unreadable. */
export function parseDuration(value: string | null | undefined): number {
  if (!value) return NaN;
  const parts = value.split(':');
  let seconds = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isFinite(n)) return NaN;
    seconds = seconds * 60 + n;
  }
  return seconds;
}

/** Sorts, filters and packs one `GET /timeline/bucket` response. */
export function packBucket(
  timeBucket: string,
  dto: TimeBucketAssetResponseDto,
  filter: AssetFilter = 'all',
): PackedMonth {
  const total = dto.id.length;
  const local = new Float64Array(total);
  const order: number[] = [];
  for (let i = 0; i < total; i++) {
    if (filter === 'videos' && dto.isImage[i] !== false) continue;
    const utc = parseUtcMs(dto.fileCreatedAt[i] ?? '');
    const offset = dto.localOffsetHours[i] ?? 0;
    local[i] = utc + (Number.isFinite(offset) ? offset : 0) * 3_600_000;
    order.push(i);
  }
  // Newest first by local time; equal times keep the server's order (Array#sort is stable).
  order.sort((a, b) => (local[b] ?? 0) - (local[a] ?? 0));

  const count = order.length;
  const month: PackedMonth = {
    timeBucket,
    count,
    ids: new Array<string>(count),
    thumbhashes: new Array<string>(count),
    cities: new Array<string>(count),
    ratio: new Float32Array(count),
    localMs: new Float64Array(count),
    flags: new Uint8Array(count),
    duration: new Float32Array(count),
    dayKeys: new Int32Array(0),
    dayStarts: new Int32Array(0),
  };
  const dayKeys: number[] = [];
  const dayStarts: number[] = [];
  let previousDay = NaN;
  for (let k = 0; k < count; k++) {
    const i = order[k] ?? 0;
    const ms = local[i] ?? 0;
    month.ids[k] = dto.id[i] ?? '';
    month.thumbhashes[k] = dto.thumbhash[i] ?? '';
    month.cities[k] = dto.city[i] ?? '';
    month.ratio[k] = dto.ratio[i] ?? 1;
    month.localMs[k] = ms;
    month.flags[k] =
      (dto.isFavorite[i] ? FLAG_FAVORITE : 0) |
      (dto.isImage[i] !== false ? FLAG_IMAGE : 0) |
      (dto.isTrashed[i] ? FLAG_TRASHED : 0) |
      (dto.livePhotoVideoId[i] ? FLAG_LIVE : 0) |
      (String(dto.visibility[i]) === 'archive' ? FLAG_ARCHIVED : 0);
    month.duration[k] = dto.isImage[i] === false ? parseDuration(dto.duration[i]) : NaN;
    const day = Math.floor(ms / DAY_MS);
    if (day !== previousDay) {
      dayKeys.push(day);
      dayStarts.push(k);
      previousDay = day;
    }
  }
  dayStarts.push(count);
  month.dayKeys = Int32Array.from(dayKeys);
  month.dayStarts = Int32Array.from(dayStarts);
  return month;
}

/** The packed month as it crosses to the page: its string columns joined into single strings. */
export interface PackedMonthWire extends Omit<PackedMonth, 'ids' | 'thumbhashes' | 'cities'> {
  ids: string;
  thumbhashes: string;
  cities: string;
}

const SEPARATOR = '\u001f';

export function toWire(month: PackedMonth): { wire: PackedMonthWire; transfer: ArrayBuffer[] } {
  const wire: PackedMonthWire = {
    ...month,
    ids: month.ids.join(SEPARATOR),
    thumbhashes: month.thumbhashes.join(SEPARATOR),
    cities: month.cities.map((city) => city.replaceAll(SEPARATOR, ' ')).join(SEPARATOR),
  };
  const transfer = [
    month.ratio.buffer,
    month.localMs.buffer,
    month.flags.buffer,
    month.duration.buffer,
    month.dayKeys.buffer,
    month.dayStarts.buffer,
  ].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
  return { wire, transfer };
}

export function fromWire(wire: PackedMonthWire): PackedMonth {
  const split = (joined: string) => (wire.count === 0 ? [] : joined.split(SEPARATOR));
  return {
    ...wire,
    ids: split(wire.ids),
    thumbhashes: split(wire.thumbhashes),
    cities: split(wire.cities),
  };
}

/** Number of days in the month a bucket key ("2025-03-01") names. */
export function daysInBucketMonth(timeBucket: string): number {
  const year = Number(timeBucket.slice(0, 4));
  const month = Number(timeBucket.slice(5, 7));
  if (!year || !month) return 30;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
