import { useEffect, useState, useSyncExternalStore, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { IconButton } from '@/components/ui/icon-button';
import { CloseIcon, RetryIcon } from '@/components/ui/icons';
import { formatBytes, formatDuration, plural } from '../format';
import {
  FINAL_STATES,
  type UploadItem,
  type UploadQueue,
  type UploadState,
  type UploadTotals,
} from '../queue/upload-queue';
import styles from './upload-panel.module.css';

const ROW_HEIGHT = 60;
const LIST_HEIGHT = 300;
/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 4;

const STATE_LABELS: Record<UploadState, string> = {
  pending: 'Queued',
  hashing: 'Hashing',
  checking: 'Checking',
  waiting: 'Waiting',
  uploading: 'Uploading',
  done: 'Uploaded',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.min(100, Math.floor((part / whole) * 100)) : 0;

function ProgressBar({
  value,
  label,
  valueText,
}: {
  value: number;
  label: string;
  valueText?: string;
}) {
  return (
    <div
      className={styles.bar}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={valueText}
    >
      <div className={styles.barFill} style={{ transform: `scaleX(${value / 100})` }} />
    </div>
  );
}

/** Leaving the page while files are still going out asks first. */
function useConfirmLeaving(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the dialog.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}

function summaryText(totals: UploadTotals): string {
  const { byState } = totals;
  const parts = [
    `${byState.done.toLocaleString()} uploaded`,
    plural(byState.duplicate, 'duplicate'),
    `${byState.skipped.toLocaleString()} skipped`,
    `${byState.failed.toLocaleString()} failed`,
  ];
  if (byState.cancelled > 0) parts.push(`${byState.cancelled.toLocaleString()} cancelled`);
  return `Upload finished: ${parts.join(', ')}.`;
}

function progressLine(totals: UploadTotals): string {
  const parts = [
    `${totals.finished.toLocaleString()} of ${plural(totals.files, 'file')}`,
    `${formatBytes(totals.bytesSent)} of ${formatBytes(totals.bytesTotal)}`,
  ];
  if (totals.bytesPerSecond > 0) parts.push(`${formatBytes(totals.bytesPerSecond)}/s`);
  if (totals.secondsLeft !== undefined) parts.push(`${formatDuration(totals.secondsLeft)} left`);
  return parts.join(' · ');
}

/** The upload queue: overall progress, each file's state, and the summary at the end. */
export function UploadPanel({ queue }: { queue: UploadQueue }) {
  const { items, totals } = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const [minimised, setMinimised] = useState(false);
  useConfirmLeaving(totals.active);

  if (totals.files === 0 && !totals.preparing) return null;

  const finished = !totals.active;
  const overall = percent(totals.bytesSent, totals.bytesTotal);
  const failed = items.filter((item) => item.state === 'failed');
  const title =
    totals.preparing && totals.files === 0
      ? 'Preparing files…'
      : finished
        ? 'Uploads finished'
        : `Uploading ${plural(totals.files, 'file')}`;

  return (
    <section className={styles.panel} aria-label="Uploads" data-minimised={minimised || undefined}>
      <header className={styles.header}>
        <h2 className={styles.title}>{title}</h2>
        <div className={styles.headerActions}>
          {totals.byState.failed > 0 && (
            <Button size="sm" variant="ghost" onClick={() => queue.retryAllFailed()}>
              Retry failed
            </Button>
          )}
          {totals.active && (
            <Button size="sm" variant="ghost" onClick={() => queue.cancelAll()}>
              Cancel all
            </Button>
          )}
          <IconButton
            size="sm"
            label={minimised ? 'Expand uploads' : 'Minimise uploads'}
            aria-expanded={!minimised}
            icon={<ChevronIcon up={minimised} />}
            onClick={() => setMinimised((m) => !m)}
          />
          {finished && (
            <IconButton
              size="sm"
              label="Close uploads"
              icon={<CloseIcon size={18} />}
              onClick={() => queue.clearFinished()}
            />
          )}
        </div>
      </header>

      {totals.files > 0 && (
        <div className={styles.overall}>
          <ProgressBar
            value={finished && totals.bytesTotal === 0 ? 100 : overall}
            label="Overall upload progress"
            valueText={`${formatBytes(totals.bytesSent)} of ${formatBytes(totals.bytesTotal)}, ${totals.finished} of ${totals.files} files`}
          />
          <p className={styles.progressLine}>{progressLine(totals)}</p>
        </div>
      )}

      <div role="status" className={styles.summary}>
        {finished && totals.files > 0 && (
          <>
            <p>{summaryText(totals)}</p>
            {failed.length > 0 && (
              <ul className={styles.failures} aria-label="Failed uploads">
                {failed.slice(0, 20).map((item) => (
                  <li key={item.id}>
                    {item.path}: {item.message}
                  </li>
                ))}
                {failed.length > 20 && <li>and {(failed.length - 20).toLocaleString()} more</li>}
              </ul>
            )}
          </>
        )}
      </div>

      {!minimised && items.length > 0 && <ItemList items={items} queue={queue} />}
    </section>
  );
}

/** Only the rows in view are in the DOM, so a queue of 50,000 files stays light. */
function ItemList({ items, queue }: { items: readonly UploadItem[]; queue: UploadQueue }) {
  const [scrollTop, setScrollTop] = useState(0);
  const fullHeight = items.length * ROW_HEIGHT;
  const height = Math.min(fullHeight, LIST_HEIGHT);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const scrollable = fullHeight > height;
  return (
    <div
      className={styles.scroller}
      style={{ height }}
      // A scrolling region must be reachable by keyboard to be scrolled without a mouse.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see the line above
      tabIndex={scrollable ? 0 : undefined}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul className={styles.list} aria-label="Files" style={{ height: fullHeight }}>
        {items.slice(first, last).map((item, index) => (
          <Row
            key={item.id}
            item={item}
            queue={queue}
            position={first + index + 1}
            count={items.length}
            style={{ transform: `translateY(${(first + index) * ROW_HEIGHT}px)` }}
          />
        ))}
      </ul>
    </div>
  );
}

function stateText(item: UploadItem): string {
  const label = STATE_LABELS[item.state];
  if (item.state === 'hashing' || item.state === 'uploading') {
    return `${label} ${percent(item.progressBytes, item.size)} %`;
  }
  return label;
}

function Row({
  item,
  queue,
  position,
  count,
  style,
}: {
  item: UploadItem;
  queue: UploadQueue;
  position: number;
  count: number;
  style: CSSProperties;
}) {
  const moving = item.state === 'hashing' || item.state === 'uploading';
  const canRetry = (item.state === 'failed' || item.state === 'cancelled') && !item.unreadable;
  return (
    <li
      className={styles.row}
      style={style}
      aria-label={item.path}
      aria-posinset={position}
      aria-setsize={count}
      data-state={item.state}
    >
      <div className={styles.rowMain}>
        <span className={styles.name} title={item.path}>
          {item.path}
        </span>
        <span className={styles.meta}>
          <span className={styles.state} data-state={item.state}>
            {stateText(item)}
          </span>
          <span className={styles.size}>{formatBytes(item.size)}</span>
          {item.message && (
            <span className={styles.message} title={item.message}>
              {item.message}
            </span>
          )}
        </span>
        {moving && (
          <ProgressBar
            value={percent(item.progressBytes, item.size)}
            label={`${item.state === 'hashing' ? 'Hashing' : 'Uploading'} ${item.file.name}`}
          />
        )}
      </div>
      <div className={styles.rowActions}>
        {item.assetId && (item.state === 'done' || item.state === 'duplicate') && (
          <Link
            className={styles.link}
            to={`/photos/${item.assetId}`}
            aria-label={`View ${item.file.name}`}
          >
            View
          </Link>
        )}
        {canRetry && (
          <IconButton
            size="sm"
            label={`Retry ${item.file.name}`}
            icon={<RetryIcon size={18} />}
            onClick={() => queue.retry(item.id)}
          />
        )}
        {!FINAL_STATES.has(item.state) && (
          <IconButton
            size="sm"
            label={`Cancel ${item.file.name}`}
            icon={<CloseIcon size={18} />}
            onClick={() => queue.cancel(item.id)}
          />
        )}
      </div>
    </li>
  );
}

function ChevronIcon({ up }: { up: boolean }) {
  return (
    <svg
      width={18}
      height={18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={up ? 'm6 15 6-6 6 6' : 'm6 9 6 6 6-6'} />
    </svg>
  );
}
