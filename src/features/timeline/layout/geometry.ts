/** Sizes of everything in the grid, chosen from the viewport so phones get smaller rows. */
export interface Geometry {
  /** Width the rows fill (the scroller's content width). */
  width: number;
  /** Height a justified row aims for. */
  rowHeight: number;
  /** Gap between tiles and between rows. */
  spacing: number;
  /** Month title bar at the top of each month. */
  monthHeaderHeight: number;
  /** Day title bar above each day's rows. */
  dayHeaderHeight: number;
  /** Space after each day's last row. */
  dayGap: number;
}

export const PHONE_WIDTH = 640;

/**
 * Row height follows the width (about 3 to 4 photos a row on a phone, 235 px on a
 * desktop, as Immich) and never exceeds 40% of the viewport's height, so a short
 * landscape phone still sees more than two rows.
 */
export function geometryFor(width: number, viewportHeight: number): Geometry {
  const w = Math.max(1, Math.floor(width));
  const phone = w < PHONE_WIDTH;
  let rowHeight = phone ? clamp(Math.round(w / 3.4), 90, 150) : w < 1024 ? 180 : 235;
  if (viewportHeight > 0)
    rowHeight = Math.min(rowHeight, Math.max(80, Math.round(viewportHeight * 0.4)));
  return {
    width: w,
    rowHeight,
    spacing: phone ? 2 : 4,
    monthHeaderHeight: phone ? 44 : 56,
    dayHeaderHeight: phone ? 36 : 44,
    dayGap: phone ? 8 : 12,
  };
}

export function sameGeometry(a: Geometry, b: Geometry): boolean {
  return (
    a.width === b.width &&
    a.rowHeight === b.rowHeight &&
    a.spacing === b.spacing &&
    a.monthHeaderHeight === b.monthHeaderHeight &&
    a.dayHeaderHeight === b.dayHeaderHeight &&
    a.dayGap === b.dayGap
  );
}

/**
 * Height of a month that is not loaded yet, from its asset count alone: its header, the
 * headers of the days it probably has (if the photos were spread at random over the
 * month's days), and the rows each day fills at an average ratio of 1.5: at least one,
 * plus half a row for each day's unfilled last row.
 */
export function estimateMonthHeight(count: number, daysInMonth: number, g: Geometry): number {
  if (count <= 0) return 0;
  const days = Math.max(1, Math.min(count, daysInMonth * (1 - Math.exp(-count / daysInMonth))));
  const perRow = Math.max(1, (g.width + g.spacing) / (1.5 * g.rowHeight + g.spacing));
  const rowsPerDay = count / days / perRow;
  const rows = days * (rowsPerDay <= 1 ? 1 : rowsPerDay + 0.5);
  return Math.round(
    g.monthHeaderHeight + days * (g.dayHeaderHeight + g.dayGap) + rows * (g.rowHeight + g.spacing),
  );
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
