import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/toast';
import { whenIdle } from '@/lib/when-idle';
import { walkDataTransfer, type WalkFailure } from '../picking/walk-entries';
import type { PickedFile } from '../queue/classify';
import type { UploadQueue } from '../queue/upload-queue';
import { UploadContext, type UploadActions } from '../upload-context';
import type * as UploadMachinery from '../upload-machinery';
import { uploadQueries } from '../upload-queries';
import styles from './upload-provider.module.css';

/**
 * Uploads at once, chosen by measurement: `node scripts/bench/upload.mjs --sweep`
 * (100 generated 2.3 MB photos dropped in headless Chromium, local server, 2 cores
 * shared with other work, one run each) gave 0.99 MB/s at 1, 1.27 at 2, 1.33 at 3,
 * 1.22 at 4 and 1.16 at 6. Immich's web app uses 2.
 */
export const UPLOAD_CONCURRENCY = 3;

/**
 * A different concurrency for this browser (localStorage 'lightbox.uploadConcurrency', 1–16):
 * how the benchmark compares settings; also a knob for slow or fast links.
 */
function concurrencySetting(): number {
  try {
    const value = Number(localStorage.getItem('lightbox.uploadConcurrency'));
    return Number.isInteger(value) && value >= 1 && value <= 16 ? value : UPLOAD_CONCURRENCY;
  } catch {
    return UPLOAD_CONCURRENCY;
  }
}

/** Where each dropped or picked file came from inside its folder (File objects carry no path). */
const paths = new WeakMap<File, string>();

const pathOf = (file: File): string => paths.get(file) ?? (file.webkitRelativePath || file.name);

const hasFiles = (data: DataTransfer | null): data is DataTransfer =>
  !!data && Array.from(data.types).includes('Files');

type Machinery = typeof UploadMachinery;

/** The loaded machinery and this provider's queue. */
interface Uploader {
  machinery: Machinery;
  queue: UploadQueue;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Makes the whole window a drop target for files and folders, listens for
 * pasted files, and shows the upload panel. Wrap the signed-in layout with it;
 * put `<UploadButton />` in the header.
 */
export function UploadProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The queue, hashing and panel load on demand (../upload-machinery): at idle once the first
  // screen is up, or at the first drop, paste or pick if that comes sooner (which waits for it).
  const [uploader, setUploader] = useState<Uploader | null>(null);
  const loading = useRef<Promise<Uploader> | null>(null);
  const mounted = useRef(false);

  const loadUploader = useCallback((): Promise<Uploader> => {
    loading.current ??= import('../upload-machinery').then(
      (machinery) => {
        const next = {
          machinery,
          queue: machinery.createUploadQueue(queryClient, concurrencySetting()),
        };
        setUploader(next);
        return next;
      },
      (error: unknown) => {
        // Try again at the next use.
        loading.current = null;
        throw error;
      },
    );
    return loading.current;
  }, [queryClient]);

  useEffect(() => {
    mounted.current = true;
    const cancelPreload = whenIdle(() => void loadUploader().catch(() => undefined));
    return () => {
      mounted.current = false;
      cancelPreload();
      // Leaving the signed-in area (sign-out) stops what is still running.
      void loading.current?.then(
        ({ queue }) => {
          if (!mounted.current) queue.cancelAll();
        },
        () => undefined,
      );
    };
  }, [loadUploader]);

  const { data: mediaTypes } = useQuery(uploadQueries.mediaTypes());
  const accept = mediaTypes
    ? [...mediaTypes.image, ...mediaTypes.video, ...mediaTypes.sidecar].join(',')
    : undefined;

  const add = useCallback(
    (files: readonly File[], failures: readonly WalkFailure[] = []) => {
      const picked: PickedFile[] = files.map((file) => ({ file, path: pathOf(file) }));
      loadUploader().then(
        ({ queue }) => {
          if (mounted.current) void queue.add(picked, failures);
        },
        (error: unknown) =>
          toast.error(
            `The uploader could not load, so nothing was uploaded: ${messageOf(error)}. Check the connection and try again.`,
          ),
      );
    },
    [loadUploader],
  );

