import { useContext, useSyncExternalStore } from 'react';
import { SelectionContext } from './selection/selection-context';
import type { SelectedAsset, SelectionStore } from './selection/selection-store';

export type { SelectedAsset } from './selection/selection-store';

/** What bulk actions see of the selection. */
export interface Selection {
  /** How many assets are selected. */
  count: number;
  ids: string[];
  /** With the flags a bulk action needs (favorite, archived, trashed, image or video). */
  assets: SelectedAsset[];
  isSelected(id: string): boolean;
  /** Deselects everything (after an action is done, or on Escape). */
  clear(): void;
  /** Deselects some (e.g. those an action moved out of the view). */
  deselect(ids: readonly string[]): void;
}

export function selectionOf(store: SelectionStore): Selection {
  const assets = store.assets();
  return {
    count: assets.length,
    ids: assets.map((a) => a.id),
    assets,
    isSelected: store.has,
    clear: () => store.clear(),
    deselect: (ids) => {
      const drop = new Set(ids);
      store.retain((id) => !drop.has(id));
    },
  };
}

/**
 * The selection of the grid this component sits in (the selection bar's actions, a
 * bulk-edit dialog). Re-renders when the selection changes.
 */
export function useSelection(): Selection {
  const store = useContext(SelectionContext);
  if (!store) throw new Error('useSelection must be used inside a Timeline');
  useSyncExternalStore(store.subscribe, store.getVersion);
  return selectionOf(store);
}

/** Whether one asset is selected; re-renders only when that changes. */
export function useIsSelected(id: string): boolean {
  const store = useContext(SelectionContext);
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.has(id) ?? false);
}

const noSubscribe = () => () => {};
