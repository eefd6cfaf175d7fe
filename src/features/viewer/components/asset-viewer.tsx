import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/client';
import { downloadAssetUrl, playAssetVideoUrl, viewAssetUrl } from '@/api/assets';
import {
  AssetJobName,
  AssetMediaSize,
  AssetTypeEnum,
  AssetVisibility,
  type AssetResponseDto,
  type SharedLinkResponseDto,
} from '@/api/types';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { IconButton } from '@/components/ui/icon-button';
import { ArrowLeftIcon, HeartIcon, RetryIcon, TrashIcon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/spinner';
import { useShortcuts, type Shortcut } from '@/lib/shortcuts';
import { preloadImages } from '../image-loader';
import type { Neighbours } from '../neighbours';
import { useFocusTrap } from '../use-focus-trap';
import { useViewerActions, type ViewerViewName } from '../use-viewer-actions';
import { viewerQueries, type ViewerScope } from '../viewer-queries';
import { DetailsPanel } from './details-panel';
import { ConfirmDeleteDialog, EditDateDialog, EditLocationDialog } from './edit-dialogs';
import { PhotoStage } from './photo-stage';
import { ShareDialog } from './share-dialog';
import { LivePhotoMotion, VideoStage } from './video-stage';
import {
  ChevronLeftIcon,
  ChevronRightIcon,
  DownloadIcon,
  InfoIcon,
  MoreIcon,
  ShareIcon,
} from './viewer-icons';
import styles from './viewer.module.css';

export interface SharedAccess {
  key: string;
  link: SharedLinkResponseDto;
}

export interface AssetViewerProps {
  assetId: string;
  /** Library: the view it was opened from (previous/next follow its order); null: guess from the asset. */
  view?: ViewerViewName | null;
  /** The filter of each view (the timeline's views, composed by the route). */
  scopes?: Record<ViewerViewName, ViewerScope>;
  /** Shared-link visitors: read-only, the key sent with every call. */
  shared?: SharedAccess;
  /** Show another asset (replacing the history entry). */
  onNavigate: (id: string) => void;
  /** Back to where the viewer was opened from; absent for shared links. */
  onClose?: () => void;
  /** Rendered inside the viewer (e.g. the route's shortcuts dialog), within its focus trap. */
  children?: ReactNode;
}

const NO_NEIGHBOURS: Neighbours = { previous: null, next: null, inView: false };

function viewOf(asset: AssetResponseDto): ViewerViewName {
  if (asset.isTrashed) return 'trash';
  if (asset.visibility === AssetVisibility.Archive) return 'archive';
  return 'timeline';
}

/** Cache-busting value for the asset's media URLs: changes when its file or thumbnails do. */
function mediaKey(asset: AssetResponseDto): string {
  return asset.thumbhash ?? asset.checksum;
}

/** A 4xx on the asset itself: it was deleted, never existed, or is not this user's to see. */
function isMissing(error: unknown): boolean {
  return isApiError(error) && [400, 403, 404].includes(error.status);
}

/**
 * The full-window viewer of one asset: photo (zoom) or video, previous/next in
 * the view's order, the details panel, and every action on a single asset.
 */
export function AssetViewer({
  assetId,
  view: openedFrom = null,
  scopes,
  shared,
  onNavigate,
  onClose,
  children,
}: AssetViewerProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  useFocusTrap(rootRef);
  const key = shared?.key;
  const query = useQuery(viewerQueries.asset(assetId, key));
  const asset = query.data;
  // Kept here, so that it stays open from one asset to the next even while one loads.
  const [showDetails, setShowDetails] = useState(false);

  let body;
  if (asset) {
    body = (
      <LoadedViewer
        // One instance per asset id would drop the panel state; the asset changes in place.
        asset={asset}
        openedFrom={openedFrom}
        scopes={scopes}
        shared={shared}
        onNavigate={onNavigate}
        onClose={onClose}
        showDetails={showDetails}
        setShowDetails={setShowDetails}
      />
    );
  } else if (query.isError) {
    body = (
      <div className={styles.main}>
        <ViewerTopBar title="Not available" onClose={onClose} />
        <div className={styles.message}>
          {isMissing(query.error) ? (
            <ErrorMessage
              variant="page"
              title="This photo is not available"
              message="It may have been deleted, or the link you followed is not yours to see."
              actions={
                onClose && (
                  <Button variant="primary" size="sm" onClick={onClose}>
                    Back to the photos
                  </Button>
                )
              }
            />
          ) : (
            <ErrorMessage
              variant="page"
              title="The photo could not be loaded"
              error={query.error}
              onRetry={() => void query.refetch()}
              retrying={query.isFetching}
              actions={
                onClose && (
                  <Button size="sm" onClick={onClose}>
                    Back to the photos
                  </Button>
                )
              }
            />
          )}
        </div>
      </div>
    );
  } else {
    body = (
      <div className={styles.main}>
        <ViewerTopBar title="Loading" onClose={onClose} />
        <div className={styles.spinner}>
          <Spinner label="Loading photo" />
        </div>
      </div>
    );
  }

  useShortcuts(
    onClose
      ? [{ key: 'Escape', description: 'Close the viewer', group: 'Viewer', handler: onClose }]
      : [],
  );

  return (
    <div
      ref={rootRef}
      className={styles.viewer}
      role="dialog"
      aria-modal="true"
      aria-label={asset ? asset.originalFileName : 'Viewer'}
      tabIndex={-1}
    >
      <title>{`${asset?.originalFileName ?? 'Viewer'} · Lightbox`}</title>
      {body}
      {children}
    </div>
  );
}

function ViewerTopBar({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className={styles.topBar}>
      {onClose && (
        <IconButton
          label="Close viewer"
          variant="overlay"
          icon={<ArrowLeftIcon />}
          onClick={onClose}
        />
      )}
      <h1 className={styles.title}>{title}</h1>
      {children}
    </div>
  );
}

interface LoadedViewerProps {
  asset: AssetResponseDto;
  showDetails: boolean;
  setShowDetails: (update: (value: boolean) => boolean) => void;
  openedFrom: ViewerViewName | null;
  scopes?: Record<ViewerViewName, ViewerScope>;
  shared?: SharedAccess;
  onNavigate: (id: string) => void;
  onClose?: () => void;
}

type OpenDialog = 'date' | 'location' | 'delete' | 'share' | null;

function LoadedViewer({
  asset,
  openedFrom,
  scopes,
  shared,
  onNavigate,
  onClose,
  showDetails,
  setShowDetails,
}: LoadedViewerProps) {
  const client = useQueryClient();
  const readOnly = Boolean(shared);
  const key = shared?.key;
  const view = openedFrom ?? viewOf(asset);
  const scope = scopes?.[view];
  const isVideo = asset.type === AssetTypeEnum.Video;
  const c = mediaKey(asset);

  // ---- previous / next -------------------------------------------------------------------
  const neighboursQuery = useQuery({
    ...viewerQueries.neighbours(client, scope ?? { filter: {}, onlyVideos: false }, asset),
    enabled: !shared && Boolean(scope),
  });
  // While the new asset's neighbours are worked out (usually a moment: the months are
  // cached), its buttons stay where they were, doing nothing: focus is not lost.
  const [lastKnown, setLastKnown] = useState<Neighbours>(NO_NEIGHBOURS);
  if (neighboursQuery.data && neighboursQuery.data !== lastKnown)
    setLastKnown(neighboursQuery.data);
  const settled = Boolean(shared) || neighboursQuery.data !== undefined;
  let neighbours: Neighbours = neighboursQuery.data ?? NO_NEIGHBOURS;
  if (shared) {
    const list = shared.link.assets;
    const index = list.findIndex((a) => a.id === asset.id);
    const toNeighbour = (a: AssetResponseDto | undefined) =>
      a ? { id: a.id, thumbhash: a.thumbhash, isImage: a.type !== AssetTypeEnum.Video } : null;
    neighbours = {
      previous: index > 0 ? toNeighbour(list[index - 1]) : null,
      next: index >= 0 ? toNeighbour(list[index + 1]) : null,
      inView: index >= 0,
    };
  }
  const { previous, next } = neighbours;
  const showPrevious = settled ? previous !== null : lastKnown.previous !== null;
  const showNext = settled ? next !== null : lastKnown.next !== null;
  const neighboursRef = useRef(neighbours);
  useEffect(() => {
    neighboursRef.current = neighbours;
  });

  // Warm the neighbours: their info, and their previews in the browser's cache.
  useEffect(() => {
    const around = [previous, next].filter((n) => n !== null);
    for (const n of around) {
      void client.prefetchQuery(viewerQueries.asset(n.id, key));
    }
    const urls = around.map((n) =>
      viewAssetUrl({ id: n.id, key, size: AssetMediaSize.Preview, c: n.thumbhash }),
    );
    return preloadImages(urls);
  }, [client, key, previous, next]);

  const goPrevious = () => previous && onNavigate(previous.id);
  const goNext = () => next && onNavigate(next.id);

  // ---- actions ---------------------------------------------------------------------------
  const actions = useViewerActions({
    asset,
    view,
    prepareLeave: () => {
      const { next: after, previous: before } = neighboursRef.current;
      const target = after ?? before;
      return () => {
        if (target) onNavigate(target.id);
        else onClose?.();
      };
    },
  });

  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  // `e` opens the panel and focuses the description, once the panel is on screen.
  const [focusRequest, setFocusRequest] = useState(0);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const fileInputId = useId();
  useEffect(() => {
    if (focusRequest > 0) descriptionRef.current?.focus();
  }, [focusRequest]);
  const pickReplacement = () => document.getElementById(fileInputId)?.click();

  const canDownload = !shared || shared.link.allowDownload;
  const canShowDetails = !shared || shared.link.showMetadata;
  const archived = asset.visibility === AssetVisibility.Archive;

  const openDialog = (which: OpenDialog) => {
    setMenuOpen(false);
    setDialog(which);
  };

  const downloadUrl = downloadAssetUrl({ id: asset.id, key, c: asset.checksum });
  const download = () => {
    const link = document.createElement('a');
    link.href = downloadUrl;
    link.download = asset.originalFileName;
    link.click();
  };

  const shortcuts: Shortcut[] = [
    {
      key: 'ArrowLeft',
      description: 'Previous photo or video',
      group: 'Viewer',
      handler: goPrevious,
    },
    { key: 'ArrowRight', description: 'Next photo or video', group: 'Viewer', handler: goNext },
  ];
  if (canShowDetails) {
    shortcuts.push({
      key: 'i',
      description: 'Show or hide the details',
      group: 'Viewer',
      handler: () => setShowDetails((value) => !value),
    });
  }
  if (canDownload) {
    shortcuts.push({
      key: 'd',
      shift: true,
      description: 'Download the original',
      group: 'Viewer',
      handler: download,
    });
  }
  if (!readOnly) {
    shortcuts.push(
      {
        key: 'f',
        description: 'Favorite or unfavorite',
        group: 'Viewer',
        handler: actions.toggleFavorite,
      },
      {
        key: 'a',
        description: 'Archive or unarchive',
        group: 'Viewer',
        handler: actions.toggleArchive,
      },
      asset.isTrashed
        ? {
            key: 'r',
            description: 'Restore from the trash',
            group: 'Viewer',
            handler: actions.restoreFromTrash,
          }
        : {
            key: 'Delete',
            description: 'Move to trash',
            group: 'Viewer',
            handler: actions.moveToTrash,
          },
      {
        key: 'Delete',
        shift: true,
        description: 'Delete permanently',
        group: 'Viewer',
        handler: () => openDialog('delete'),
      },
      {
        key: 'e',
        description: 'Edit the description',
        group: 'Viewer',
        handler: () => {
          setShowDetails(() => true);
          setFocusRequest((n) => n + 1);
        },
      },
      ...[0, 1, 2, 3, 4, 5].map<Shortcut>((rating) => ({
        key: String(rating),
        description: rating === 0 ? 'Clear the rating' : `Rate ${rating} of 5`,
        group: 'Viewer',
        handler: () => actions.setRating(rating),
      })),
      {
        key: 't',
        description: 'Edit the date and time',
        group: 'Viewer',
        handler: () => openDialog('date'),
      },
      {
        key: 'g',
        description: 'Edit the location',
        group: 'Viewer',
        handler: () => openDialog('location'),
      },
      { key: 's', description: 'Share', group: 'Viewer', handler: () => openDialog('share') },
      {
        key: 'u',
        shift: true,
        description: 'Replace the file',
        group: 'Viewer',
        handler: pickReplacement,
      },
      {
        key: 'm',
        shift: true,
        description: 'Refresh the metadata',
        group: 'Viewer',
        handler: () => actions.runJob(AssetJobName.RefreshMetadata),
      },
      {
        key: 't',
        shift: true,
        description: 'Regenerate the thumbnails',
        group: 'Viewer',
        handler: () => actions.runJob(AssetJobName.RegenerateThumbnail),
      },
      {
        key: 'z',
        mod: true,
        description: 'Undo the last action',
        group: 'Viewer',
        handler: actions.undoLast,
      },
    );
    if (isVideo) {
      shortcuts.push({
        key: 'v',
        shift: true,
        description: 'Transcode the video',
        group: 'Viewer',
        handler: () => actions.runJob(AssetJobName.TranscodeVideo),
      });
    }
  }
  useShortcuts(shortcuts);

  // ---- stage -----------------------------------------------------------------------------
  const thumbnailUrl = viewAssetUrl({ id: asset.id, key, size: AssetMediaSize.Thumbnail, c });
  const previewUrl = viewAssetUrl({ id: asset.id, key, size: AssetMediaSize.Preview, c });
  // The full size (or the web-safe original, which the server redirects to) needs the
  // download permission on a shared link; without it the preview is as far as zoom goes.
  const fullUrl = canDownload
    ? viewAssetUrl({ id: asset.id, key, size: AssetMediaSize.Fullsize, c })
    : null;
  const alt = asset.exifInfo?.description || asset.originalFileName;

  const stage = isVideo ? (
    <VideoStage
      key={asset.id}
      src={playAssetVideoUrl({ id: asset.id, key, c: asset.checksum })}
      poster={previewUrl}
      label={`Video: ${alt}`}
    />
  ) : (
    <>
      <PhotoStage
        assetKey={`${asset.id}:${c}`}
        thumbnailUrl={thumbnailUrl}
        previewUrl={previewUrl}
        fullUrl={fullUrl}
        alt={alt}
        onSwipe={(direction) => (direction === 'next' ? goNext() : goPrevious())}
      />
      {asset.livePhotoVideoId && (
        <LivePhotoMotion
          key={asset.livePhotoVideoId}
          src={playAssetVideoUrl({ id: asset.livePhotoVideoId, key })}
        />
      )}
    </>
  );

  return (
    <>
      <div className={styles.main}>
        <ViewerTopBar title={asset.originalFileName} onClose={onClose}>
          <div className={styles.actions} role="group" aria-label="Actions">
            {actions.replaceProgress !== null && (
              <span role="status" className={styles.title}>
                Replacing… {Math.round((actions.replaceProgress ?? 0) * 100)}%
              </span>
            )}
            {!readOnly && (
              <IconButton
                label="Favorite"
                aria-pressed={asset.isFavorite}
                variant="overlay"
                className={asset.isFavorite ? styles.active : undefined}
                icon={<HeartIcon fill={asset.isFavorite ? 'currentColor' : 'none'} />}
                onClick={actions.toggleFavorite}
              />
            )}
            {!readOnly && (
              <IconButton
                label="Share"
                variant="overlay"
                icon={<ShareIcon />}
                onClick={() => openDialog('share')}
              />
            )}
            {canDownload && (
              <a
                href={downloadUrl}
                download={asset.originalFileName}
                className={styles.downloadLink}
                aria-label="Download original"
                title="Download original"
              >
                <DownloadIcon />
              </a>
            )}
            {canShowDetails && (
              <IconButton
                label="Details"
                aria-pressed={showDetails}
                variant="overlay"
                icon={<InfoIcon />}
                onClick={() => setShowDetails((value) => !value)}
              />
            )}
            {!readOnly &&
              (asset.isTrashed ? (
                <IconButton
                  label="Restore"
                  variant="overlay"
                  icon={<RetryIcon />}
                  disabled={actions.pending.restore}
                  onClick={actions.restoreFromTrash}
                />
              ) : (
                <IconButton
                  label="Move to trash"
                  variant="overlay"
                  icon={<TrashIcon />}
                  disabled={actions.pending.remove}
                  onClick={actions.moveToTrash}
                />
              ))}
            {!readOnly && (
              <div className={styles.menu}>
                <IconButton
                  label="More actions"
                  aria-expanded={menuOpen}
                  aria-controls="viewer-more-actions"
                  variant="overlay"
                  icon={<MoreIcon />}
                  onClick={() => setMenuOpen((value) => !value)}
                />
                {menuOpen && (
                  <MoreMenu
                    id="viewer-more-actions"
                    onDismiss={() => setMenuOpen(false)}
                    items={[
                      {
                        label: archived ? 'Unarchive' : 'Archive',
                        keys: 'A',
                        onSelect: actions.toggleArchive,
                      },
                      {
                        label: 'Edit date and time',
                        keys: 'T',
                        onSelect: () => openDialog('date'),
                      },
                      { label: 'Edit location', keys: 'G', onSelect: () => openDialog('location') },
                      {
                        label: 'Replace file…',
                        keys: 'Shift+U',
                        onSelect: pickReplacement,
                      },
                      {
                        label: 'Refresh metadata',
                        keys: 'Shift+M',
                        onSelect: () => actions.runJob(AssetJobName.RefreshMetadata),
                      },
                      {
                        label: 'Regenerate thumbnails',
                        keys: 'Shift+T',
                        onSelect: () => actions.runJob(AssetJobName.RegenerateThumbnail),
                      },
                      ...(isVideo
                        ? [
                            {
                              label: 'Transcode video',
                              keys: 'Shift+V',
                              onSelect: () => actions.runJob(AssetJobName.TranscodeVideo),
                            },
                          ]
                        : []),
                      {
                        label: 'Delete permanently…',
                        keys: 'Shift+Del',
                        danger: true,
                        onSelect: () => openDialog('delete'),
                      },
                    ]}
                  />
                )}
                <input
                  id={fileInputId}
                  type="file"
                  accept={isVideo ? 'video/*' : 'image/*'}
                  hidden
                  aria-label="Replacement file"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    event.target.value = '';
                    if (file) actions.replaceFile(file);
                  }}
                />
              </div>
            )}
          </div>
        </ViewerTopBar>

        {stage}

        {showPrevious && (
          <IconButton
            aria-disabled={!previous || undefined}
            className={[styles.nav, styles.navPrevious].join(' ')}
            label="Previous"
            variant="overlay"
            size="lg"
            icon={<ChevronLeftIcon />}
            onClick={goPrevious}
          />
        )}
        {showNext && (
          <IconButton
            aria-disabled={!next || undefined}
            className={[styles.nav, styles.navNext].join(' ')}
            label="Next"
            variant="overlay"
            size="lg"
            icon={<ChevronRightIcon />}
            onClick={goNext}
          />
        )}
      </div>

      {showDetails && canShowDetails && (
        <DetailsPanel
          asset={asset}
          readOnly={readOnly}
          onClose={() => setShowDetails(() => false)}
          onSaveDescription={actions.setDescription}
          onRate={actions.setRating}
          onEditDate={() => openDialog('date')}
          onEditLocation={() => openDialog('location')}
          descriptionRef={descriptionRef}
          savingDescription={actions.pending.update}
        />
      )}

      {!readOnly && (
        <>
          <EditDateDialog
            key={`date:${asset.id}:${String(dialog === 'date')}`}
            open={dialog === 'date'}
            onClose={() => setDialog(null)}
            pending={actions.pending.update}
            localDateTime={asset.localDateTime}
            fileCreatedAt={asset.fileCreatedAt}
            onSave={(value) =>
              void actions.setDate(value).then((updated) => updated && setDialog(null))
            }
          />
          <EditLocationDialog
            key={`location:${asset.id}:${String(dialog === 'location')}`}
            open={dialog === 'location'}
            onClose={() => setDialog(null)}
            pending={actions.pending.update}
            latitude={asset.exifInfo?.latitude ?? null}
            longitude={asset.exifInfo?.longitude ?? null}
            onSave={(value) =>
              void actions.setLocation(value).then((updated) => updated && setDialog(null))
            }
          />
          <ConfirmDeleteDialog
            open={dialog === 'delete'}
            onClose={() => setDialog(null)}
            pending={actions.pending.remove}
            fileName={asset.originalFileName}
            onConfirm={() => void actions.deleteForGood().then((done) => done && setDialog(null))}
          />
          <ShareDialog
            key={`share:${asset.id}:${String(dialog === 'share')}`}
            open={dialog === 'share'}
            onClose={() => setDialog(null)}
            fileName={asset.originalFileName}
            onCreate={actions.share}
          />
        </>
      )}
    </>
  );
}

