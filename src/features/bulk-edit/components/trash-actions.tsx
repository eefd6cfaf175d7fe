import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { assetQueries } from '@/features/assets/asset-queries';
import { useEmptyTrash, useRestoreTrash } from '@/features/assets/use-trash-mutations';
import { ConfirmDialog } from './bulk-dialogs';
import styles from './bulk-actions.module.css';

const itemsText = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'item' : 'items'}`;

/** The trash view's own actions: restore everything, or empty the trash (after a confirmation). */
export function TrashActions() {
  const stats = useQuery(assetQueries.statistics({ isTrashed: true }));
  const restoreAll = useRestoreTrash();
  const empty = useEmptyTrash();
  const [confirming, setConfirming] = useState(false);
  const count = stats.data?.total ?? 0;
  if (!stats.data || count === 0) return null;
  return (
    <div role="toolbar" aria-label="Trash" className={styles.trashBar}>
      <Button
        pending={restoreAll.isPending}
        disabled={empty.isPending}
        onClick={() =>
          restoreAll.mutate(undefined, {
            onSuccess: ({ count: n }) => toast.success(`Restored ${itemsText(n)}`),
          })
        }
      >
        Restore all
      </Button>
      <Button
        variant="danger"
        pending={empty.isPending}
        disabled={restoreAll.isPending}
        onClick={() => setConfirming(true)}
      >
        Empty trash
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`Empty the trash: delete ${itemsText(count)} permanently?`}
          description="Everything in the trash is removed from the server for good. This cannot be undone."
          confirmLabel="Empty trash"
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            empty.mutate(undefined, {
              onSuccess: ({ count: n }) => toast.success(`Deleted ${itemsText(n)} permanently`),
            });
          }}
        />
      )}
    </div>
  );
}
