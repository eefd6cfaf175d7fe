/**
 * Runs `task` once the page has settled: after `delayMs`, at the browser's next idle moment
 * (or at once where there is no requestIdleCallback). For fetching code that is not needed for
 * the first screen but should be ready before it is used. Returns a cancel function.
 */
export function whenIdle(task: () => void, delayMs = 2_000): () => void {
  if (typeof window === 'undefined') return () => undefined;
  let idle: number | undefined;
  const timer = window.setTimeout(() => {
    if (typeof window.requestIdleCallback === 'function') {
      idle = window.requestIdleCallback(task, { timeout: delayMs });
    } else {
      task();
    }
  }, delayMs);
  return () => {
    window.clearTimeout(timer);
    if (idle !== undefined) window.cancelIdleCallback(idle);
  };
}
