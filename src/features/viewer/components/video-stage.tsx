import { useEffect, useRef, useState } from 'react';
import { IconButton } from '@/components/ui/icon-button';
import { RetryIcon } from '@/components/ui/icons';
import { useShortcuts } from '@/lib/shortcuts';
import styles from './viewer.module.css';

const LOOP_KEY = 'lightbox.viewer.loop';
const SEEK_STEP = 5;

function readLoop(): boolean {
  try {
    return localStorage.getItem(LOOP_KEY) === 'true';
  } catch {
    return false;
  }
}

export interface VideoStageProps {
  /** GET /assets/{id}/video/playback (Range requests: seeking works). */
  src: string;
  /** The preview, shown until the first frame. */
  poster: string;
  label: string;
}

/**
 * A video in the viewer: the browser's own controls, autoplay (muted when the
 * browser refuses sound without a gesture), a loop toggle that is remembered,
 * and keys: Space plays or pauses, Shift+←/→ (or ←/→ on the focused video) seek.
 */
export function VideoStage({ src, poster, label }: VideoStageProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [loop, setLoop] = useState(readLoop);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.play().catch((error: unknown) => {
      // Autoplay with sound is blocked until the user interacts: play muted instead.
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        video.muted = true;
        video.play().catch(() => {
          // Still refused: the controls let the user start it.
        });
      }
    });
  }, [src]);

  const toggleLoop = () => {
    setLoop((value) => {
      try {
        localStorage.setItem(LOOP_KEY, String(!value));
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      return !value;
    });
  };

  const togglePlay = () => {
    const video = ref.current;
    if (!video) return;
    if (video.paused || video.ended) void video.play().catch(() => undefined);
    else video.pause();
  };

  const seek = (seconds: number) => {
    const video = ref.current;
    if (!video) return;
    const end = Number.isFinite(video.duration) ? video.duration : Infinity;
    video.currentTime = Math.max(0, Math.min(end, video.currentTime + seconds));
  };

  useShortcuts([
    { key: ' ', description: 'Play or pause the video', group: 'Viewer', handler: togglePlay },
    {
      key: 'ArrowLeft',
      shift: true,
      description: 'Back 5 seconds',
      group: 'Viewer',
      handler: () => seek(-SEEK_STEP),
    },
    {
      key: 'ArrowRight',
      shift: true,
      description: 'Forward 5 seconds',
      group: 'Viewer',
      handler: () => seek(SEEK_STEP),
    },
    { key: 'l', description: 'Loop the video on or off', group: 'Viewer', handler: toggleLoop },
  ]);

  return (
    <div className={styles.videoStage}>
      {/* Captions: Immich videos carry none, and the library has no caption source. */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video
        ref={ref}
        className={styles.video}
        src={src}
        poster={poster}
        controls
        playsInline
        preload="auto"
        loop={loop}
        aria-label={label}
        onError={() => setFailed(true)}
        onLoadedData={() => setFailed(false)}
        onKeyDown={(event) => {
          // On the focused video, plain arrows seek (the viewer's ←/→ change asset elsewhere).
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.preventDefault();
            event.stopPropagation();
            seek(event.key === 'ArrowLeft' ? -SEEK_STEP : SEEK_STEP);
          } else if (event.key === ' ') {
            event.preventDefault();
            event.stopPropagation();
            togglePlay();
          }
        }}
      />
      <div className={styles.videoBar}>
        <IconButton
          label="Loop"
          aria-pressed={loop}
          variant="overlay"
          icon={<RetryIcon />}
          className={loop ? styles.active : undefined}
          onClick={toggleLoop}
        />
      </div>
      {failed && (
        <p className={styles.stageNotice} role="alert">
          This video cannot be played here. Download the original to watch it.
        </p>
      )}
    </div>
  );
}

export interface LivePhotoMotionProps {
  /** Playback URL of the live photo's motion part. */
  src: string;
}

/**
 * The motion part of a live photo: plays while the pointer is on the button
 * (hover) or while it is pressed (touch, keyboard), over the still photo.
 */
export function LivePhotoMotion({ src }: LivePhotoMotionProps) {
  const [playing, setPlaying] = useState(false);
  return (
    <>
      {playing && (
        // The motion part is silent decoration of the still photo, which carries the name.
        <video
          className={styles.livePhoto}
          src={src}
          autoPlay
          muted
          playsInline
          aria-hidden="true"
          onEnded={() => setPlaying(false)}
        />
      )}
      <div className={styles.motionButton}>
        <IconButton
          label="Play motion"
          variant="overlay"
          aria-pressed={playing}
          icon={<LiveIcon />}
          onPointerEnter={(event) => event.pointerType === 'mouse' && setPlaying(true)}
          onPointerLeave={(event) => event.pointerType === 'mouse' && setPlaying(false)}
          onPointerDown={(event) => event.pointerType !== 'mouse' && setPlaying(true)}
          onPointerUp={(event) => event.pointerType !== 'mouse' && setPlaying(false)}
          onClick={(event) => {
            // Keyboard (detail 0): toggles, since there is no hover.
            if (event.detail === 0) setPlaying((value) => !value);
          }}
        />
      </div>
    </>
  );
}

function LiveIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="3" fill="currentColor" />
      <circle cx="12" cy="12" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle
        cx="12"
        cy="12"
        r="9.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeDasharray="1.5 2.6"
      />
    </svg>
  );
}
