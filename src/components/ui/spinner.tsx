import styles from './spinner.module.css';

export interface SpinnerProps {
  size?: number;
  /** Read by screen readers; pass "" when the surrounding control already says what is loading. */
  label?: string;
  className?: string;
}

export function Spinner({ size = 24, label = 'Loading', className }: SpinnerProps) {
  const svg = (
    <svg
      className={styles.spinner}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle className={styles.track} cx="12" cy="12" r="9.5" fill="none" strokeWidth="2.5" />
      <circle className={styles.arc} cx="12" cy="12" r="9.5" fill="none" strokeWidth="2.5" />
    </svg>
  );
  if (!label)
    return <span className={[styles.wrap, className].filter(Boolean).join(' ')}>{svg}</span>;
  return (
    <span role="status" className={[styles.wrap, className].filter(Boolean).join(' ')}>
      {svg}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
