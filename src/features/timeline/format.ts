import { DAY_MS, FLAG_FAVORITE, FLAG_IMAGE, FLAG_LIVE } from './months/packed-month';

// Dates in the timeline are wall-clock times where the photo was taken, stored as UTC
// milliseconds: they are formatted in UTC so nobody's own time zone shifts them.
type Style = 'day' | 'month' | 'taken';
const styles: Record<Style, Intl.DateTimeFormatOptions> = {
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
  taken: { dateStyle: 'full', timeStyle: 'short' },
};
// One formatter per style and locale: creating one costs far more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, locale?: string): Intl.DateTimeFormat {
  const key = locale ? `${style}|${locale}` : style;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...styles[style], timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Creates the formatters ahead of need. The page's first Intl date formatter costs a lot
 * (the locale's data is loaded then): this lets a grid's loader pay it while the page's
 * code and first months are on the network, instead of in the first render.
 */
export function warmDateFormats(): void {
  formatter('day').format(0);
  formatter('month').format(0);
  formatter('taken').format(0);
}

/** "Friday, 14 March 2025" (en-GB) / "Friday, March 14, 2025" (en-US). */
export function formatDay(dayKey: number, locale?: string): string {
  return formatter('day', locale).format(dayKey * DAY_MS);
}

/** "March 2025". */
export function formatMonth(year: number, month: number, locale?: string): string {
  return formatter('month', locale).format(Date.UTC(year, month - 1, 1));
}

/** "Friday, 14 March 2025 at 10:32" in the user's locale. */
export function formatTaken(localMs: number, locale?: string): string {
  return formatter('taken', locale).format(localMs);
}

/** "0:15", "12:04", "1:02:03". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function kindOf(flags: number): 'Photo' | 'Video' | 'Live photo' {
  if (!(flags & FLAG_IMAGE)) return 'Video';
  return flags & FLAG_LIVE ? 'Live photo' : 'Photo';
}

/**
 * A tile's accessible name. The bucket answer carries no file names (Immich's own web app
 * names tiles by date too), and fetching each asset for one would cost a request per
 * tile, so the name says what it is, when and where it was taken, and its state:
 * "Video taken Friday, 14 March 2025 at 10:32 in Paris, 0:15, favorite".
 */
export function tileLabel(
  flags: number,
  localMs: number,
  city: string,
  duration: number,
  locale?: string,
): string {
  let label = `${kindOf(flags)} taken ${formatTaken(localMs, locale)}`;
  if (city) label += ` in ${city}`;
  if (!(flags & FLAG_IMAGE) && Number.isFinite(duration)) label += `, ${formatDuration(duration)}`;
  if (flags & FLAG_FAVORITE) label += ', favorite';
  return label;
}
