import type { ReactNode } from 'react';
import { LogoIcon } from '@/components/ui/icons';
import styles from './auth-card.module.css';

/** The centred card of the sign-in and sign-up pages. */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className={styles.page}>
      <title>{`${title} · Lightbox`}</title>
      <div className={styles.card}>
        <div className={styles.brand}>
          <LogoIcon size={36} className={styles.logo} />
          <span className={styles.brandName}>Lightbox</span>
        </div>
        <h1 className={styles.title} tabIndex={-1}>
          {title}
        </h1>
        {intro && <div className={styles.intro}>{intro}</div>}
        {children}
      </div>
    </main>
  );
}
