import { useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { pingServer } from '@/api/server';
import { isApiError } from '@/api/client';

/**
 * Whether the server answers. When a request finds it unreachable (an ApiError
 * with status 0, or a code chunk that fails to load), `reportUnreachable()`
 * starts polling GET /server/ping with a growing delay (1 s, 2 s, 4 s … 10 s).
 * When it answers again, every `onReconnect` callback runs (the router
 * revalidates, failed queries refetch).
 */
export interface ConnectionState {
  reachable: boolean;
  /** A ping is in flight. */
  checking: boolean;
  /** When the next automatic ping runs (ms since epoch), while unreachable. */
  nextAttemptAt: number | null;
  /** Failed pings since the server became unreachable. */
  attempts: number;
  /** How many full-page "unreachable" notices are on screen (the banner stays away then). */
  pageNotices: number;
}

const MAX_DELAY_MS = 10_000;

let state: ConnectionState = {
  reachable: true,
  checking: false,
  nextAttemptAt: null,
  attempts: 0,
  pageNotices: 0,
};
const listeners = new Set<() => void>();
const reconnectCallbacks = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function set(next: Partial<ConnectionState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function schedule() {
  clearTimeout(timer);
  const delay = Math.min(1000 * 2 ** state.attempts, MAX_DELAY_MS);
  set({ nextAttemptAt: Date.now() + delay });
  timer = setTimeout(() => void checkConnection(), delay);
}

/** Pings now (the Retry button). Resolves true when the server answered. */
export async function checkConnection(): Promise<boolean> {
  if (state.checking) return false;
  clearTimeout(timer);
  set({ checking: true, nextAttemptAt: null });
  try {
    await pingServer();
  } catch {
    set({ checking: false, reachable: false, attempts: state.attempts + 1 });
    schedule();
    return false;
  }
  const wasUnreachable = !state.reachable;
  set({ checking: false, reachable: true, attempts: 0, nextAttemptAt: null });
  if (wasUnreachable) for (const callback of [...reconnectCallbacks]) callback();
  return true;
}

/** Marks the server unreachable and starts polling it (no-op when already polling). */
export function reportUnreachable(): void {
  if (!state.reachable) return;
  set({ reachable: false, attempts: 0 });
  schedule();
}

/** Counts a full-page notice while it is mounted; returns the cleanup. */
export function showPageNotice(): () => void {
  set({ pageNotices: state.pageNotices + 1 });
  return () => set({ pageNotices: state.pageNotices - 1 });
}

/** Runs `callback` each time the server answers again after being unreachable. */
export function onReconnect(callback: () => void): () => void {
  reconnectCallbacks.add(callback);
  return () => {
    reconnectCallbacks.delete(callback);
  };
}

/** A failure that means "the server did not answer": no HTTP answer, or a code chunk that did not load. */
export function isUnreachableError(error: unknown): boolean {
  if (isApiError(error)) return error.status === 0;
  return isChunkLoadError(error);
}

/** The browser could not download a lazily loaded part of the app. */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|module script failed|Importing a module script|Unable to preload CSS/i.test(
      error.message,
    )
  );
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
const snapshot = () => state;

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * Watches the query client: the first failed attempt with no HTTP answer marks
 * the server unreachable (without waiting for the retries), and on reconnect
 * the data on screen is refreshed.
 */
export function watchConnection(client: QueryClient): () => void {
  const unsubscribeQueries = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const { action } = event;
    if ((action.type === 'failed' || action.type === 'error') && isUnreachableError(action.error)) {
      reportUnreachable();
    }
  });
  const unsubscribeMutations = client.getMutationCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const { action } = event;
    if (action.type !== 'failed' && action.type !== 'error') return;
    const error: unknown = action.error;
    // A bulk action wraps the failure of its batch.
    if (isUnreachableError(error) || (error instanceof Error && isUnreachableError(error.cause))) {
      reportUnreachable();
    }
  });
  const unsubscribeReconnect = onReconnect(() => {
    void client.invalidateQueries();
  });
  // The browser knows when the network goes: say so at once (paused queries would not fail),
  // and look for the server as soon as it is back rather than at the next scheduled ping.
  const onOffline = () => reportUnreachable();
  const onOnline = () => void checkConnection();
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  return () => {
    unsubscribeQueries();
    unsubscribeMutations();
    unsubscribeReconnect();
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
}
