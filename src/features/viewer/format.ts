/** Formatting for the details panel and the edit dialogs (pure; tested in format.test.ts). */

const MINUTE = 60_000;

/** Minutes east of UTC at which the asset was taken: localDateTime is the wall time written as UTC. */
export function offsetMinutes(localDateTime: string, fileCreatedAt: string): number | null {
  const local = Date.parse(localDateTime);
  const utc = Date.parse(fileCreatedAt);
  if (Number.isNaN(local) || Number.isNaN(utc)) return null;
  return Math.round((local - utc) / MINUTE);
}

/** "+02:00", "-09:30", "+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** Parses "+02:00", "UTC+2", "UTC-09:30", "Z" into minutes; null for IANA names or garbage. */
export function parseOffset(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === 'Z' || trimmed === 'UTC' || trimmed === 'GMT') return 0;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(trimmed);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  if (total > 14 * 60) return null;
  return sign === '-' ? -total : total;
}

/**
 * The date taken as the photographer saw it, with its zone:
 * "Sunday, 5 August 2012, 11:39:59 (UTC+02:00)" or "… (Europe/Berlin, UTC+02:00)".
 */
export function formatTakenAt(
  asset: { localDateTime: string; fileCreatedAt: string; timeZone?: string | null },
  locale?: string,
): string {
  const local = new Date(asset.localDateTime);
  if (Number.isNaN(local.getTime())) return 'Unknown date';
  // localDateTime is the wall-clock time encoded as UTC: format it in UTC to read it back.
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'UTC',
  }).format(local);
  const offset = offsetMinutes(asset.localDateTime, asset.fileCreatedAt);
  const offsetText = offset === null ? null : `UTC${formatOffset(offset)}`;
  const zone = asset.timeZone?.trim();
  const zoneIsOffset = zone ? parseOffset(zone) !== null : false;
  const label =
    zone && !zoneIsOffset ? [zone, offsetText].filter(Boolean).join(', ') : (offsetText ?? zone);
  return label ? `${text} (${label})` : text;
}

export function formatBytes(bytes: number | null | undefined): string | null {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return null;
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDimensions(
  width: number | null | undefined,
  height: number | null | undefined,
): string | null {
  if (!width || !height) return null;
  const megapixels = (width * height) / 1_000_000;
  const mp = megapixels >= 0.1 ? ` (${megapixels.toFixed(1)} MP)` : '';
  return `${width} × ${height}${mp}`;
}

/** "1/200 s", "2 s", "ƒ/2.8", "50 mm", "ISO 100", joined by " · ". */
export function formatExposure(exif: {
  exposureTime?: string | null;
  fNumber?: number | null;
  focalLength?: number | null;
  iso?: number | null;
}): string | null {
  const parts: string[] = [];
  if (exif.fNumber) parts.push(`ƒ/${trimNumber(exif.fNumber)}`);
  if (exif.exposureTime) parts.push(`${exif.exposureTime} s`);
  if (exif.focalLength) parts.push(`${trimNumber(exif.focalLength)} mm`);
  if (exif.iso) parts.push(`ISO ${exif.iso}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function trimNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function formatCamera(exif: { make?: string | null; model?: string | null }): string | null {
  const make = exif.make?.trim() ?? '';
  const model = exif.model?.trim() ?? '';
  if (!make && !model) return null;
  // Many cameras repeat the make in the model ("Canon" + "Canon EOS R5").
  if (make && model.toLowerCase().startsWith(make.toLowerCase())) return model;
  return [make, model].filter(Boolean).join(' ');
}

export function formatCoordinates(latitude: number, longitude: number): string {
  const lat = `${Math.abs(latitude).toFixed(5)}° ${latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(longitude).toFixed(5)}° ${longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

export function mapUrl(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=15/${lat}/${lon}`;
}

/** The value for an `<input type="datetime-local" step="1">`: "2012-08-05T11:39:59". */
export function toDateTimeLocalValue(localDateTime: string): string {
  const date = new Date(localDateTime);
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(0, 19);
}

/**
 * What `PUT /assets/{id}` takes as `dateTimeOriginal`: the wall time with its
 * offset, "2012-08-05T11:39:59.000+02:00" (as Immich's web app sends it).
 */
export function toDateTimeOriginal(dateTimeLocal: string, offset: number): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/.exec(dateTimeLocal);
  if (!match) return null;
  const [, day, hm, seconds] = match;
  const iso = `${day}T${hm}:${seconds ?? '00'}.000${formatOffset(offset)}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** UTC offsets in use around the world, in minutes, for the time zone picker. */
export const COMMON_OFFSETS: readonly number[] = [
  -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120,
  180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765,
  780, 840,
];

/** "1:02:03" / "0:42" from Immich's "H:MM:SS.mmm" duration. */
export function formatDuration(duration: string | null | undefined): string | null {
  if (!duration) return null;
  const match = /^(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(duration);
  if (!match) return null;
  const [, h, m, s] = match;
  const hours = Number(h);
  if (hours === 0 && Number(m) === 0 && Number(s) === 0) return null;
  return hours > 0 ? `${hours}:${m}:${s}` : `${Number(m)}:${s}`;
}

export function parseCoordinate(text: string, limit: 90 | 180): number | null {
  if (text.trim() === '') return null;
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value) || Math.abs(value) > limit) return null;
  return value;
}
