/**
 * Justified rows: every row has one height, every photo keeps its aspect ratio, and a
 * full row spans the whole width. The last row of a group is not stretched: it keeps
 * the target height and ends where its photos end.
 *
 * Greedy, one pass, O(n): photos are added to the row until it would be at most
 * `targetRowHeight` tall when stretched to the width; then the row ends either with
 * or without the last photo, whichever height is nearer the target.
 */

export interface JustifyOptions {
  /** Width available to the rows, in CSS pixels. */
  width: number;
  /** Height a row aims for. */
  targetRowHeight: number;
  /** Gap between photos in a row and between rows. */
  spacing: number;
}

/** Aspect ratios are clamped so a panorama or a sliver still gets a usable tile (shown cropped). */
export const MIN_RATIO = 0.25;
export const MAX_RATIO = 4;

export function clampRatio(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 1;
  return ratio < MIN_RATIO ? MIN_RATIO : ratio > MAX_RATIO ? MAX_RATIO : ratio;
}

/** Where the rows of a layout are written: positions are relative to the group's top-left corner. */
export interface RowSink {
  /** x and width of each photo, indexed like the input ratios. */
  x: Float32Array;
  w: Float32Array;
  /** Row of each photo (index into the row arrays). */
  rowOf: Int32Array;
  /** Called once per row, top to bottom. */
  addRow(top: number, height: number, start: number, end: number): number;
}

/** Where `justify` stopped: the next photo to place and the top of the next row. */
export interface JustifyProgress {
  next: number;
  y: number;
}

/**
 * Lays out `ratios[start..end)` in rows from `top` downwards and writes each photo's x
 * and width into `sink`. Stops at the first row boundary after `maxItems` photos so a
 * huge group can be laid out in slices; call again with `next` and `y` to go on.
 * `y` is the top of the next row (the last row's bottom plus `spacing`).
 */
export function justify(
  ratios: ArrayLike<number>,
  start: number,
  end: number,
  top: number,
  options: JustifyOptions,
  sink: RowSink,
  maxItems = Infinity,
): JustifyProgress {
  const { targetRowHeight: target, spacing } = options;
  const width = Math.max(options.width, 1);
  const stopAt = start + maxItems;
  let y = top;
  let i = start;
  while (i < end && i < stopAt) {
    const rowStart = i;
    let sum = 0;
    let rowEnd = end;
    let height = target;
    let prevHeight = Infinity;
    let last = true;
    for (; i < end; i++) {
      sum += clampRatio(ratios[i] ?? 1);
      const n = i - rowStart + 1;
      const h = (width - spacing * (n - 1)) / sum;
      if (h <= target) {
        // Stretched to the width the row would be at most the target height: end it here,
        // with or without this photo, whichever is nearer the target.
        if (n > 1 && prevHeight - target < target - h) {
          rowEnd = i;
          height = prevHeight;
        } else {
          rowEnd = i + 1;
          height = h;
        }
        last = false;
        break;
      }
      prevHeight = h;
    }
    // The group's last row is never stretched: it keeps the target height.
    if (last) rowEnd = end;
    height = Math.max(1, Math.round(height));
    placeRow(ratios, rowStart, rowEnd, height, spacing, last ? Infinity : width, sink);
    const row = sink.addRow(y, height, rowStart, rowEnd);
    for (let k = rowStart; k < rowEnd; k++) sink.rowOf[k] = row;
    y += height + spacing;
    i = rowEnd;
  }
  return { next: i, y };
}

/** Places one row's photos left to right on whole pixels; a full row ends exactly at `width`. */
function placeRow(
  ratios: ArrayLike<number>,
  start: number,
  end: number,
  height: number,
  spacing: number,
  width: number,
  sink: RowSink,
): void {
  const n = end - start;
  let sum = 0;
  for (let k = start; k < end; k++) sum += clampRatio(ratios[k] ?? 1);
  // A full row shares the width exactly; a last row uses the natural widths.
  const scale = Number.isFinite(width) ? (width - spacing * (n - 1)) / (sum * height) : 1;
  let exact = 0;
  for (let k = start; k < end; k++) {
    const left = Math.round(exact);
    exact += clampRatio(ratios[k] ?? 1) * height * scale;
    const right = Math.round(exact);
    sink.x[k] = left;
    sink.w[k] = Math.max(1, right - left);
    exact += spacing;
  }
}
