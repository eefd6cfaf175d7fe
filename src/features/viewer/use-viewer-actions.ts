import { useRef, useState } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { deleteAssets, replaceAsset, runAssetJobs, updateAsset } from '@/api/assets';
import { createSharedLink } from '@/api/shared-links';
import { restoreAssets } from '@/api/trash';
import {
  AssetJobName,
  AssetVisibility,
  SharedLinkType,
  type AssetResponseDto,
  type UpdateAssetDto,
} from '@/api/types';
import { toast } from '@/components/ui/toast';
import { offsetMinutes, toDateTimeLocalValue, toDateTimeOriginal } from './format';
import type { ShareOptions } from './components/share-dialog';
import { viewerQueries } from './viewer-queries';

/** What an action did to the asset's place in the view it was opened from. */
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

const KEY = ['assets'] as const;

/** Replaces the cached asset with `patch` applied; returns how to put it back. */
function patchDetail(
  client: QueryClient,
  id: string,
  patch: (asset: AssetResponseDto) => AssetResponseDto,
): () => void {
  const queryKey = viewerQueries.asset(id).queryKey;
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

/**
 * Every single-asset action of the viewer, with its toast and, where the action
 * can be undone, an Undo (in the toast, and Ctrl+Z while the viewer is open).
 */
export function useViewerActions({ asset, view, prepareLeave }: ViewerActionsOptions) {
  const client = useQueryClient();
  const lastUndo = useRef<{ undo: Undo; toastId: string } | null>(null);
  const [replaceProgress, setReplaceProgress] = useState<number | null>(null);

  const refresh = () => client.invalidateQueries({ queryKey: KEY });

  const offerUndo = (message: string, undo: Undo | null) => {
    const toastId = toast.success(
      message,
      undo ? { action: { label: 'Undo', onAction: undo } } : undefined,
    );
    lastUndo.current = undo ? { undo, toastId } : null;
  };

  // ---- favourite: optimistic -------------------------------------------------------------
  const favorite = useMutation({
    mutationKey: ['assets', 'favorite'],
    mutationFn: ({ id, isFavorite }: { id: string; isFavorite: boolean }) =>
      updateAsset({ id, updateAssetDto: { isFavorite } }),
    onMutate: async ({ id, isFavorite }) => {
      await client.cancelQueries({ queryKey: viewerQueries.asset(id).queryKey });
      return { rollback: patchDetail(client, id, (a) => ({ ...a, isFavorite })) };
    },
    onError: (_error, _vars, context) => context?.rollback(),
    onSettled: () => {
      // Refetch once, after the last of several quick toggles.
      if (client.isMutating({ mutationKey: ['assets', 'favorite'] }) === 1) return refresh();
    },
    meta: { errorMessage: 'Could not change the favorite' },
  });

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

  // ---- updates that the server answers with the new asset -------------------------------
  const update = useMutation({
    mutationFn: ({ id, dto }: { id: string; dto: UpdateAssetDto }) =>
      updateAsset({ id, updateAssetDto: dto }),
    // Description and rating show at once (they need nothing computed by the server).
    onMutate: async ({ id, dto }) => {
      const { description, rating } = dto;
      if (description === undefined && rating === undefined) return undefined;
      await client.cancelQueries({ queryKey: viewerQueries.asset(id).queryKey });
      const rollback = patchDetail(client, id, (a) => ({
        ...a,
        exifInfo: {
          ...a.exifInfo,
          ...(description === undefined ? {} : { description }),
          ...(rating === undefined ? {} : { rating }),
        },
      }));
      return { rollback };
    },
    onError: (_error, _vars, context) => context?.rollback(),
    onSuccess: (updated) => {
      client.setQueryData(viewerQueries.asset(updated.id).queryKey, updated);
      return refresh();
    },
    meta: { errorMessage: 'The change was not saved' },
  });

  const applyUpdate = async (
    dto: UpdateAssetDto,
    message: string,
    undoDto: UpdateAssetDto | null,
  ): Promise<AssetResponseDto | null> => {
    const target = asset;
    try {
      const updated = await update.mutateAsync({ id: target.id, dto });
      offerUndo(
        message,
        undoDto
          ? () =>
              void update
                .mutateAsync({ id: target.id, dto: undoDto })
                .then(() => toast({ message: 'Undone' }))
          : null,
      );
      return updated;
    } catch {
      // The mutation cache's toast says what went wrong.
      return null;
    }
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

  // ---- trash, restore, delete ------------------------------------------------------------
  const remove = useMutation({
    mutationFn: ({ ids, force }: { ids: string[]; force: boolean }) =>
      deleteAssets({ assetBulkDeleteDto: { ids, force } }),
    // Not awaited: the viewer moves on first, so it never shows the asset it just removed.
    onSuccess: () => void refresh(),
    meta: { errorMessage: 'The photo was not deleted' },
  });

  const restore = useMutation({
    mutationFn: (ids: string[]) => restoreAssets({ bulkIdsDto: { ids } }),
    onSuccess: () => void refresh(),
    meta: { errorMessage: 'The photo was not restored' },
  });

  const moveToTrash = async () => {
    const id = asset.id;
    if (asset.isTrashed) return;
    const leave = prepareLeave();
    try {
      await remove.mutateAsync({ ids: [id], force: false });
    } catch {
      return;
    }
    offerUndo('Moved to trash', () =>
      restore.mutate([id], { onSuccess: () => toast.success('Restored from the trash') }),
    );
    if (view !== 'trash') leave();
  };

  const restoreFromTrash = async () => {
    const id = asset.id;
    if (!asset.isTrashed) return;
    const leave = prepareLeave();
    try {
      await restore.mutateAsync([id]);
    } catch {
      return;
    }
    offerUndo('Restored from the trash', () =>
      remove.mutate(
        { ids: [id], force: false },
        { onSuccess: () => toast({ message: 'Moved to trash' }) },
      ),
    );
    if (view === 'trash') leave();
  };

  const deleteForGood = async () => {
    const leave = prepareLeave();
    try {
      await remove.mutateAsync({ ids: [asset.id], force: true });
    } catch {
      return false;
    }
    lastUndo.current = null;
    toast.success(`${asset.originalFileName} deleted permanently`);
    leave();
    return true;
  };

  // ---- file and jobs ---------------------------------------------------------------------
  const replace = useMutation({
    mutationFn: (file: File) => {
      setReplaceProgress(0);
      const modified = new Date(file.lastModified || Date.now()).toISOString();
      return replaceAsset(
        {
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
        { onProgress: ({ fraction }) => setReplaceProgress(fraction) },
      );
    },
    onSuccess: () => {
      toast.success('File replaced');
      return refresh();
    },
    onSettled: () => setReplaceProgress(null),
    meta: { errorMessage: 'The file was not replaced' },
  });

  const jobs = useMutation({
    mutationFn: (name: AssetJobName) =>
      runAssetJobs({ assetJobsDto: { assetIds: [asset.id], name } }),
    onSuccess: (_result, name) => {
      toast.success(
        name === AssetJobName.RefreshMetadata
          ? 'Refreshing the metadata'
          : name === AssetJobName.RegenerateThumbnail
            ? 'Regenerating the thumbnails'
            : 'Transcoding the video',
      );
      // The job runs on the server: look again once it has had time to finish.
      setTimeout(() => void refresh(), 2500);
      return refresh();
    },
    meta: { errorMessage: 'The job was not started' },
  });

  // ---- sharing ---------------------------------------------------------------------------
  const share = async (options: ShareOptions): Promise<string> => {
    const link = await createSharedLink({
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
    replaceFile: (file: File) => replace.mutate(file),
    runJob: (name: AssetJobName) => jobs.mutate(name),
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
