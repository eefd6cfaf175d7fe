import { useId, type ReactNode } from 'react';
import styles from './section.module.css';

export interface SectionProps {
  title: string;
  /** Buttons on the heading's line. */
  actions?: ReactNode;
  /** True while the section's first data loads. */
  busy?: boolean;
  className?: string;
  children: ReactNode;
}

/** One panel of the dashboard: a region named by its <h2>. */
export function Section({ title, actions, busy = false, className, children }: SectionProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      aria-busy={busy || undefined}
      className={[styles.section, className].filter(Boolean).join(' ')}
    >
      <div className={styles.header}>
        <h2 id={headingId} className={styles.title}>
          {title}
        </h2>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {children}
    </section>
  );
}