interface MenuItem {
  label: string;
  keys: string;
  danger?: boolean;
  onSelect: () => void;
}

/** A disclosure list of less frequent actions; Escape or a click elsewhere closes it. */
function MoreMenu({
  id,
  items,
  onDismiss,
}: {
  id: string;
  items: MenuItem[];
  onDismiss: () => void;
}) {
  const ref = useRef<HTMLUListElement>(null);
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    const list = ref.current;
    const toggle = list?.parentElement?.querySelector('button');
    list?.querySelector('button')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const menu = ref.current?.parentElement;
      if (menu && event.target instanceof Node && !menu.contains(event.target)) dismiss.current();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      // Closed while focus was in it: focus goes back to the button that opened it.
      const active = document.activeElement;
      if (!active || active === document.body || list?.contains(active)) toggle?.focus();
    };
  }, []);
  return (
    <ul id={id} ref={ref} className={styles.menuList}>
      {items.map((item) => (
        <li key={item.label}>
          <button
            type="button"
            className={[styles.menuItem, item.danger ? styles.menuItemDanger : '']
              .filter(Boolean)
              .join(' ')}
            aria-keyshortcuts={item.keys.replace('Del', 'Delete')}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                onDismiss();
              }
            }}
            onClick={() => {
              onDismiss();
              item.onSelect();
            }}
          >
            {item.label}
            <kbd aria-hidden="true">{item.keys}</kbd>
          </button>
        </li>
      ))}
    </ul>
  );
}
