import type { ReactNode } from 'react';
import { IconButton } from '@/components/ui/icon-button';
import { CloseIcon } from '@/components/ui/icons';
import { useSelection, type Selection } from '../use-selection';
import styles from './timeline.module.css';

export interface SelectionBarProps {
  /** The bulk actions for the selection (another feature's), composed in by the route. */
  actions?: (selection: Selection) => ReactNode;
}

/** Shown while assets are selected: the count, Clear, and the actions. */
export function SelectionBar({ actions }: SelectionBarProps) {
  const selection = useSelection();
  if (selection.count === 0) return null;
  return (
    <div role="toolbar" aria-label="Selection" className={styles.selectionBar}>
      <IconButton
        label="Clear selection"
        icon={<CloseIcon />}
        aria-keyshortcuts="Escape"
        onClick={() => selection.clear()}
      />
      <p className={styles.selectionCount} aria-live="polite">
        {selection.count.toLocaleString()} selected
      </p>
      <div className={styles.selectionActions}>{actions?.(selection)}</div>
    </div>
  );
}
