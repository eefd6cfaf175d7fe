import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation, moves focus to the new page's <h1> (or the
 * main region), so keyboard and screen-reader users start at the new content
 * and hear its name. The first page load keeps the browser's own focus.
 */
export function useRouteFocus(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Something on the new page already took focus (an autofocused field, a viewer).
    const active = document.activeElement;
    if (active && active !== document.body && !isLeftBehind(active)) return;
    const target =
      document.querySelector<HTMLElement>('main h1') ??
      document.querySelector<HTMLElement>('h1') ??
      document.getElementById('main');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, [pathname]);
}

/** Focus still sits on the link or button that started the navigation. */
function isLeftBehind(element: Element): boolean {
  return element.closest('nav, header') !== null;
}
