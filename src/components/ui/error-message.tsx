import type { ReactNode } from 'react';
import { Button } from './button';
import { AlertIcon, RetryIcon } from './icons';
import { errorText } from './error-text';
import styles from './error-message.module.css';

export interface ErrorMessageProps {
  /** The error to explain: its `message` is shown (the server's message for API errors). */
  error?: unknown;
  /** Heading; defaults to "Something went wrong". */
  title?: string;
  /** Shown instead of the error's own message. */
  message?: ReactNode;
  /** When given, a Retry button calls it. */
  onRetry?: () => void;
  /** True while the retry runs: the button shows a spinner. */
  retrying?: boolean;
  /** Extra actions beside Retry (e.g. a link home). */
  actions?: ReactNode;
  /** 'inline' inside a page section, 'page' centred for a whole page. */
  variant?: 'inline' | 'page';
}

export function ErrorMessage({
  error,
  title = 'Something went wrong',
  message,
  onRetry,
  retrying = false,
  actions,
  variant = 'inline',
}: ErrorMessageProps) {
  return (
    <div role="alert" className={[styles.error, styles[variant]].join(' ')}>
      <AlertIcon className={styles.icon} size={variant === 'page' ? 40 : 24} />
      <div className={styles.text}>
        <p className={styles.title}>{title}</p>
        <p className={styles.message}>{message ?? errorText(error)}</p>
        {(onRetry || actions) && (
          <div className={styles.actions}>
            {onRetry && (
              <Button variant="primary" size="sm" onClick={onRetry} pending={retrying}>
                {!retrying && <RetryIcon size={16} />}
                Retry
              </Button>
            )}
            {actions}
          </div>
        )}
      </div>
    </div>
  );
}
