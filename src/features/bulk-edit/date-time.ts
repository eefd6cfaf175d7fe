// Building the date sent to PUT /assets from a wall-clock time and a UTC offset.

/** "+02:00" / "-05:30" for an offset in minutes east of UTC. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** The offsets a user can pick: every half hour from UTC−12:00 to UTC+14:00, plus +05:45 and +12:45. */
export const OFFSETS: number[] = (() => {
  const list: number[] = [];
  for (let m = -12 * 60; m <= 14 * 60; m += 30) list.push(m);
  list.push(345, 765);
  return list.sort((a, b) => a - b);
})();

/** This browser's offset now, in minutes east of UTC. */
export const browserOffset = (): number => -new Date().getTimezoneOffset();

/**
 * `local` is a datetime-local value ("2025-03-14T10:32" or with seconds). Returns an ISO 8601
 * string with the offset, e.g. "2025-03-14T10:32:00.000+02:00", or null when `local` is not a
 * valid date and time.
 */
export function toIsoWithOffset(local: string, offsetMinutes: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '00'] = match;
  const check = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s));
  if (
    check.getUTCFullYear() !== +y! ||
    check.getUTCMonth() !== +mo! - 1 ||
    check.getUTCDate() !== +d! ||
    +h! > 23 ||
    +mi! > 59 ||
    +s > 59
  )
    return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.000${formatOffset(offsetMinutes)}`;
}
