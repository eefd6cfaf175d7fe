import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import {
  clampZoom,
  distance,
  fitSize,
  initialZoom,
  midpoint,
  panBy,
  toggleZoom,
  wheelFactor,
  zoomBy,
  zoomTo,
  type Point,
  type Size,
  type ZoomState,
} from './zoom';

export type SwipeDirection = 'previous' | 'next';

interface Options {
  /** The photo's natural size (any resolution: only its ratio matters). Null disables zoom. */
  content: Size | null;
  /** A new key resets the zoom (another asset). */
  resetKey: string;
  onSwipe?: (direction: SwipeDirection) => void;
}

interface Pinch {
  startDistance: number;
  startMid: Point;
  startState: ZoomState;
}

const SWIPE_MIN_PX = 60;

/** An event's position relative to the stage (its centre when the event has none). */
function pointIn(element: HTMLElement | null, event: { clientX: number; clientY: number }): Point {
  const rect = element?.getBoundingClientRect();
  const x = event.clientX - (rect?.left ?? 0);
  const y = event.clientY - (rect?.top ?? 0);
  if (Number.isFinite(x) && Number.isFinite(y)) return { x, y };
  return { x: (rect?.width ?? 0) / 2, y: (rect?.height ?? 0) / 2 };
}
const SWIPE_MAX_MS = 800;

/**
 * Wheel, pinch, double-click and drag on the viewer's stage. Returns the zoom
 * state, the fitted size of the photo, and the handlers for the stage element.
 */
export function useZoomGestures({ content, resetKey, onSwipe }: Options) {
  const stageRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Size>({ width: 0, height: 0 });
  const [rawZoom, setZoom] = useState<ZoomState>(initialZoom);
  const [zoomKey, setZoomKey] = useState(resetKey);
  if (zoomKey !== resetKey) {
    // Another asset: start at 1× (adjusting state during render, as React recommends).
    setZoomKey(resetKey);
    setZoom(initialZoom);
  }

  const fit = content ? fitSize(content, stage) : { width: 0, height: 0 };
  const canZoom = fit.width > 0 && fit.height > 0;
  // Kept in bounds for the current stage and photo (the window may have been resized).
  const zoom = canZoom ? clampZoom(rawZoom, stage, fit) : initialZoom;

  // The latest values for the native listeners and pointer handlers.
  const live = useRef({ zoom, stage, fit, canZoom, onSwipe });
  useEffect(() => {
    live.current = { zoom, stage, fit, canZoom, onSwipe };
  });

  useEffect(() => {
    const element = stageRef.current;
    if (!element) return;
    const measure = () => setStage({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  /** Applies a change to the zoom as it is shown (in bounds for the current stage). */
  const update = (change: (current: ZoomState) => ZoomState) =>
    setZoom((raw) => {
      const { stage: s, fit: f, canZoom: can } = live.current;
      return change(can ? clampZoom(raw, s, f) : initialZoom);
    });

  // Wheel zoom needs a non-passive listener to stop the page from scrolling.
  useEffect(() => {
    const element = stageRef.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const { canZoom: can, stage: s, fit: f } = live.current;
      if (!can) return;
      event.preventDefault();
      const focus = pointIn(element, event);
      update((current) => zoomBy(current, wheelFactor(event.deltaY, event.deltaMode), focus, s, f));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const localPoint = (event: { clientX: number; clientY: number }) =>
    pointIn(stageRef.current, event);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<{ start: Point; time: number; moved: boolean } | null>(null);
  const pinch = useRef<Pinch | null>(null);

  const startPinch = () => {
    const [a, b] = [...pointers.current.values()];
    if (!a || !b) return;
    pinch.current = {
      startDistance: Math.max(1, distance(a, b)),
      startMid: midpoint(a, b),
      startState: live.current.zoom,
    };
    gesture.current = null;
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    if (event.target instanceof Element && event.target.closest('button, a, input, video')) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = localPoint(event);
    pointers.current.set(event.pointerId, point);
    if (pointers.current.size === 2) startPinch();
    else if (pointers.current.size === 1)
      gesture.current = { start: point, time: event.timeStamp, moved: false };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    const point = localPoint(event);
    pointers.current.set(event.pointerId, point);
    const { stage: s, fit: f, canZoom: can } = live.current;
    if (pinch.current && pointers.current.size >= 2) {
      if (!can) return;
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      const { startDistance, startMid, startState } = pinch.current;
      const mid = midpoint(a, b);
      const scaled = zoomTo(
        startState,
        (startState.scale * distance(a, b)) / startDistance,
        startMid,
        s,
        f,
      );
      setZoom(panBy(scaled, { x: mid.x - startMid.x, y: mid.y - startMid.y }, s, f));
      return;
    }
    const current = gesture.current;
    if (!current) return;
    if (Math.abs(point.x - current.start.x) + Math.abs(point.y - current.start.y) > 4)
      current.moved = true;
    if (live.current.zoom.scale > 1) {
      update((z) => panBy(z, { x: point.x - previous.x, y: point.y - previous.y }, s, f));
    }
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLDivElement>) => {
    const point = pointers.current.get(event.pointerId);
    pointers.current.delete(event.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
    const current = gesture.current;
    if (pointers.current.size > 0 || !current || !point) {
      if (pointers.current.size === 0) gesture.current = null;
      return;
    }
    gesture.current = null;
    if (event.type !== 'pointerup' || live.current.zoom.scale > 1) return;
    const dx = point.x - current.start.x;
    const dy = point.y - current.start.y;
    const quick = event.timeStamp - current.time < SWIPE_MAX_MS;
    if (quick && Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) {
      live.current.onSwipe?.(dx < 0 ? 'next' : 'previous');
    }
  };

  const onDoubleClick = (event: { clientX: number; clientY: number }) => {
    if (!canZoom) return;
    update((current) => toggleZoom(current, localPoint(event), stage, fit));
  };

  /** `z`, `+`, `-` and the toolbar: zoom around the centre of the stage. */
  const centre = { x: stage.width / 2, y: stage.height / 2 };
  const actions = {
    toggle: () => canZoom && update((current) => toggleZoom(current, centre, stage, fit)),
    zoomIn: () => canZoom && update((current) => zoomBy(current, 1.5, centre, stage, fit)),
    zoomOut: () => canZoom && update((current) => zoomBy(current, 1 / 1.5, centre, stage, fit)),
    reset: () => setZoom(initialZoom),
  };

  return {
    stageRef,
    stage,
    fit,
    zoom,
    canZoom,
    actions,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: onPointerEnd,
      onPointerCancel: onPointerEnd,
      onDoubleClick,
    },
  };
}
