import { Button } from '@/components/ui/button';
import { CloudOffIcon } from '@/components/ui/icons';
import { checkConnection, useConnection } from '../connection';
import { RetryStatus } from '../errors/retry-status';
import styles from './connection-banner.module.css';

/**
 * A bar under the header while the server does not answer (a request failed
 * with no HTTP answer) and the page itself still shows what it had.
 */
export function ConnectionBanner() {
  const connection = useConnection();
  const visible = !connection.reachable && connection.pageNotices === 0;
  // Read on each render: the connection state changes (and renders this) when the network does.
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  const headline = offline ? 'You’re offline.' : 'Can’t reach the server.';
  return (
    <>
      {/* Announced once; the ticking countdown below is not a live region. */}
      <span role="status" className="visually-hidden">
        {visible ? `${headline} Lightbox keeps trying.` : ''}
      </span>
      {visible && (
        <div className={styles.banner}>
          <CloudOffIcon size={20} className={styles.icon} />
          <p className={styles.text}>
            <strong>{headline}</strong>{' '}
            <span className={styles.muted}>
              <RetryStatus connection={connection} />
            </span>
          </p>
          <Button size="sm" pending={connection.checking} onClick={() => void checkConnection()}>
            Retry now
          </Button>
        </div>
      )}
    </>
  );
}
