import { lazy, Suspense } from 'react';
import { whenIdle } from '@/lib/when-idle';
import type * as BulkActionsModule from './bulk-actions';
import type { BulkActionsProps } from './bulk-actions';

/**
 * The selection bar's actions, loaded on demand: they only show once something is selected, so
 * their code (actions, edit dialogs, batching) stays out of the grid pages' first download.
 * The code is fetched when the grid has been idle for a moment after it appears, or at the
 * first selection if that comes sooner, so the bar's buttons show without a visible wait.
 */

let loading: Promise<typeof BulkActionsModule> | null = null;

/** Starts loading the actions' code (once; again after a failure). */
function preloadBulkActions(): Promise<typeof BulkActionsModule> {
  loading ??= import('./bulk-actions').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

const BulkActions = lazy(() =>
  preloadBulkActions().then((module) => ({ default: module.BulkActions })),
);

// This module is part of a grid page's code: evaluating it means a grid is about to show.
whenIdle(() => void preloadBulkActions().catch(() => undefined));

/** `BulkActions`, with its code loaded on first use (the count and Clear show meanwhile). */
export function LazyBulkActions(props: BulkActionsProps) {
  return (
    <Suspense fallback={null}>
      <BulkActions {...props} />
    </Suspense>
  );
}
