import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * Keyboard shortcuts: one registry for the whole app. A feature registers its
 * shortcuts while it is on screen (`useShortcuts`); the `?` dialog lists what is
 * registered at that moment, grouped, so it never shows a key that does nothing.
 *
 * When two registered shortcuts match the same key, the one registered last wins
 * (the viewer, opened over the timeline, takes ← and → from it).
 */
export interface Shortcut {
  /** `KeyboardEvent.key`: 'f', 'ArrowLeft', 'Delete', 'Escape', '?', ' ' … (letters in lower case). */
  key: string;
  /** Shift must be held. Left out: must not be held for letters; ignored for symbols such as '?'. */
  shift?: boolean;
  /** Ctrl (or ⌘ on a Mac) must be held. */
  mod?: boolean;
  alt?: boolean;
  /** What it does, shown in the dialog: 'Add to favorites'. */
  description: string;
  /** Section of the dialog: 'General', 'Timeline', 'Selection', 'Viewer' … */
  group: string;
  /** Runs on keydown (then the event's default is prevented). Leave out to only list a key handled elsewhere. */
  handler?: (event: KeyboardEvent) => void;
  /** Also fire while typing in a text field. Default false. */
  allowInInput?: boolean;
  /** Also fire while focus is inside a dialog. Default false. */
  allowInDialog?: boolean;
}

export interface RegisteredShortcut extends Shortcut {
  id: number;
}

let entries: readonly RegisteredShortcut[] = [];
const listeners = new Set<() => void>();
let nextId = 1;
let listening = false;

function emit(next: readonly RegisteredShortcut[]) {
  entries = next;
  for (const listener of listeners) listener();
}

const isMac = () =>
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** True when this shortcut is the key the event reports. */
export function matchesShortcut(shortcut: Shortcut, event: KeyboardEvent): boolean {
  const key = shortcut.key.length === 1 ? shortcut.key.toLowerCase() : shortcut.key;
  const pressed = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key !== pressed) return false;
  const mod = event.ctrlKey || event.metaKey;
  if (Boolean(shortcut.mod) !== mod) return false;
  if (Boolean(shortcut.alt) !== event.altKey) return false;
  const isLetterOrNamed = /^[a-z0-9]$/i.test(shortcut.key) || shortcut.key.length > 1;
  if (shortcut.shift !== undefined) return shortcut.shift === event.shiftKey;
  return isLetterOrNamed ? !event.shiftKey : true;
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image', 'color'].includes(
      target.type,
    );
  }
  return target instanceof HTMLElement && target.isContentEditable;
}

function onKeyDown(event: KeyboardEvent) {
  if (event.defaultPrevented || event.isComposing) return;
  const inText = isTextField(event.target);
  const inDialog = event.target instanceof Element && event.target.closest('dialog[open]') !== null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const shortcut = entries[i];
    if (!shortcut?.handler || !matchesShortcut(shortcut, event)) continue;
    if (inText && !shortcut.allowInInput) continue;
    if (inDialog && !shortcut.allowInDialog) continue;
    event.preventDefault();
    shortcut.handler(event);
    return;
  }
}

/** Adds shortcuts to the registry; returns the function that removes them again. */
export function registerShortcuts(shortcuts: readonly Shortcut[]): () => void {
  if (!listening && typeof window !== 'undefined') {
    window.addEventListener('keydown', onKeyDown);
    listening = true;
  }
  const added = shortcuts.map((s) => ({ ...s, id: nextId++ }));
  emit([...entries, ...added]);
  const ids = new Set(added.map((s) => s.id));
  return () => emit(entries.filter((s) => !ids.has(s.id)));
}

/**
 * Registers shortcuts while the calling component is mounted (and `enabled`).
 * Handlers may change on every render; the registration only changes when the
 * keys or descriptions do.
 */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  const signature = enabled
    ? shortcuts
        .map((s) =>
          [
            s.group,
            s.key,
            s.shift,
            s.mod,
            s.alt,
            s.description,
            !!s.handler,
            s.allowInInput,
            s.allowInDialog,
          ].join('|'),
        )
        .join('\n')
    : '';
  useEffect(() => {
    if (!signature) return;
    return registerShortcuts(
      latest.current.map((s, index) => ({
        ...s,
        handler: s.handler && ((event: KeyboardEvent) => latest.current[index]?.handler?.(event)),
      })),
    );
  }, [signature]);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
const snapshot = () => entries;

/** What is registered now, in registration order. */
export function useRegisteredShortcuts(): readonly RegisteredShortcut[] {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

const keyNames: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Delete: 'Del',
  Escape: 'Esc',
  ' ': 'Space',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
};

/** The keys to press, for display: ['Shift', 'D'], ['Ctrl', 'A'], ['?']. */
export function shortcutKeys(shortcut: Pick<Shortcut, 'key' | 'shift' | 'mod' | 'alt'>): string[] {
  const keys: string[] = [];
  if (shortcut.mod) keys.push(isMac() ? '⌘' : 'Ctrl');
  if (shortcut.alt) keys.push(isMac() ? '⌥' : 'Alt');
  if (shortcut.shift) keys.push('Shift');
  const name = keyNames[shortcut.key] ?? shortcut.key;
  keys.push(name.length === 1 ? name.toUpperCase() : name);
  return keys;
}

/** Groups for the dialog, each with its shortcuts listed once. */
export function groupShortcuts(
  list: readonly Shortcut[],
): { group: string; shortcuts: Shortcut[] }[] {
  const groups = new Map<string, Map<string, Shortcut>>();
  for (const shortcut of list) {
    const byKey = groups.get(shortcut.group) ?? new Map<string, Shortcut>();
    byKey.set(`${shortcutKeys(shortcut).join('+')}|${shortcut.description}`, shortcut);
    groups.set(shortcut.group, byKey);
  }
  return [...groups].map(([group, byKey]) => ({ group, shortcuts: [...byKey.values()] }));
}
