import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { AssetJobName, AssetVisibility } from '@/api/types';
import { invalidateAssets } from '@/features/assets/asset-queries';
import { useShortcuts, type Shortcut } from '@/lib/shortcuts';
import { sendAction, useBulkAction, type BulkAction, type BulkUpdate } from '../use-bulk-actions';
import { downloadSelection } from '../download';
import { ConfirmDialog, EditDialog, type EditKind } from './bulk-dialogs';
import styles from './bulk-actions.module.css';

/** What the actions need of the grid's selection (the timeline's Selection fits). */
export interface BulkSelection {
  ids: string[];
  assets: { id: string; isFavorite: boolean; isArchived: boolean; isTrashed: boolean }[];
  clear(): void;
}

export interface BulkActionsProps {
  selection: BulkSelection;
  /** In the trash the actions are restore and delete permanently. */
  inTrash?: boolean;
}

const itemsText = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'item' : 'items'}`;

/** Takes assets out of the trash again (the Undo of "Move to trash"). */
async function restore(client: ReturnType<typeof useQueryClient>, ids: string[]) {
  try {
    await sendAction({ kind: 'restore', ids });
    toast.success(`Restored ${itemsText(ids.length)}`);
  } catch (error) {
    toast.error(error instanceof Error ? error.message : 'Could not restore');
  } finally {
    await invalidateAssets(client);
  }
}

/**
 * The selection bar's actions: favourite, archive, edit (date, location, rating,
 * description), download, jobs and trash; in the trash, restore and delete permanently.
 */
export function BulkActions({ selection, inTrash = false }: BulkActionsProps) {
  const client = useQueryClient();
  const bulk = useBulkAction();
  const [editing, setEditing] = useState<EditKind | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const moreRef = useRef<HTMLDetailsElement>(null);
  const { ids, assets } = selection;
  const count = ids.length;
  // The selection keeps the flags it had when each asset was selected; what this bar changed
  // since is remembered here so the buttons offer the opposite action.
  const [favoriteNow, setFavoriteNow] = useState<ReadonlyMap<string, boolean>>(new Map());
  const allFavorite =
    assets.length > 0 && assets.every((a) => favoriteNow.get(a.id) ?? a.isFavorite);
  const allArchived = assets.length > 0 && assets.every((a) => a.isArchived);
  const busy = bulk.isPending;

  const download = useMutation({
    mutationKey: ['download', 'selection'],
    mutationFn: (list: string[]) => downloadSelection(list),
  });

  const run = (action: BulkAction, label: string, after?: () => void) => {
    if (busy) return;
    if (moreRef.current) moreRef.current.open = false;
    bulk.mutate({ action, label }, { onSuccess: after });
  };

  const update = (update: BulkUpdate, label: string, done: string, clear = false) =>
    run({ kind: 'update', ids, update, label }, label, () => {
      toast.success(done);
      if (clear) selection.clear();
    });

  const toggleFavorite = () => {
    const target = ids;
    const value = !allFavorite;
    run(
      { kind: 'update', ids: target, update: { isFavorite: value }, label: 'Favorite' },
      value ? 'Adding to favorites' : 'Removing from favorites',
      () => {
        setFavoriteNow((before) => {
          const next = new Map(before);
          for (const id of target) next.set(id, value);
          return next;
        });
        toast.success(
          value
            ? `Added ${itemsText(target.length)} to favorites`
            : `Removed ${itemsText(target.length)} from favorites`,
        );
      },
    );
  };

  const toggleArchive = () => {
    const target = ids;
    const visibility = allArchived ? AssetVisibility.Timeline : AssetVisibility.Archive;
    const undoVisibility = allArchived ? AssetVisibility.Archive : AssetVisibility.Timeline;
    run(
      { kind: 'update', ids: target, update: { visibility }, label: 'Archiving' },
      allArchived ? 'Unarchiving' : 'Archiving',
      () => {
        selection.clear();
        toast.success(
          allArchived
            ? `Unarchived ${itemsText(target.length)}`
            : `Archived ${itemsText(target.length)}`,
          {
            action: {
              label: 'Undo',
              onAction: () =>
                void sendAction({
                  kind: 'update',
                  ids: target,
                  update: { visibility: undoVisibility },
                  label: 'Undo',
                })
                  .catch((error: unknown) =>
                    toast.error(error instanceof Error ? error.message : 'Could not undo'),
                  )
                  .finally(() => invalidateAssets(client)),
            },
          },
        );
      },
    );
  };

  const trash = () => {
    const target = ids;
    run({ kind: 'trash', ids: target }, 'Moving to trash', () => {
      selection.clear();
      toast.success(`Moved ${itemsText(target.length)} to trash`, {
        action: { label: 'Undo', onAction: () => void restore(client, target) },
      });
    });
  };

  const restoreSelected = () => {
    const target = ids;
    run({ kind: 'restore', ids: target }, 'Restoring', () => {
      selection.clear();
      toast.success(`Restored ${itemsText(target.length)}`);
    });
  };

  const deleteForGood = () => {
    const target = ids;
    setConfirmDelete(false);
    run({ kind: 'delete', ids: target }, 'Deleting', () => {
      selection.clear();
      toast.success(`Deleted ${itemsText(target.length)} permanently`);
    });
  };

  const job = (name: AssetJobName, label: string, done: string) =>
    run({ kind: 'job', ids, name, label }, label, () => toast.success(done));

  const startDownload = () => {
    if (download.isPending) return;
    download.mutate(ids, {
      onSuccess: () => toast.success(count === 1 ? 'Download started' : 'Zip download started'),
    });
  };

  const shortcuts: Shortcut[] = inTrash
    ? [
        {
          key: 'r',
          group: 'Selection',
          description: 'Restore the selection',
          handler: restoreSelected,
        },
        {
          key: 'Delete',
          shift: true,
          group: 'Selection',
          description: 'Delete the selection permanently',
          handler: () => setConfirmDelete(true),
        },
      ]
    : [
        {
          key: 'f',
          group: 'Selection',
          description: 'Favorite or unfavorite the selection',
          handler: toggleFavorite,
        },
        {
          key: 'a',
          shift: true,
          group: 'Selection',
          description: 'Archive or unarchive the selection',
          handler: toggleArchive,
        },
        {
          key: 'Delete',
          group: 'Selection',
          description: 'Move the selection to trash',
          handler: trash,
        },
        {
          key: 'Delete',
          shift: true,
          group: 'Selection',
          description: 'Delete the selection permanently',
          handler: () => setConfirmDelete(true),
        },
        {
          key: 'd',
          shift: true,
          group: 'Selection',
          description: 'Download the selection',
          handler: startDownload,
        },
      ];
  useShortcuts(shortcuts);

  const progress = bulk.progress;
  return (
    <div className={styles.actions}>
      {progress && progress.total > 0 && (
        <div className={styles.progress}>
          <progress aria-label={progress.label} max={progress.total} value={progress.done} />
          <span>
            {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          </span>
        </div>
      )}
      {inTrash ? (
        <>
          <Button onClick={restoreSelected} disabled={busy} aria-keyshortcuts="R">
            Restore
          </Button>
          <Button
            variant="danger"
            onClick={() => setConfirmDelete(true)}
            disabled={busy}
            aria-keyshortcuts="Shift+Delete"
          >
            Delete permanently
          </Button>
        </>
      ) : (
        <>
          <Button onClick={toggleFavorite} disabled={busy} aria-keyshortcuts="F">
            {allFavorite ? 'Unfavorite' : 'Favorite'}
          </Button>
          <Button onClick={toggleArchive} disabled={busy} aria-keyshortcuts="Shift+A">
            {allArchived ? 'Unarchive' : 'Archive'}
          </Button>
          <Button onClick={startDownload} pending={download.isPending} aria-keyshortcuts="Shift+D">
            Download
          </Button>
          <Button onClick={trash} disabled={busy} aria-keyshortcuts="Delete">
            Move to trash
          </Button>
          <details ref={moreRef} className={styles.more}>
            <summary>More actions</summary>
            <div className={styles.menu}>
              <Button variant="ghost" disabled={busy} onClick={() => setEditing('date')}>
                Change date and time
              </Button>
              <Button variant="ghost" disabled={busy} onClick={() => setEditing('location')}>
                Change location
              </Button>
              <Button variant="ghost" disabled={busy} onClick={() => setEditing('rating')}>
                Set rating
              </Button>
              <Button variant="ghost" disabled={busy} onClick={() => setEditing('description')}>
                Set description
              </Button>
              <Button
                variant="ghost"
                disabled={busy}
                onClick={() =>
                  job(
                    AssetJobName.RefreshMetadata,
                    'Refreshing metadata',
                    'Metadata refresh queued',
                  )
                }
              >
                Refresh metadata
              </Button>
              <Button
                variant="ghost"
                disabled={busy}
                onClick={() =>
                  job(
                    AssetJobName.RegenerateThumbnail,
                    'Regenerating thumbnails',
                    'Thumbnail regeneration queued',
                  )
                }
              >
                Regenerate thumbnails
              </Button>
              <Button
                variant="ghost"
                disabled={busy}
                onClick={() =>
                  job(AssetJobName.TranscodeVideo, 'Transcoding videos', 'Video transcoding queued')
                }
              >
                Transcode videos
              </Button>
              <Button
                variant="ghost"
                disabled={busy}
                onClick={() => setConfirmDelete(true)}
                aria-keyshortcuts="Shift+Delete"
              >
                Delete permanently
              </Button>
            </div>
          </details>
        </>
      )}
      {editing && (
        <EditDialog
          kind={editing}
          count={count}
          onClose={() => setEditing(null)}
          onSubmit={(changes, label) => {
            setEditing(null);
            update(changes, label, `Updated ${itemsText(count)}`);
          }}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${itemsText(count)} permanently?`}
          description="They are removed from the server for good. This cannot be undone."
          confirmLabel="Delete permanently"
          onConfirm={deleteForGood}
          onClose={() => setConfirmDelete(false)}
        />
      )}
    </div>
  );
}
