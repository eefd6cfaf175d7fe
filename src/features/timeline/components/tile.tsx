import { memo, useEffect, useRef, useState } from 'react';
import { HeartIcon } from '@/components/ui/icons';
import { FLAG_FAVORITE, FLAG_IMAGE, FLAG_LIVE } from '../months/packed-month';
import { tileImageUrl } from '../first-screen';
import { formatDuration, tileLabel } from '../format';
import { paintPlaceholder, thumbhashColour } from '../thumbhash';
import { useIsSelected } from '../use-selection';
import styles from './tile.module.css';

export interface TileProps {
  id: string;
  timeBucket: string;
  index: number;
  left: number;
  width: number;
  height: number;
  flags: number;
  thumbhash: string;
  localMs: number;
  city: string;
  duration: number;
  /** The grid's one tab stop (roving tabindex). */
  tabbable: boolean;
  /** False while the user scrolls fast: a tile that has not shown its image yet waits. */
  showImage: boolean;
}

/**
 * One asset in the grid: its thumbhash at once (as the background: its average colour in the
 * first paint, the blurred picture a moment later), the 250 px thumbnail
 * over it, a check for selection, and badges for videos, favorites and live photos.
 * Clicks and keys are handled by the grid (event delegation), found by the data-* keys.
 */
export const Tile = memo(function Tile(props: TileProps) {
  const { id, timeBucket, index, left, width, height, flags, thumbhash } = props;
  const selected = useIsSelected(id);
  const [imageWanted, setImageWanted] = useState(props.showImage);
  if (props.showImage && !imageWanted) setImageWanted(true);
  const label = tileLabel(flags, props.localMs, props.city, props.duration);
  // The blurred placeholder waits, like the image, while the user flicks past.
  const cell = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (imageWanted && cell.current) paintPlaceholder(cell.current, thumbhash);
  }, [imageWanted, thumbhash]);
  const isVideo = !(flags & FLAG_IMAGE);
  return (
    <div
      ref={cell}
      role="gridcell"
      aria-selected={selected}
      aria-label={label}
      tabIndex={props.tabbable ? 0 : -1}
      className={styles.tile}
      data-selected={selected || undefined}
      data-id={id}
      data-bucket={timeBucket}
      data-index={index}
      style={{
        left,
        width,
        height,
        backgroundColor: thumbhashColour(thumbhash) || undefined,
      }}
    >
      {imageWanted && (
        <img
          className={styles.image}
          src={tileImageUrl(id, thumbhash)}
          alt=""
          decoding="async"
          draggable={false}
        />
      )}
      <span
        role="checkbox"
        aria-checked={selected}
        aria-label={`Select ${label}`}
        tabIndex={-1}
        className={styles.check}
        data-check=""
      />
      {isVideo && (
        <span className={styles.duration} aria-hidden="true">
          {formatDuration(props.duration)}
          <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false">
            <path d="M2 1l7 4-7 4z" fill="currentColor" />
          </svg>
        </span>
      )}
      {flags & FLAG_LIVE ? (
        <span className={styles.live} aria-hidden="true">
          LIVE
        </span>
      ) : null}
      {flags & FLAG_FAVORITE ? <HeartIcon className={styles.heart} size={18} /> : null}
    </div>
  );
});
