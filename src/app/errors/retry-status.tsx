import { useEffect, useState } from 'react';
import type { ConnectionState } from '../connection';

/** "Trying again in 4 s." while the server is unreachable (see connection.ts). */
export function RetryStatus({ connection }: { connection: ConnectionState }) {
  if (connection.checking) return <>Trying to reach the server…</>;
  if (connection.nextAttemptAt === null) return <>Trying again shortly.</>;
  // A new attempt time starts a fresh countdown.
  return <Countdown key={connection.nextAttemptAt} until={connection.nextAttemptAt} />;
}

function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(interval);
  }, []);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return <>Trying again in {seconds} s.</>;
}
