import { useSyncExternalStore } from 'react';

/**
 * Toasts: short notices at the bottom of the screen, with an optional action
 * ("Moved to trash — Undo"). Call `toast(...)` from anywhere, including outside
 * React (the query client's error handlers); `<Toaster />` shows them.
 */
export type ToastTone = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  onAction: () => void;
}

export interface ToastOptions {
  message: string;
  tone?: ToastTone;
  /** A button in the toast, e.g. `{ label: 'Undo', onAction: restore }`. Clicking it also dismisses the toast. */
  action?: ToastAction;
  /** Milliseconds before it hides (paused while hovered or focused); 0 keeps it until dismissed. */
  duration?: number;
  /** Reusing an id replaces that toast instead of stacking a copy. */
  id?: string;
}

export interface Toast {
  id: string;
  message: string;
  tone: ToastTone;
  action?: ToastAction;
  duration: number;
}

const MAX_TOASTS = 4;
let toasts: readonly Toast[] = [];
const listeners = new Set<() => void>();
let nextId = 1;

function emit(next: readonly Toast[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function defaultDuration(tone: ToastTone, action?: ToastAction): number {
  if (action) return 8000;
  return tone === 'error' ? 8000 : 5000;
}

/** Shows a toast and returns its id. */
export function toast(options: ToastOptions): string {
  const tone = options.tone ?? 'info';
  const item: Toast = {
    id: options.id ?? `toast-${nextId++}`,
    message: options.message,
    tone,
    action: options.action,
    duration: options.duration ?? defaultDuration(tone, options.action),
  };
  const rest = toasts.filter((t) => t.id !== item.id);
  emit([...rest, item].slice(-MAX_TOASTS));
  return item.id;
}

toast.success = (message: string, options?: Omit<ToastOptions, 'message' | 'tone'>) =>
  toast({ ...options, message, tone: 'success' });

toast.error = (message: string, options?: Omit<ToastOptions, 'message' | 'tone'>) =>
  toast({ ...options, message, tone: 'error' });

export function dismissToast(id: string): void {
  if (toasts.some((t) => t.id === id)) emit(toasts.filter((t) => t.id !== id));
}

/** Removes every toast (used between tests and on sign-out). */
export function clearToasts(): void {
  if (toasts.length) emit([]);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const snapshot = () => toasts;

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
