import type { ReactNode } from 'react';
import styles from './page.module.css';

export interface PageProps {
  /** The page's heading and document title ("Favorites"). */
  title: string;
  /** Buttons on the heading's line (e.g. "Empty trash"). */
  actions?: ReactNode;
  /** Hide the heading visually (still read by screen readers), e.g. for the timeline. */
  hideTitle?: boolean;
  children?: ReactNode;
}

/**
 * The frame of every page in the shell: the document title, one <h1> (focused
 * on navigation, see use-route-focus.ts) and the page's content.
 */
export function Page({ title, actions, hideTitle = false, children }: PageProps) {
  return (
    <div className={styles.page}>
      <title>{`${title} · Lightbox`}</title>
      <div className={hideTitle ? 'visually-hidden' : styles.header}>
        <h1 className={styles.title} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {children}
    </div>
  );
}
