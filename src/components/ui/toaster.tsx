import { useEffect, useRef, useState } from 'react';
import { dismissToast, useToasts, type Toast } from './toast';
import { IconButton } from './icon-button';
import { AlertIcon, CloseIcon } from './icons';
import styles from './toaster.module.css';

/** Where toasts appear. Mount once, near the root. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <section className={styles.region} aria-label="Notifications">
      <ol className={styles.list} aria-live="polite">
        {toasts.map((t) => (
          <ToastView key={t.id} toast={t} />
        ))}
      </ol>
    </section>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const [paused, setPaused] = useState(false);
  const remaining = useRef(toast.duration);

  // Count down only while the user is not reading or using it (WCAG 2.2.1).
  useEffect(() => {
    remaining.current = toast.duration;
  }, [toast]);
  useEffect(() => {
    if (paused || toast.duration <= 0) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1000, remaining.current - (Date.now() - started));
    };
  }, [paused, toast]);

  return (
    <li
      className={[styles.toast, styles[toast.tone]].join(' ')}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setPaused(false);
      }}
    >
      {toast.tone === 'error' && <AlertIcon className={styles.icon} size={20} />}
      <span className={styles.message}>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className={styles.action}
          onClick={() => {
            dismissToast(toast.id);
            toast.action?.onAction();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <IconButton
        label="Dismiss"
        icon={<CloseIcon />}
        size="sm"
        className={styles.close}
        onClick={() => dismissToast(toast.id)}
      />
    </li>
  );
}
