import { useRef, useState } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { deleteAssets } from '@/api/assets';
import { restoreAssets } from '@/api/trash';
import {
  AssetJobName,
  AssetVisibility,
  SharedLinkType,
  type AssetResponseDto,
  type UpdateAssetDto,
} from '@/api/types';
import { dismissToast, toast } from '@/components/ui/toast';
import { assetQueries, invalidateAssets } from '@/features/assets/asset-queries';
import {
  useReplaceAsset,
  useRunAssetJobs,
  useUpdateAsset,
} from '@/features/assets/use-asset-mutations';
import { useToggleFavorite } from '@/features/assets/use-toggle-favorite';
import { useCreateSharedLink } from '@/features/sharing/shared-link-queries';
import { offsetMinutes, toDateTimeLocalValue, toDateTimeOriginal } from './format';
import type { ShareOptions } from './components/share-dialog';

/** The views the viewer can be opened from (the timeline's views). */
export type ViewerViewName = 'timeline' | 'favorites' | 'archive' | 'trash' | 'videos';

export interface ViewerActionsOptions {
  asset: AssetResponseDto;
  view: ViewerViewName;
  /**
   * Called as an action starts that may take the asset out of the view (trash, archive,
   * delete): returns what to do once it has (show the next asset, or close). Read at the
   * start, because the view's order changes as soon as the action succeeds.
   */
  prepareLeave: () => () => void;
}

type Undo = () => void;

/** Changes the cached asset at once (before the server answers); returns how to put it back. */
function patchDetail(
  client: QueryClient,
  id: string,
  patch: (asset: AssetResponseDto) => AssetResponseDto,
): () => void {
  const { queryKey } = assetQueries.detail(id);
  const before = client.getQueryData(queryKey);
  if (before) client.setQueryData(queryKey, patch(before));
  return () => client.setQueryData(queryKey, before);
}

function isInView(view: ViewerViewName, asset: AssetResponseDto): boolean {
  if (asset.isTrashed) return view === 'trash';
  if (view === 'trash') return false;
  if (view === 'archive') return asset.visibility === AssetVisibility.Archive;
  if (view === 'favorites') return asset.isFavorite;
  return asset.visibility === AssetVisibility.Timeline;
}

/** The date edit that puts the asset's current date back (for Undo). */
function currentDateTimeOriginal(asset: AssetResponseDto): string | null {
  const offset = offsetMinutes(asset.localDateTime, asset.fileCreatedAt) ?? 0;
  return toDateTimeOriginal(toDateTimeLocalValue(asset.localDateTime), offset);
}

const JOB_MESSAGES: Record<AssetJobName, string> = {
  [AssetJobName.RefreshMetadata]: 'Refreshing the metadata',
  [AssetJobName.RegenerateThumbnail]: 'Regenerating the thumbnails',
  [AssetJobName.TranscodeVideo]: 'Transcoding the video',
  [AssetJobName.RefreshFaces]: 'Refreshing the faces',
};

/**
 * Every single-asset action of the viewer, with its toast and, where the action
 * can be undone, an Undo (in the toast, and Ctrl+Z while the viewer is open).
 * Built on the shared asset mutations (features/assets); trash, restore and
 * delete are the viewer's own so that it moves on before the lists refresh.
 */
