import { useId } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { groupShortcuts, shortcutKeys, useRegisteredShortcuts } from '@/lib/shortcuts';
import styles from './shortcuts-dialog.module.css';

export interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Lists the keyboard shortcuts registered right now (src/lib/shortcuts.ts), by group. */
export function ShortcutsDialog({ open, onClose }: ShortcutsDialogProps) {
  const idPrefix = useId();
  const registered = useRegisteredShortcuts();
  const groups = groupShortcuts(registered);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="Keys that work on this page. Shortcuts pause while you type in a field."
    >
      <div className={styles.groups}>
        {groups.map(({ group, shortcuts }, groupIndex) => (
          <section
            key={group}
            className={styles.group}
            aria-labelledby={`${idPrefix}-${groupIndex}`}
          >
            <h3 id={`${idPrefix}-${groupIndex}`} className={styles.groupTitle}>
              {group}
            </h3>
            <dl className={styles.list}>
              {shortcuts.map((shortcut) => {
                const keys = shortcutKeys(shortcut);
                return (
                  <div key={`${keys.join('+')}|${shortcut.description}`} className={styles.row}>
                    <dt className={styles.description}>{shortcut.description}</dt>
                    <dd className={styles.keys}>
                      {keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 && <span className={styles.plus}> + </span>}
                          <kbd className={styles.kbd}>{key}</kbd>
                        </span>
                      ))}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
