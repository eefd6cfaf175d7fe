import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDropzone, type DropEvent } from 'react-dropzone';
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
 * Uploads at once, chosen by measurement with `node scripts/bench/upload.mjs --sweep` (200
 * generated 2.3 MB photos dropped in headless Chromium, local server). On a quiet 2-core
 * machine, five interleaved pairs gave 4 the edge over 3 in four (MB/s: 32.4 vs 29.1,
 * 28.6 vs 30.2, 28.9 vs 28.4, 30.0 vs 27.1, 30.1 vs 24.8); 6 was no better than 4 and would
 * take every connection the browser allows to the server, leaving none for browsing while
 * files upload. (An earlier sweep on a machine under heavy load favoured 3.) Immich's web
 * app uses 2.
 */
export const UPLOAD_CONCURRENCY = 4;

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

  // Entries of a drop that could not be opened, handed from getFilesFromEvent to onDrop.
  const dropFailures = useRef<WalkFailure[]>([]);

  const getFilesFromEvent = useCallback(async (event: DropEvent | FileSystemFileHandle[]) => {
    // File System Access handles (not used: useFsAccessApi is off, the input is the picker).
    if (Array.isArray(event)) return Promise.all(event.map((handle) => handle.getFile()));
    const data = 'dataTransfer' in event ? event.dataTransfer : null;
    if (data) {
      // While dragging only the item list is readable; the files come with the drop.
      if (event.type !== 'drop') {
        return Array.from(data.items).filter((item) => item.kind === 'file');
      }
      const walked = await walkDataTransfer(data);
      dropFailures.current = walked.failures;
      for (const { file, path } of walked.files) paths.set(file, path);
      return walked.files.map((f) => f.file);
    }
    const input = event.target;
    return input instanceof HTMLInputElement ? Array.from(input.files ?? []) : [];
  }, []);

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

  const onDrop = useCallback(
    (files: File[], _rejections: unknown, event: DropEvent | null) => {
      const failures = dropFailures.current;
      dropFailures.current = [];
      add(files, failures);
      // Picking the same files again must fire another change event.
      const target = event && !Array.isArray(event) ? event.target : null;
      if (target instanceof HTMLInputElement) target.value = '';
    },
    [add],
  );

  // Files on their way in: start fetching the machinery if the idle preload has not yet.
  const warmUp = useCallback(() => void loadUploader().catch(() => undefined), [loadUploader]);

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    onDragEnter: warmUp,
    getFilesFromEvent,
    noClick: true,
    noKeyboard: true,
    // Pastes are handled on the window below, focus or not (react-dropzone only hears them with focus inside).
    noPaste: true,
    useFsAccessApi: false,
    multiple: true,
  });

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
      void walkDataTransfer(data).then(({ files, failures }) => {
        for (const { file, path } of files) paths.set(file, path);
        add(
          files.map((f) => f.file),
          failures,
        );
      });
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [add]);

  const actions = useMemo<UploadActions>(
    () => ({
      pickFiles: () => {
        warmUp();
        open();
      },
      pickFolder: () => {
        warmUp();
        folderInput.current?.click();
      },
    }),
    [open, warmUp],
  );
  const Panel = uploader?.machinery.UploadPanel;

  return (
    <UploadContext value={actions}>
      <div {...getRootProps({ className: styles.root })}>
        <input {...getInputProps({ accept, 'aria-label': 'Upload files' })} />
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