export function useViewerActions({ asset, view, prepareLeave }: ViewerActionsOptions) {
  const client = useQueryClient();
  const lastUndo = useRef<{ undo: Undo; toastId: string } | null>(null);
  const [replaceProgress, setReplaceProgress] = useState<number | null>(null);

  const offerUndo = (message: string, undo: Undo | null) => {
    const toastId = toast.success(
      message,
      undo ? { action: { label: 'Undo', onAction: undo } } : undefined,
    );
    lastUndo.current = undo ? { undo, toastId } : null;
  };

  // ---- favourite: optimistic (every cached copy), serial, one refetch after the last ------
  const favorite = useToggleFavorite();
  const toggleFavorite = (target = asset, announce = true) => {
    const isFavorite = !target.isFavorite;
    favorite.mutate({ id: target.id, isFavorite });
    if (announce) {
      const undoTarget = { ...target, isFavorite };
      offerUndo(isFavorite ? 'Added to favorites' : 'Removed from favorites', () =>
        toggleFavorite(undoTarget, false),
      );
    }
  };

  // ---- edits the server answers with the new asset ----------------------------------------
  const update = useUpdateAsset();

  /** Sends an edit; description and rating show at once (nothing for the server to compute). */
  const send = async (id: string, dto: UpdateAssetDto): Promise<AssetResponseDto | null> => {
    const { description, rating } = dto;
    let rollback: (() => void) | null = null;
    if (description !== undefined || rating !== undefined) {
      // Before any await: a controlled field (the rating's radios) would otherwise show its
      // old value again until then. A refetch under way is stopped after; a cancelled fetch
      // goes back to the data set last by hand, this patch.
      rollback = patchDetail(client, id, (a) => ({
        ...a,
        exifInfo: {
          ...a.exifInfo,
          ...(description === undefined ? {} : { description }),
          ...(rating === undefined ? {} : { rating }),
        },
      }));
      await client.cancelQueries({ queryKey: assetQueries.detail(id).queryKey });
    }
    try {
      return await update.mutateAsync(
        { id, updateAssetDto: dto },
        // The mutation cache's toast says what went wrong.
        { onError: () => rollback?.() },
      );
    } catch {
      return null;
    }
  };

  const applyUpdate = async (
    dto: UpdateAssetDto,
    message: string,
    undoDto: UpdateAssetDto | null,
  ): Promise<AssetResponseDto | null> => {
    const id = asset.id;
    const updated = await send(id, dto);
    if (updated) {
      offerUndo(
        message,
        undoDto
          ? () => void send(id, undoDto).then((done) => done && toast({ message: 'Undone' }))
          : null,
      );
    }
    return updated;
  };

  const setDescription = (description: string) =>
    applyUpdate({ description }, 'Description saved', {
      description: asset.exifInfo?.description ?? '',
    });

  const setRating = (rating: number) =>
    applyUpdate({ rating }, rating > 0 ? `Rated ${rating} of 5` : 'Rating cleared', {
      rating: asset.exifInfo?.rating ?? 0,
    });

  const setDate = (dateTimeOriginal: string) => {
    const previous = currentDateTimeOriginal(asset);
    return applyUpdate(
      { dateTimeOriginal },
      'Date and time changed',
      previous ? { dateTimeOriginal: previous } : null,
    );
  };

  const setLocation = (location: { latitude: number; longitude: number }) => {
    const { latitude, longitude } = asset.exifInfo ?? {};
    const had = typeof latitude === 'number' && typeof longitude === 'number';
    // The API cannot remove a location: Undo exists only when there was one before.
    return applyUpdate(location, 'Location changed', had ? { latitude, longitude } : null);
  };

  const toggleArchive = async () => {
    const target = asset;
    const leave = prepareLeave();
    const archived = target.visibility === AssetVisibility.Archive;
    const visibility = archived ? AssetVisibility.Timeline : AssetVisibility.Archive;
    const updated = await applyUpdate(
      { visibility },
      archived ? 'Moved back to the timeline' : 'Archived',
      { visibility: target.visibility },
    );
    if (updated && !isInView(view, updated)) leave();
  };

  // ---- trash, restore, delete ---------------------------------------------------------------
  // The viewer moves to the next asset as soon as the server has answered, and only then are
  // the lists refreshed: it never shows the asset it has just removed, nor its error.
  const remove = useMutation({
    mutationKey: [...assetQueries.all(), 'delete'],
    mutationFn: ({ ids, force }: { ids: string[]; force: boolean }) =>
      deleteAssets({ assetBulkDeleteDto: { ids, force } }),
    meta: { errorMessage: 'The photo was not deleted' },
  });
  const restore = useMutation({
    mutationKey: [...assetQueries.all(), 'restore'],
    mutationFn: (ids: string[]) => restoreAssets({ bulkIdsDto: { ids } }),
    meta: { errorMessage: 'The photo was not restored' },
  });
  const refreshAfter = (ids: string[], gone: boolean) => {
    if (gone)
      for (const id of ids) client.removeQueries({ queryKey: assetQueries.detail(id).queryKey });
    void invalidateAssets(client);
  };

  const trash = async (id: string): Promise<boolean> => {
    try {
      await remove.mutateAsync({ ids: [id], force: false });
      return true;
    } catch {
      return false;
    }
  };
  const untrash = async (id: string): Promise<boolean> => {
    try {
      await restore.mutateAsync([id]);
      return true;
    } catch {
      return false;
    }
  };

  const moveToTrash = async () => {
    const id = asset.id;
    if (asset.isTrashed) return;
    const leave = prepareLeave();
    if (!(await trash(id))) return;
    offerUndo(
      'Moved to trash',
      () =>
        void untrash(id).then((done) => {
          refreshAfter([id], false);
          if (done) toast.success('Restored from the trash');
        }),
    );
    if (view !== 'trash') leave();
    refreshAfter([id], false);
  };

  const restoreFromTrash = async () => {
    const id = asset.id;
    if (!asset.isTrashed) return;
    const leave = prepareLeave();
    if (!(await untrash(id))) return;
    offerUndo(
      'Restored from the trash',
      () =>
        void trash(id).then((done) => {
          refreshAfter([id], false);
          if (done) toast({ message: 'Moved to trash' });
        }),
    );
    if (view === 'trash') leave();
    refreshAfter([id], false);
  };

  const deleteForGood = async (): Promise<boolean> => {
    const { id, originalFileName } = asset;
    const leave = prepareLeave();
    try {
      await remove.mutateAsync({ ids: [id], force: true });
    } catch {
      return false;
    }
    if (lastUndo.current) dismissToast(lastUndo.current.toastId);
    lastUndo.current = null;
    toast.success(`${originalFileName} deleted permanently`);
    leave();
    refreshAfter([id], true);
    return true;
  };

  // ---- file and jobs ------------------------------------------------------------------------
  const replace = useReplaceAsset();
  const replaceFile = (file: File) => {
    const modified = new Date(file.lastModified || Date.now()).toISOString();
    setReplaceProgress(0);
    replace.mutate(
      {
        args: {
          id: asset.id,
          assetMediaReplaceDto: {
            assetData: file,
            deviceAssetId: `web-${file.name}-${file.lastModified}`,
            deviceId: 'WEB',
            fileCreatedAt: modified,
            fileModifiedAt: modified,
            filename: file.name,
          },
        },
        onProgress: ({ fraction }) => setReplaceProgress(fraction),
      },
      {
        onSuccess: () => toast.success(`Replaced with ${file.name}`),
        onSettled: () => setReplaceProgress(null),
      },
    );
  };

  const jobs = useRunAssetJobs();
  const runJob = (name: AssetJobName) => {
    const id = asset.id;
    jobs.mutate(
      { assetJobsDto: { assetIds: [id], name } },
      {
        onSuccess: () => {
          toast.success(JOB_MESSAGES[name]);
          // The job runs on the server: look again once it has had time to finish.
          setTimeout(() => void invalidateAssets(client), 3000);
        },
      },
    );
  };

  // ---- sharing ------------------------------------------------------------------------------
  const createLink = useCreateSharedLink();
  const share = async (options: ShareOptions): Promise<string> => {
    const link = await createLink.mutateAsync({
      sharedLinkCreateDto: {
        type: SharedLinkType.Individual,
        assetIds: [asset.id],
        allowDownload: options.allowDownload,
        showMetadata: options.showMetadata,
        expiresAt: options.expiresAt,
      },
    });
    return `${window.location.origin}/share/${encodeURIComponent(link.key)}`;
  };

  const undoLast = () => {
    const last = lastUndo.current;
    if (!last) {
      toast({ message: 'Nothing to undo' });
      return;
    }
    lastUndo.current = null;
    dismissToast(last.toastId);
    last.undo();
  };

  return {
    toggleFavorite: () => toggleFavorite(),
    toggleArchive: () => void toggleArchive(),
    moveToTrash: () => void moveToTrash(),
    restoreFromTrash: () => void restoreFromTrash(),
    deleteForGood,
    setDescription,
    setRating: (rating: number) => void setRating(rating),
    setDate,
    setLocation,
    replaceFile,
    runJob,
    share,
    undoLast,
    pending: {
      update: update.isPending,
      remove: remove.isPending,
      restore: restore.isPending,
      replace: replace.isPending,
      jobs: jobs.isPending,
    },
    replaceProgress,
  };
}
