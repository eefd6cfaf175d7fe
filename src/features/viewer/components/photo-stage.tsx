import { useState } from 'react';
import { ErrorMessage } from '@/components/ui/error-message';
import { Spinner } from '@/components/ui/spinner';
import { useShortcuts } from '@/lib/shortcuts';
import { decodeImage, type ImageLoader } from '../image-loader';
import { useProgressiveImage } from '../use-progressive-image';
import { useZoomGestures, type SwipeDirection } from '../use-zoom-gestures';
import { isZoomed, zoomTransform } from '../zoom';
import styles from './viewer.module.css';

export interface PhotoStageProps {
  /** Changes when the asset (or its file) changes: zoom and sources start over. */
  assetKey: string;
  thumbnailUrl: string;
  previewUrl: string;
  /** The full-size rendition or web-safe original, loaded on zoom; null when there is none. */
  fullUrl: string | null;
  alt: string;
  onSwipe?: (direction: SwipeDirection) => void;
  /** Tests pass a loader they control; the app decodes with `new Image()`. */
  loader?: ImageLoader;
}

/**
 * A photo in the viewer: the thumbnail blurred at once, the decoded preview over
 * it, and the full size once the user zooms (wheel, pinch, double-click, `z`).
 */
export function PhotoStage({
  assetKey,
  thumbnailUrl,
  previewUrl,
  fullUrl,
  alt,
  onSwipe,
  loader = decodeImage,
}: PhotoStageProps) {
  // The ratio is known from the first decoded source; previews and full sizes share it.
  const [wantFull, setWantFull] = useState(false);
  const [fullFor, setFullFor] = useState(assetKey);
  if (fullFor !== assetKey) {
    setFullFor(assetKey);
    setWantFull(false);
  }
  const image = useProgressiveImage(
    { key: assetKey, preview: previewUrl, full: fullUrl },
    wantFull,
    loader,
  );
  const { stageRef, fit, stage, zoom, canZoom, actions, handlers } = useZoomGestures({
    content: image.size,
    resetKey: assetKey,
    onSwipe,
  });
  const zoomed = isZoomed(zoom);
  if (zoomed && !wantFull) {
    // Once zoomed, ask for the full size; it stays shown after zooming out.
    setWantFull(true);
  }

  useShortcuts([
    { key: 'z', description: 'Zoom in or out', group: 'Viewer', handler: actions.toggle },
    { key: '+', description: 'Zoom in', group: 'Viewer', handler: actions.zoomIn },
    { key: '=', description: 'Zoom in', group: 'Viewer', handler: actions.zoomIn },
    { key: '-', description: 'Zoom out', group: 'Viewer', handler: actions.zoomOut },
  ]);

  const showSpinner = image.loading && (image.src === null || (zoomed && !image.isFull));
  return (
    <div
      ref={stageRef}
      className={styles.stage}
      data-zoomed={zoomed || undefined}
      data-testid="photo-stage"
      {...handlers}
    >
      {image.src === null && (
        // The grid's thumbnail is in the browser's cache: it shows at once, blurred, while the preview decodes.
        <img className={styles.placeholder} src={thumbnailUrl} alt="" aria-hidden="true" />
      )}
      {image.src !== null && canZoom && (
        <div className={styles.canvas} style={{ transform: zoomTransform(zoom) }}>
          <img
            className={styles.photo}
            src={image.src}
            alt={alt}
            draggable={false}
            data-resolution={image.isFull ? 'full' : 'preview'}
            style={{
              width: fit.width,
              height: fit.height,
              left: (stage.width - fit.width) / 2,
              top: (stage.height - fit.height) / 2,
            }}
          />
        </div>
      )}
      {image.src !== null && !canZoom && (
        // The stage has not been measured yet: show the photo contained by CSS alone.
        <img className={styles.placeholderSharp} src={image.src} alt={alt} draggable={false} />
      )}
      {showSpinner && (
        <div className={styles.spinner}>
          <Spinner label={image.src === null ? 'Loading photo' : 'Loading full size'} />
        </div>
      )}
      {image.error && (
        <div className={styles.stageError}>
          <ErrorMessage
            title="This photo could not be shown"
            error={image.error}
            onRetry={image.retry}
          />
        </div>
      )}
      {image.fullError && zoomed && (
        <p className={styles.stageNotice} role="status">
          The full-size image could not be loaded; showing the preview.
        </p>
      )}
    </div>
  );
}
