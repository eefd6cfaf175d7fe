import { useEffect, useState } from 'react';
import type { ConnectionState } from './connection';

/** Seconds until the next automatic attempt, updated every second. */
export function useRetryCountdown(connection: ConnectionState): number | null {
  const [now, setNow] = useState(() => Date.now());
  const { nextAttemptAt } = connection;
  useEffect(() => {
    if (nextAttemptAt === null) return;
    const interval = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(interval);
  }, [nextAttemptAt]);
  if (nextAttemptAt === null) return null;
  return Math.max(0, Math.ceil((nextAttemptAt - now) / 1000));
}

export function retryStatusText(connection: ConnectionState, seconds: number | null): string {
  if (connection.checking) return 'Trying to reach the server…';
  if (seconds !== null) return `Trying again in ${seconds} s.`;
  return 'Trying again shortly.';
}