  // Files on their way in: start fetching the machinery if the idle preload has not yet.
  const warmUp = useCallback(() => void loadUploader().catch(() => undefined), [loadUploader]);

  /** Adds what a drop or paste carries; call it while the event is being dispatched. */
  const addTransfer = useCallback(
    (data: DataTransfer) => {
      // The walk takes the entries synchronously, then reads folders at its own pace.
      void walkDataTransfer(data).then(({ files, failures }) => {
        for (const { file, path } of files) paths.set(file, path);
        add(
          files.map((f) => f.file),
          failures,
        );
      });
    },
    [add],
  );

  // The drop target: the whole app. A file drag shows the overlay until it leaves or drops.
  const [isDragActive, setDragActive] = useState(false);
  /** The elements the drag is over: dragenter and dragleave come in pairs, one per element. */
  const dragTargets = useRef(new Set<EventTarget>());
  const endDrag = useCallback(() => {
    dragTargets.current.clear();
    setDragActive(false);
  }, []);

  const onDragEnter = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    dragTargets.current.add(event.target);
    if (!isDragActive) {
      setDragActive(true);
      warmUp();
    }
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event.dataTransfer)) return;
    // Without this the browser does not let the drop happen here.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    const targets = dragTargets.current;
    targets.delete(event.target);
    // Elements removed from the page while the drag was over them send no dragleave.
    for (const target of targets)
      if (!(target instanceof Node) || !target.isConnected) targets.delete(target);
    if (targets.size === 0) setDragActive(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    endDrag();
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    addTransfer(event.dataTransfer);
  };

  // Files dropped anywhere else (outside the app's elements) must not open in the tab.
  useEffect(() => {
    const keepFiles = (event: globalThis.DragEvent) => {
      if (hasFiles(event.dataTransfer)) event.preventDefault();
      if (event.type === 'drop') endDrag();
    };
    window.addEventListener('dragover', keepFiles);
    window.addEventListener('drop', keepFiles);
    window.addEventListener('dragend', endDrag);
    return () => {
      window.removeEventListener('dragover', keepFiles);
      window.removeEventListener('drop', keepFiles);
      window.removeEventListener('dragend', endDrag);
    };
  }, [endDrag]);

  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const setFolderInput = useCallback((input: HTMLInputElement | null) => {
    folderInput.current = input;
    // Not in React's attribute types: the folder picker of every current browser.
    input?.setAttribute('webkitdirectory', '');
  }, []);

  // Paste files (screenshots, files copied in a file manager) anywhere but in a text field.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable=""], [contenteditable="true"]'))
        return;
      const data = event.clipboardData;
      if (!hasFiles(data)) return;
      event.preventDefault();
      addTransfer(data);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [addTransfer]);

  const actions = useMemo<UploadActions>(
    () => ({
      pickFiles: () => {
        warmUp();
        fileInput.current?.click();
      },
      pickFolder: () => {
        warmUp();
        folderInput.current?.click();
      },
    }),
    [warmUp],
  );
  const Panel = uploader?.machinery.UploadPanel;

  return (
    <UploadContext value={actions}>
      <div
        className={styles.root}
        onDragEnter={onDragEnter}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={accept}
          tabIndex={-1}
          aria-label="Upload files"
          className={styles.hiddenInput}
          onChange={(event) => {
            add(Array.from(event.currentTarget.files ?? []));
            // Picking the same files again must fire another change event.
            event.currentTarget.value = '';
          }}
        />
        <input
          ref={setFolderInput}
          type="file"
          multiple
          tabIndex={-1}
          aria-label="Choose a folder to upload"
          className={styles.hiddenInput}
          onChange={(event) => {
            add(Array.from(event.currentTarget.files ?? []));
            event.currentTarget.value = '';
          }}
        />
        {children}
        {isDragActive && (
          <div className={styles.overlay} aria-hidden="true">
            <div className={styles.overlayCard}>
              <span className={styles.overlayTitle}>Drop to upload</span>
              <span>Photos, videos and whole folders</span>
            </div>
          </div>
        )}
        {Panel && uploader && <Panel queue={uploader.queue} />}
      </div>
    </UploadContext>
  );
}
