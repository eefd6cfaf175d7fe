import type { TimeBucketsResponseDto } from '@/api/types';

// The dashboard's arithmetic, kept apart from React so it can be tested on its own.

/** One calendar year of the library: its months' counts (January first) and their sum. */
export interface YearCounts {
  year: number;
  /** Twelve counts, index 0 is January. */
  months: number[];
  total: number;
}

/** The timeline buckets regrouped by year. */
export interface Activity {
  /** Every year from the oldest to the newest that has assets (empty years included, as zeros), oldest first. */
  years: YearCounts[];
  /** The sum of every bucket that could be read. */
  total: number;
  /** Buckets whose timeBucket was not a 'YYYY-MM…' date (not counted in `years`). */
  unreadable: number;
}

const BUCKET = /^(\d{4})-(\d{2})/;

/** The year and month (1–12) of a timeBucket ('2024-03-01' or '2024-03-01T00:00:00.000Z'), or null. */
export function parseTimeBucket(timeBucket: string): { year: number; month: number } | null {
  const match = BUCKET.exec(timeBucket);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return { year, month };
}

/**
 * Groups GET /timeline/buckets' months by year. Months may come in any order and more than
 * once (their counts add up); the years between the oldest and the newest are all present, so
 * a chart shows the gaps as gaps.
 */
export function aggregateBuckets(buckets: readonly TimeBucketsResponseDto[]): Activity {
  const byYear = new Map<number, number[]>();
  let total = 0;
  let unreadable = 0;
  for (const { timeBucket, count } of buckets) {
    const parsed = parseTimeBucket(timeBucket);
    if (!parsed || !Number.isFinite(count) || count < 0) {
      unreadable++;
      continue;
    }
    let months = byYear.get(parsed.year);
    if (!months) {
      months = new Array<number>(12).fill(0);
      byYear.set(parsed.year, months);
    }
    months[parsed.month - 1] = (months[parsed.month - 1] ?? 0) + count;
    total += count;
  }
  if (byYear.size === 0) return { years: [], total, unreadable };
  const known = [...byYear.keys()];
  const first = Math.min(...known);
  const last = Math.max(...known);
  const years: YearCounts[] = [];
  for (let year = first; year <= last; year++) {
    const months = byYear.get(year) ?? new Array<number>(12).fill(0);
    years.push({ year, months, total: months.reduce((sum, n) => sum + n, 0) });
  }
  return { years, total, unreadable };
}

/** The year to show by month: `requested` if it has assets, else the newest year that has. */
export function pickYear(
  years: readonly YearCounts[],
  requested: string | null,
): YearCounts | null {
  const asked = requested && /^\d{1,4}$/.test(requested) ? Number(requested) : null;
  const found = years.find((y) => y.year === asked && y.total > 0);
  if (found) return found;
  for (let i = years.length - 1; i >= 0; i--) {
    const y = years[i];
    if (y && y.total > 0) return y;
  }
  return null;
}

/** 'YYYY-MM' for a year and month (1–12), as the timeline's `?month=` takes it. */
export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The 'YYYY-MM' months that have at least one asset in these buckets. */
export function monthsWithAssets(buckets: readonly TimeBucketsResponseDto[]): Set<string> {
  const months = new Set<string>();
  for (const { timeBucket, count } of buckets) {
    const parsed = parseTimeBucket(timeBucket);
    if (parsed && count > 0) months.add(monthKey(parsed.year, parsed.month));
  }
  return months;
}

/** `part` as a fraction of `whole` (0 when the whole is empty), clamped to 0–1. */
export function fraction(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0;
  return Math.min(1, part / whole);
}

/**
 * A share as people read it: '0%' only for nothing, '<1%' for a little, '>99%' for almost all,
 * whole percents otherwise (so a single favourite among 500 never reads as none).
 */
export function formatShare(part: number, whole: number, locale?: string): string {
  const f = fraction(part, whole);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  if (f === 0) return percent.format(0);
  if (f < 0.01) return `<${percent.format(0.01)}`;
  if (f > 0.99 && f < 1) return `>${percent.format(0.99)}`;
  return percent.format(f);
}

/** What a deviceAssetId tells about the file: Lightbox and Immich web send 'web-<name>-<lastModified>'. */
export interface DeviceFile {
  deviceAssetId: string;
  /** The file name, when the id has the web uploaders' shape. */
  name: string | null;
  /** The file's modification time (ms), when the id has the web uploaders' shape. */
  lastModified: number | null;
}

const WEB_ID = /^web-(.+)-(\d+)$/;

export function parseDeviceAssetId(deviceAssetId: string): DeviceFile {
  const match = WEB_ID.exec(deviceAssetId);
  if (!match?.[1] || !match[2]) return { deviceAssetId, name: null, lastModified: null };
  const lastModified = Number(match[2]);
  return {
    deviceAssetId,
    name: match[1],
    lastModified: Number.isSafeInteger(lastModified) ? lastModified : null,
  };
}
