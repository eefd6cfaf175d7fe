import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { whenIdle } from '@/lib/when-idle';
import type * as BulkActionsModule from './bulk-actions';
import type { BulkActionsProps } from './bulk-actions';

/**
 * The selection bar's actions, loaded on demand: they only show once something is selected, so
 * their code (actions, edit dialogs, batching) stays out of the grid pages' first download.
 * The code is fetched when the grid has been idle for a moment after it appears, or at the
 * first selection if that comes sooner, so the bar's buttons show without a visible wait.
 * When the code cannot be fetched (the server is down), the bar says so and offers Retry; the
 * grid stays (a failure here must not reach the route's error page).
 */

type Module = typeof BulkActionsModule;

let loaded: Module | null = null;
let loading: Promise<Module> | null = null;

/** Starts loading the actions' code (once; again after a failure). */
function preloadBulkActions(): Promise<Module> {
  loading ??= import('./bulk-actions').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

// This module is part of a grid page's code: evaluating it means a grid is about to show.
whenIdle(() => void preloadBulkActions().catch(() => undefined));

/** `BulkActions`, with its code loaded on first use (the count and Clear show meanwhile). */
export function LazyBulkActions(props: BulkActionsProps) {
  const [module, setModule] = useState(loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (module) return;
    let live = true;
    preloadBulkActions().then(
      (next) => live && setModule(next),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [module, attempt]);

  if (module) return <module.BulkActions {...props} />;
  if (!failed) return null;
  return (
    <>
      <span role="alert">The actions could not load: the server can’t be reached.</span>
      <Button
        size="sm"
        onClick={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      >
        Retry
      </Button>
    </>
  );
}
