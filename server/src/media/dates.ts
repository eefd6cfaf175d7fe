/**
 * Date and time-zone arithmetic for metadata. EXIF dates are wall-clock times with an optional
 * offset; they are parsed by hand (never through `new Date(string)`, which would apply the
 * server's own zone) and turned into an instant only once the zone is known.
 */

/** A wall-clock time as written in the file, plus its UTC offset when the file says it. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, when the value itself carries an offset ("+02:00", "Z"). */
  offsetMinutes: number | null;
  /**
   * The value is a UTC instant that says nothing of the local time (a video's creation_time):
   * the local time comes from the zone found elsewhere.
   */
  utcOnly?: boolean;
}

const EXIF_OR_ISO =
  /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses "2023:02:02 02:00:00", "2023:02:02 02:00:00.123+02:00", "2000-09-27T14:35:33+02:00" and
 * the like. A date without a time of day, an all-zero date or an impossible one gives null.
 */
export function parseDateTime(value: unknown): LocalDateTime | null {
  if (typeof value !== 'string') return null;
  const match = EXIF_OR_ISO.exec(value.trim().replace(/\0+$/, ''));
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const result: LocalDateTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? 0),
    millisecond: frac ? Math.round(Number(`0.${frac}`) * 1000) : 0,
    offsetMinutes: zone ? parseOffset(zone) : null,
  };
  if (result.millisecond === 1000) result.millisecond = 999;
  return isValid(result) ? result : null;
}

/** "+02:00", "-0430", "+05", "Z" → minutes east of UTC; null when not an offset. */
export function parseOffset(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^z$/i.test(text)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  if (total > 14 * 60) return null;
  return sign === '-' ? -total : total;
}

/** Adds sub-seconds written separately (EXIF SubSecTimeOriginal "023460" = .023460 s). */
export function withSubSeconds(date: LocalDateTime, subSec: unknown): LocalDateTime {
  const text =
    typeof subSec === 'number' ? String(subSec) : typeof subSec === 'string' ? subSec.trim() : '';
  if (!/^\d+$/.test(text) || date.millisecond !== 0) return date;
  return { ...date, millisecond: Math.min(999, Math.round(Number(`0.${text}`) * 1000)) };
}

/**
 * IPTC keeps the date ("20220110") and the time ("151544-0400") apart; together they make one
 * value. Both are needed, as in exiftool's DateTimeCreated.
 */
export function parseIptcDateTime(date: unknown, time: unknown): LocalDateTime | null {
  if (typeof date !== 'string' || typeof time !== 'string') return null;
  const d = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(date.trim());
  const t = /^(\d{2}):?(\d{2}):?(\d{2})(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(time.trim());
  if (!d || !t) return null;
  return parseDateTime(`${d[1]}:${d[2]}:${d[3]} ${t[1]}:${t[2]}:${t[3]}${t[4] ?? ''}`);
}

/** GPSDateStamp "2022:01:10" + GPSTimeStamp [21, 15, 33.519] (or "21:15:33"): always UTC. */
export function parseGpsDateTime(date: unknown, time: unknown): LocalDateTime | null {
  if (typeof date !== 'string') return null;
  let parts: number[] | null = null;
  if (Array.isArray(time) && time.length === 3 && time.every((v) => typeof v === 'number')) {
    parts = time;
  } else if (typeof time === 'string') {
    const m = /^(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(time.trim());
    if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const d = /^(\d{4})[:-](\d{2})[:-](\d{2})$/.exec(date.trim());
  if (!d || !parts) return null;
  const [h = 0, mi = 0, s = 0] = parts;
  const result: LocalDateTime = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Math.floor(h),
    minute: Math.floor(mi),
    second: Math.floor(s),
    millisecond: Math.round((s - Math.floor(s)) * 1000) % 1000,
    offsetMinutes: 0,
  };
  return isValid(result) ? result : null;
}

function isValid(d: LocalDateTime): boolean {
  if (d.year < 1000 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return false;
  if (d.hour > 24 || d.minute > 59 || d.second > 60) return false;
  const probe = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return probe.getUTCDate() === d.day;
}

/** The wall-clock time read as if it were UTC: Immich's `localDateTime`. */
export function wallClockAsUtc(d: LocalDateTime): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second, d.millisecond));
}

/** The instant, given the offset in force at that wall-clock time. */
export function toInstant(d: LocalDateTime, offsetMinutes: number): Date {
  return new Date(wallClockAsUtc(d).getTime() - offsetMinutes * 60_000);
}

/** Immich's (exiftool-vendored's) name for a fixed offset: "UTC+2", "UTC-4:30", "UTC+0". */
export function offsetZoneName(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** The UTC offset, in minutes, of an IANA zone at an instant; null for an unknown zone. */
export function zoneOffsetAt(timeZone: string, instant: Date): number | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/** The offset of an IANA zone for a wall-clock time there (two passes settle DST edges). */
export function zoneOffsetForWallClock(timeZone: string, d: LocalDateTime): number | null {
  const guess = zoneOffsetAt(timeZone, wallClockAsUtc(d));
  if (guess === null) return null;
  return zoneOffsetAt(timeZone, toInstant(d, guess)) ?? guess;
}
