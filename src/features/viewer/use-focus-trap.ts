import { useEffect, type RefObject } from 'react';

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), video[controls], [tabindex]:not([tabindex="-1"])';

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !element.closest('[inert], [hidden], [aria-hidden="true"]') &&
      // Radio groups take one tab stop: the checked radio (or the first).
      !(
        element instanceof HTMLInputElement &&
        element.type === 'radio' &&
        !element.checked &&
        root.querySelector(`input[type="radio"][name="${CSS.escape(element.name)}"]:checked`)
      ),
  );
}

/** Notices (toasts) and modal dialogs above the viewer stay reachable. */
function isAllowedOutside(element: Element): boolean {
  return element.closest('[aria-live], [role="status"], [role="alert"], dialog[open]') !== null;
}

/**
 * Keeps keyboard focus inside `ref` (a modal viewer): Tab and Shift+Tab wrap
 * around, and focus that lands elsewhere (other than a toast) is brought back.
 * Focuses the container on mount.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    if (!root.contains(document.activeElement)) root.focus({ preventScroll: true });
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (!(target instanceof Element) || root.contains(target) || isAllowedOutside(target)) return;
      root.focus({ preventScroll: true });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.defaultPrevented) return;
      // A native modal dialog opened from the viewer traps focus on its own.
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      const list = tabbables(root);
      const first = list[0];
      const last = list[list.length - 1];
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (event.shiftKey && (active === first || active === root)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('focusin', onFocusIn);
    root.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('keydown', onKeyDown);
    };
  }, [ref]);
}
