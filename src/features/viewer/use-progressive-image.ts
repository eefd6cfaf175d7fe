import { useEffect, useState } from 'react';
import { decodeImage, type ImageLoader, type ImageSize } from './image-loader';

export interface ProgressiveSources {
  /** Identifies the asset (and its version): a change starts over from the placeholder. */
  key: string;
  /** Shown first: the 1440 px preview. */
  preview: string;
  /** Shown once the user zooms: the full-size rendition or the web-safe original. */
  full: string | null;
}

export interface ProgressiveImage {
  /** The decoded source to show, or null while the first one loads (show the placeholder). */
  src: string | null;
  /** True once `src` is the full-size rendition. */
  isFull: boolean;
  /** The natural size of `src` when known. */
  size: ImageSize | null;
  /** True while a source is loading (the first, or the full size after a zoom). */
  loading: boolean;
  /** Set when the preview could not be loaded (the full size failing keeps the preview). */
  error: Error | null;
  /** Set when the full size could not be loaded. */
  fullError: Error | null;
  /** Forgets this asset's failures, which loads them again. */
  retry: () => void;
}

interface Loaded {
  key: string;
  url: string;
  isFull: boolean;
  size: ImageSize;
}

interface Failed {
  key: string;
  url: string;
  error: Error;
}

/**
 * Picks the best decoded source for the current asset, never one of an asset
 * the user has left: loads of a previous asset are aborted when it changes,
 * and a late answer is dropped because it carries the old key. Each new source
 * is decoded before it replaces the shown one, so the swap never blinks. Once
 * the full size is shown it stays (zooming out does not go back to the preview).
 */
export function useProgressiveImage(
  sources: ProgressiveSources,
  wantFull: boolean,
  loader: ImageLoader = decodeImage,
): ProgressiveImage {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<Failed[]>([]);
  const { key, preview, full } = sources;

  const current = loaded?.key === key ? loaded : null;
  const target = wantFull && full ? full : preview;
  const failures = failed.filter((f) => f.key === key);
  const targetFailed = failures.some((f) => f.url === target);
  // Nothing to do when the target is shown, the full size already is, or the target failed.
  const needsLoad = !(current?.url === target || current?.isFull) && !targetFailed;

  useEffect(() => {
    if (!needsLoad) return;
    const controller = new AbortController();
    const isFull = target === full && target !== preview;
    loader(target, controller.signal).then(
      (size) => {
        if (controller.signal.aborted) return;
        setLoaded((previous) =>
          // Keep a full size already shown for this asset rather than a later preview.
          previous?.key === key && previous.isFull && !isFull
            ? previous
            : { key, url: target, isFull, size },
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof Error ? error : new Error(String(error));
        setFailed((previous) => [
          ...previous.filter((f) => f.key === key && f.url !== target),
          { key, url: target, error: failure },
        ]);
      },
    );
    return () => controller.abort();
  }, [needsLoad, key, target, full, preview, loader]);

  const previewFailure = failures.find((f) => f.url === preview)?.error ?? null;
  const fullFailure = full ? (failures.find((f) => f.url === full)?.error ?? null) : null;
  return {
    src: current?.url ?? null,
    isFull: current?.isFull ?? false,
    size: current?.size ?? null,
    loading: needsLoad,
    error: current ? null : previewFailure,
    fullError: fullFailure,
    retry: () => setFailed((previous) => previous.filter((f) => f.key !== key)),
  };
}
