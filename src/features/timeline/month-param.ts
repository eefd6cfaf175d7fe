// `?month=YYYY-MM` on a grid's URL: open the grid at that month (the statistics page links
// its month bars this way). Only the first arrival reads it; Back still restores the scroll.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The timeBucket ('YYYY-MM-01') a search string's `month` asks for, or null. */
export function monthFromSearch(search: string): string | null {
  const match = MONTH.exec(new URLSearchParams(search).get('month') ?? '');
  return match ? `${match[1]}-${match[2]}-01` : null;
}

/**
 * Which of the grid's months (newest first) opens for `timeBucket`: that month, else the
 * nearest older one, else the oldest. -1 when there are no months.
 */
export function monthIndexFor(
  months: readonly { readonly timeBucket: string }[],
  timeBucket: string,
): number {
  if (months.length === 0) return -1;
  const wanted = timeBucket.slice(0, 7);
  const index = months.findIndex((m) => m.timeBucket.slice(0, 7) <= wanted);
  return index < 0 ? months.length - 1 : index;
}
