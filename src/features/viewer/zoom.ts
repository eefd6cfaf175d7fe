/**
 * The viewer's zoom and pan, as pure functions over a small state.
 *
 * The photo is drawn "contained" in a stage of `stage` size (fitted, centred).
 * The stage's content is transformed with `translate(x, y) scale(scale)` and
 * `transform-origin: 0 0`, so a point p of the untransformed stage appears at
 * `x + p * scale` on screen.
 */
export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 1;
export const MAX_SCALE = 10;
/** Where a double-click or the `z` key zooms to from 1×. */
export const TOGGLE_SCALE = 2.5;

export const initialZoom: ZoomState = { scale: 1, x: 0, y: 0 };

/** The size of `content` fitted inside `stage` (never enlarged past the stage). */
export function fitSize(content: Size, stage: Size): Size {
  if (content.width <= 0 || content.height <= 0 || stage.width <= 0 || stage.height <= 0) {
    return { width: 0, height: 0 };
  }
  const ratio = Math.min(stage.width / content.width, stage.height / content.height);
  return { width: content.width * ratio, height: content.height * ratio };
}

/** Keeps one axis's translation so the photo covers the stage edge to edge, or is centred. */
function clampAxis(offset: number, scale: number, stageLength: number, fitLength: number): number {
  const margin = (stageLength - fitLength) / 2;
  if (fitLength * scale <= stageLength) {
    // Smaller than the stage on this axis: centre it.
    return (stageLength / 2) * (1 - scale);
  }
  const max = -margin * scale;
  const min = stageLength - (margin + fitLength) * scale;
  return Math.min(max, Math.max(min, offset));
}

/** Brings a state back into bounds: scale within [MIN, MAX], no empty space beside the photo. */
export function clampZoom(state: ZoomState, stage: Size, fit: Size): ZoomState {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, state.scale));
  if (scale === MIN_SCALE) return initialZoom;
  return {
    scale,
    x: clampAxis(state.x, scale, stage.width, fit.width),
    y: clampAxis(state.y, scale, stage.height, fit.height),
  };
}

/**
 * Zooms to `nextScale` keeping the stage point under `focus` (screen coordinates
 * relative to the stage) where it is.
 */
export function zoomTo(
  state: ZoomState,
  nextScale: number,
  focus: Point,
  stage: Size,
  fit: Size,
): ZoomState {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, nextScale));
  const ratio = scale / state.scale;
  return clampZoom(
    {
      scale,
      x: focus.x - (focus.x - state.x) * ratio,
      y: focus.y - (focus.y - state.y) * ratio,
    },
    stage,
    fit,
  );
}

/** Multiplies the scale by `factor` around `focus` (wheel, pinch, keys). */
export function zoomBy(
  state: ZoomState,
  factor: number,
  focus: Point,
  stage: Size,
  fit: Size,
): ZoomState {
  return zoomTo(state, state.scale * factor, focus, stage, fit);
}

/** A wheel step: deltaY < 0 zooms in. Trackpad pinches arrive as wheel events with ctrlKey. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  // deltaMode 1 = lines, 2 = pages; normalise to pixels.
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const bounded = Math.max(-200, Math.min(200, pixels));
  return Math.exp(-bounded * 0.004);
}

/** Double-click and `z`: 1× zooms in at the point, anything else returns to 1×. */
export function toggleZoom(state: ZoomState, focus: Point, stage: Size, fit: Size): ZoomState {
  if (state.scale > MIN_SCALE) return initialZoom;
  return zoomTo(state, TOGGLE_SCALE, focus, stage, fit);
}

/** Moves a zoomed photo by a screen delta (drag, arrow keys while zoomed). */
export function panBy(state: ZoomState, delta: Point, stage: Size, fit: Size): ZoomState {
  if (state.scale <= MIN_SCALE) return initialZoom;
  return clampZoom({ ...state, x: state.x + delta.x, y: state.y + delta.y }, stage, fit);
}

export function isZoomed(state: ZoomState): boolean {
  return state.scale > MIN_SCALE;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

export function zoomTransform(state: ZoomState): string {
  return `translate(${state.x}px, ${state.y}px) scale(${state.scale})`;
}
