import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE,
  TOGGLE_SCALE,
  clampZoom,
  fitSize,
  initialZoom,
  isZoomed,
  panBy,
  toggleZoom,
  wheelFactor,
  zoomBy,
  zoomTo,
  type ZoomState,
} from './zoom';

// A 1000×500 stage showing a 4000×4000 photo: fitted to 500×500, centred (250 px margins).
const stage = { width: 1000, height: 500 };
const fit = fitSize({ width: 4000, height: 4000 }, stage);

/** Where stage point p ends up on screen. */
const project = (s: ZoomState, p: { x: number; y: number }) => ({
  x: s.x + p.x * s.scale,
  y: s.y + p.y * s.scale,
});

describe('fitSize', () => {
  it('contains the photo in the stage keeping its ratio', () => {
    expect(fit).toEqual({ width: 500, height: 500 });
    expect(fitSize({ width: 3000, height: 1000 }, stage)).toEqual({
      width: 1000,
      height: 1000 / 3,
    });
  });
  it('is empty for an unknown size', () => {
    expect(fitSize({ width: 0, height: 10 }, stage)).toEqual({ width: 0, height: 0 });
  });
});

describe('zoomTo', () => {
  it('keeps the point under the cursor in place', () => {
    const focus = { x: 600, y: 200 };
    const zoomed = zoomTo(initialZoom, 3, focus, stage, fit);
    expect(zoomed.scale).toBe(3);
    expect(project(zoomed, focus)).toEqual(focus);
  });

  it('clamps the scale to [1, MAX_SCALE]', () => {
    expect(zoomTo(initialZoom, 50, { x: 500, y: 250 }, stage, fit).scale).toBe(MAX_SCALE);
    expect(zoomTo(initialZoom, 0.2, { x: 500, y: 250 }, stage, fit)).toEqual(initialZoom);
  });

  it('never leaves empty space beside a photo larger than the stage', () => {
    // Zoom in at the photo's top-left corner: the photo's edge must stay at the stage's edge.
    const zoomed = zoomTo(initialZoom, 4, { x: 250, y: 0 }, stage, fit);
    const topLeft = project(zoomed, { x: 250, y: 0 });
    expect(topLeft.x).toBeLessThanOrEqual(0);
    expect(topLeft.y).toBeLessThanOrEqual(0);
    const bottomRight = project(zoomed, { x: 750, y: 500 });
    expect(bottomRight.x).toBeGreaterThanOrEqual(stage.width);
    expect(bottomRight.y).toBeGreaterThanOrEqual(stage.height);
  });

  it('centres an axis on which the zoomed photo is still smaller than the stage', () => {
    // At 1.5× the 500 px wide photo is 750 px: narrower than the 1000 px stage.
    const zoomed = zoomTo(initialZoom, 1.5, { x: 900, y: 250 }, stage, fit);
    const centre = project(zoomed, { x: 500, y: 250 });
    expect(centre.x).toBeCloseTo(500);
  });
});

describe('zoomBy and wheelFactor', () => {
  it('zooms in on a wheel up and out on a wheel down', () => {
    expect(wheelFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(100, 0)).toBeLessThan(1);
    const focus = { x: 500, y: 250 };
    const zin = zoomBy(initialZoom, wheelFactor(-100, 0), focus, stage, fit);
    const back = zoomBy(zin, wheelFactor(100, 0), focus, stage, fit);
    expect(zin.scale).toBeGreaterThan(1);
    expect(back.scale).toBeCloseTo(1);
  });

  it('treats line and page deltas as larger steps, and bounds a single step', () => {
    expect(wheelFactor(-3, 1)).toBeGreaterThan(wheelFactor(-3, 0));
    expect(wheelFactor(-10_000, 0)).toBe(wheelFactor(-200, 0));
  });
});

describe('toggleZoom', () => {
  it('zooms in at the point from 1× and back to 1× otherwise', () => {
    const focus = { x: 500, y: 250 };
    const zoomed = toggleZoom(initialZoom, focus, stage, fit);
    expect(zoomed.scale).toBe(TOGGLE_SCALE);
    expect(isZoomed(zoomed)).toBe(true);
    expect(project(zoomed, focus)).toEqual(focus);
    expect(toggleZoom(zoomed, focus, stage, fit)).toEqual(initialZoom);
  });
});

describe('panBy', () => {
  it('does nothing at 1×', () => {
    expect(panBy(initialZoom, { x: 100, y: 100 }, stage, fit)).toEqual(initialZoom);
  });

  it('moves a zoomed photo and stops at its edges', () => {
    const zoomed = zoomTo(initialZoom, 4, { x: 500, y: 250 }, stage, fit);
    const moved = panBy(zoomed, { x: 30, y: -20 }, stage, fit);
    expect(moved.x).toBe(zoomed.x + 30);
    expect(moved.y).toBe(zoomed.y - 20);
    const far = panBy(zoomed, { x: 10_000, y: 10_000 }, stage, fit);
    // The photo's top-left corner (stage point 250, 0) stops at the stage's top-left corner.
    expect(project(far, { x: 250, y: 0 })).toEqual({ x: 0, y: 0 });
  });
});

describe('clampZoom', () => {
  it('resets to the initial state at 1×', () => {
    expect(clampZoom({ scale: 0.5, x: 40, y: 40 }, stage, fit)).toEqual(initialZoom);
  });
});
