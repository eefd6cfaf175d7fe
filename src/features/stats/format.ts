import { AssetTypeEnum, type AssetResponseDto } from '@/api/types';

// Words and numbers as the dashboard shows them, in the browser's locale.

const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(n: number, locale?: string): string {
  const key = locale ?? '';
  let f = numbers.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numbers.set(key, f);
  }
  return f.format(n);
}

/** '1 item', '2,345 items' (photos, videos and anything else the server counts). */
export function formatItems(n: number, locale?: string): string {
  return `${formatNumber(n, locale)} ${n === 1 ? 'item' : 'items'}`;
}

/** '1 photo' / '3 photos', '1 video' / '0 videos'. */
export function formatCount(n: number, one: string, many: string, locale?: string): string {
  return `${formatNumber(n, locale)} ${n === 1 ? one : many}`;
}

// Month and year names come from wall-clock dates stored as UTC: formatted in UTC, so the
// viewer's own time zone never moves them.
function dateFormat(options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = dates.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    dates.set(key, f);
  }
  return f;
}

/** 'March 2021'. */
export function formatMonthYear(year: number, month: number, locale?: string): string {
  return dateFormat({ month: 'long', year: 'numeric' }, locale).format(
    Date.UTC(year, month - 1, 1),
  );
}

/** 'Mar' (short) or 'March' (long), for month 1–12. */
export function formatMonthName(month: number, width: 'short' | 'long', locale?: string): string {
  return dateFormat({ month: width }, locale).format(Date.UTC(2000, month - 1, 1));
}

/** 'Jul 4, 2019' for a localDateTime (wall clock as UTC); '' when it cannot be read. */
export function formatTakenDate(localDateTime: string, locale?: string): string {
  const ms = Date.parse(localDateTime);
  if (Number.isNaN(ms)) return '';
  return dateFormat({ dateStyle: 'medium' }, locale).format(ms);
}

/** A file's modification time in the viewer's own zone: 'Jul 4, 2019, 10:00 AM'. */
export function formatModified(ms: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** "beach.jpg, photo taken Jul 4, 2019": what a random memory's link is called. */
export function memoryName(asset: AssetResponseDto, locale?: string): string {
  const kind = asset.type === AssetTypeEnum.Video ? 'video' : 'photo';
  const date = formatTakenDate(asset.localDateTime, locale);
  return `${asset.originalFileName}, ${kind}${date ? ` taken ${date}` : ''}`;
}
