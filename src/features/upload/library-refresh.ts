/**
 * After uploads, the server answers as soon as each original is safe and reads its metadata
 * (date taken, dimensions) and makes its thumbnails afterwards. A library refreshed only at
 * once would show the new photos under the upload's date with square tiles until the next
 * reload; so the refresh is repeated a few times while the server catches up (Immich's own web
 * app hears about it over a websocket, which the API does not offer to other clients).
 */
export const FOLLOW_UP_DELAYS_MS = [2_000, 6_000, 15_000, 40_000] as const;

/** Returns `refresh()`: invalidates now and again after each delay; a new call starts over. */
export function createLibraryRefresh(
  invalidate: () => void,
  delays: readonly number[] = FOLLOW_UP_DELAYS_MS,
): () => void {
  let timers: ReturnType<typeof setTimeout>[] = [];
  return () => {
    for (const timer of timers) clearTimeout(timer);
    invalidate();
    timers = delays.map((delay) => setTimeout(invalidate, delay));
  };
}
