import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatMonth } from '../format';
import type { TimelineStore } from '../store/timeline-store';
import styles from './scrubber.module.css';

export interface ScrubberProps {
  store: TimelineStore;
  /** Height of the rail (the scroller's viewport). */
  height: number;
  /** id of the scroller it controls. */
  controls: string;
}

/** Labels closer than this to the previous one are left out. */
const YEAR_GAP = 18;
const TICK_GAP = 6;

/**
 * The rail along the right edge: one segment per month, as tall as the month is in the
 * grid, with year labels and month ticks. Click or drag to jump; as a slider it moves by
 * month with the arrow keys, by year with Page Up/Down, to either end with Home/End.
 */
export function Scrubber({ store, height, controls }: ScrubberProps) {
  const { months, totalHeight, scrollTop } = store;
  const [hover, setHover] = useState<number | null>(null);
  const dragging = useRef(false);
  const frame = useRef(0);
  const pending = useRef<number | null>(null);
  if (months.length === 0 || totalHeight <= 0 || height <= 0) return null;

  const scale = height / totalHeight;
  const current = Math.max(0, store.monthIndexAt(scrollTop));
  const currentEntry = months[current];

  /** A click jumps at once; a drag follows the pointer once a frame, as a fast scroll. */
  const jumpToRail = (y: number, drag: boolean) => {
    pending.current = y;
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const railY = pending.current;
      if (railY === null) return;
      store.scrollTo(Math.min(Math.max(0, railY), height) / scale, drag);
    });
  };
  const railY = (event: PointerEvent<HTMLDivElement>) =>
    event.clientY - event.currentTarget.getBoundingClientRect().top;

  const jumpToMonth = (index: number) => {
    const entry = months[Math.min(Math.max(0, index), months.length - 1)];
    if (entry) store.scrollTo(entry.top);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const year = currentEntry?.year ?? 0;
    let target: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        target = current + 1;
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        // Back to the start of this month first, then to the month before.
        target = currentEntry && scrollTop > currentEntry.top + 1 ? current : current - 1;
        break;
      case 'PageDown': {
        const next = months.findIndex((m, i) => i > current && m.year < year);
        target = next < 0 ? months.length - 1 : next;
        break;
      }
      case 'PageUp': {
        let start = current;
        while (start > 0 && months[start - 1]?.year === year) start--;
        if (start === current || (currentEntry && scrollTop <= (months[start]?.top ?? 0) + 1)) {
          const previousYear = months[start - 1]?.year;
          start = months.findIndex((m) => m.year === previousYear);
        }
        target = start < 0 ? 0 : start;
        break;
      }
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = months.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    jumpToMonth(target);
  };

  const labels = [];
  let lastYearLabel = -Infinity;
  let lastTick = -Infinity;
  for (let i = 0; i < months.length; i++) {
    const m = months[i];
    if (!m || m.height <= 0) continue;
    const y = m.top * scale;
    const newYear = i === 0 || months[i - 1]?.year !== m.year;
    if (newYear && y - lastYearLabel >= YEAR_GAP) {
      labels.push(
        <span key={m.timeBucket} className={styles.year} style={{ top: y }}>
          {m.year}
        </span>,
      );
      lastYearLabel = y;
      lastTick = y;
    } else if (y - lastTick >= TICK_GAP && y - lastYearLabel >= TICK_GAP) {
      labels.push(<span key={m.timeBucket} className={styles.tick} style={{ top: y }} />);
      lastTick = y;
    }
  }

  const hoverEntry = hover === null ? null : months[store.monthIndexAt(hover / scale)];
  const valueText = currentEntry ? formatMonth(currentEntry.year, currentEntry.month) : '';
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label="Jump to a month"
      aria-controls={controls}
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={months.length - 1}
      aria-valuenow={current}
      aria-valuetext={valueText}
      className={styles.scrubber}
      style={{ height }}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus({ preventScroll: true });
        dragging.current = true;
        jumpToRail(railY(event), false);
      }}
      onPointerMove={(event) => {
        const y = railY(event);
        setHover(y);
        if (dragging.current) jumpToRail(y, true);
      }}
      onPointerUp={(event) => {
        // Where the drag ends loads at once.
        if (dragging.current) jumpToRail(railY(event), false);
        dragging.current = false;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
      onPointerLeave={() => {
        if (!dragging.current) setHover(null);
      }}
      onPointerCancel={() => {
        dragging.current = false;
        setHover(null);
      }}
    >
      <div className={styles.labels} aria-hidden="true">
        {labels}
      </div>
      <div className={styles.thumb} style={{ top: scrollTop * scale }} aria-hidden="true" />
      {hover !== null && hoverEntry && (
        <div className={styles.hover} style={{ top: hover }} aria-hidden="true">
          <span>{formatMonth(hoverEntry.year, hoverEntry.month)}</span>
        </div>
      )}
    </div>
  );
}
