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
  return (
    <>
      {/* Announced once; the ticking countdown below is not a live region. */}
      <span role="status" className="visually-hidden">
        {visible ? 'Can’t reach the server. Lightbox keeps trying.' : ''}
      </span>
      {visible && (
        <div className={styles.banner}>
          <CloudOffIcon size={20} className={styles.icon} />
          <p className={styles.text}>
            <strong>Can’t reach the server.</strong>{' '}
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
