import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { CloudOffIcon, RetryIcon } from '@/components/ui/icons';
import { checkConnection, reportUnreachable, showPageNotice, useConnection } from '../connection';
import { RetryStatus } from './retry-status';
import styles from './server-unreachable.module.css';

/**
 * A whole-page notice for when the server does not answer: it polls the server
 * by itself (see connection.ts) and offers Retry. `onReconnect` callbacks
 * registered by the caller bring the page back.
 */
export function ServerUnreachable() {
  const connection = useConnection();
  useEffect(() => {
    reportUnreachable();
    return showPageNotice();
  }, []);

  return (
    <div className={styles.page}>
      <div className={styles.icon}>
        <CloudOffIcon size={40} />
      </div>
      <div role="alert" className={styles.text}>
        <h1 className={styles.title} tabIndex={-1}>
          Can’t reach the server
        </h1>
        <p className={styles.message}>
          Lightbox cannot connect to the server at {window.location.host}. It may be restarting, or
          your network may be down. Nothing you have done is lost.
        </p>
      </div>
      <p className={styles.status}>
        <RetryStatus connection={connection} />
      </p>
      <Button
        variant="primary"
        pending={connection.checking}
        onClick={() => void checkConnection()}
      >
        {!connection.checking && <RetryIcon size={18} />}
        Retry now
      </Button>
    </div>
  );
}
