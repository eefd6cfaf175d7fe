import { useContext, useSyncExternalStore } from 'react';
import { SelectionContext } from '../selection/selection-context';
import styles from './timeline.module.css';

export interface GroupCheckProps {
  /** "Select Friday, 14 March 2025". */
  label: string;
  /** Counts the group's selected assets and its size; null while the group is not loaded. */
  count: (() => { selected: number; total: number }) | null;
  onToggle: (select: boolean) => void;
}

/** A tri-state check that selects or deselects a whole day or month. */
export function GroupCheck({ label, count, onToggle }: GroupCheckProps) {
  const selection = useContext(SelectionContext);
  const state = useSyncExternalStore(selection?.subscribe ?? noSubscribe, () => {
    if (!count) return 'false';
    const { selected, total } = count();
    return selected === 0 ? 'false' : selected === total ? 'true' : 'mixed';
  });
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={state === 'mixed' ? 'mixed' : state === 'true'}
      aria-label={label}
      disabled={!count}
      className={styles.groupCheck}
      data-state={state}
      onClick={() => onToggle(state !== 'true')}
    />
  );
}

const noSubscribe = () => () => {};
