import type { Hasher } from '../hashing/hash-pool';
import { classifyFiles, type MediaTypes, type PickedFile } from './classify';

/**
 * The upload queue: a state machine per file, driven by one `pump()` that
 * starts whatever work the limits allow. It holds File references and a few
 * numbers per file, never file contents, so tens of thousands of files fit.
 *
 *   pending ─(exist check: uploaded from this browser before)──────────▶ duplicate
 *      │
 *      ▼
 *   hashing ─(read error)─▶ failed
 *      ▼
 *   checking ─(server has this checksum)─▶ duplicate / (unsupported) ▶ skipped
 *      ▼
 *   waiting ◀──(network error or 5xx: automatic retry with backoff)──┐
 *      ▼                                                             │
 *   uploading ─▶ done │ duplicate │ failed (4xx, or retries used up) ┘
 *
 * Any state before the end can go to `cancelled`; `failed` and `cancelled`
 * go back to work with `retry`.
 */
export type UploadState =
  | 'pending'
  | 'hashing'
  | 'checking'
  | 'waiting'
  | 'uploading'
  | 'done'
  | 'duplicate'
  | 'skipped'
  | 'failed'
  | 'cancelled';

export const FINAL_STATES: ReadonlySet<UploadState> = new Set([
  'done',
  'duplicate',
  'skipped',
  'failed',
  'cancelled',
]);

export interface UploadItem {
  readonly id: number;
  readonly file: File;
  /** Path inside what was dropped or picked (folders), else the file name. */
  readonly path: string;
  readonly size: number;
  /** `.xmp` sidecar that travels with the file. */
  readonly sidecar?: File;
  readonly deviceAssetId: string;
  state: UploadState;
  /** Bytes hashed (while hashing) or sent (while uploading). */
  progressBytes: number;
  checksum?: string;
  /** The asset on the server: created by this upload, or the one this file duplicates. */
  assetId?: string;
  /** Why it was skipped, a duplicate, or failed; the server's message where there is one. */
  message?: string;
  /** Upload attempts made since the last manual retry. */
  attempts: number;
  /** When the next automatic attempt starts (ms, `now()` clock). */
  retryAt?: number;
  /** The exist check (fast path) has been done for this item. */
  existChecked: boolean;
  /** Set while hashing or uploading, to cancel. */
  controller?: AbortController;
  /** A dropped entry that could not be opened: there is no file to retry with. */
  readonly unreadable?: boolean;
}

export interface CheckResult {
  id: string;
  action: 'accept' | 'reject';
  reason?: 'duplicate' | 'unsupported-format';
  assetId?: string;
  isTrashed?: boolean;
}

export interface UploadRequest {
  file: File;
  sidecar?: File;
  deviceAssetId: string;
  deviceId: string;
  checksum?: string;
  fileCreatedAt: string;
  fileModifiedAt: string;
  filename: string;
}

/** What the queue needs from the server; the app passes the src/api functions. */
export interface UploadPort {
  mediaTypes(): Promise<MediaTypes>;
  /** The deviceAssetIds (of `deviceId`) the server already has. */
  checkExisting(deviceAssetIds: string[], deviceId: string): Promise<string[]>;
  checkBulk(items: { id: string; checksum: string }[]): Promise<CheckResult[]>;
  upload(
    request: UploadRequest,
    onProgress: (sentBytes: number) => void,
    signal: AbortSignal,
  ): Promise<{ id: string; status: 'created' | 'replaced' | 'duplicate' }>;
}

export interface UploadQueueOptions {
  port: UploadPort;
  hasher: Hasher;
  deviceId: string;
  /** Uploads at once (see docs in upload-panel: chosen by measurement). */
  concurrency?: number;
  /** Files hashed at once (the hasher may run fewer in parallel and queue the rest). */
  hashConcurrency?: number;
  /** Checksums per `POST /assets/bulk-upload-check`. */
  checkBatchSize?: number;
  /** deviceAssetIds per `POST /assets/exist`. */
  existBatchSize?: number;
  /** Upload attempts per file before it shows as failed (1 = no automatic retry). */
  maxAttempts?: number;
  /** Delay before automatic attempt `attempt + 1`. */
  retryDelayMs?: (attempt: number) => number;
  /**
   * Called after uploads created assets: once when the queue settles (a batch is done), and,
   * when `refreshIntervalMs` is finite, at most that often while it runs. Off by default: a
   * timeline refreshed mid-upload asks for thumbnails the server is still making, which
   * slowed a 200-photo upload by about a quarter (upload benchmark).
   */
  onAssetsChanged?: () => void;
  refreshIntervalMs?: number;
  now?: () => number;
}

export interface UploadTotals {
  files: number;
  /** Files that reached a final state. */
  finished: number;
  byState: Record<UploadState, number>;
  /** Bytes that this queue has to send (files not skipped, duplicated, failed or cancelled). */
  bytesTotal: number;
  bytesSent: number;
  /** Bytes per second over the last seconds (0 when nothing is moving). */
  bytesPerSecond: number;
  /** Seconds left at the current speed, or undefined when unknown. */
  secondsLeft?: number;
  active: boolean;
  /** Dropped files are being sorted (waiting for the server's media types). */
  preparing: boolean;
}

export interface UploadSnapshot {
  version: number;
  items: readonly UploadItem[];
  totals: UploadTotals;
}

const emptyByState = (): Record<UploadState, number> => ({
  pending: 0,
  hashing: 0,
  checking: 0,
  waiting: 0,
  uploading: 0,
  done: 0,
  duplicate: 0,
  skipped: 0,
  failed: 0,
  cancelled: 0,
});

/** Longest a partial batch of checksums waits for more before it is checked. */
const CHECK_WAIT_MS = 500;

/** A first-in first-out list with O(1) removal from the front. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get size() {
    return this.items.length - this.head;
  }
  push(item: T) {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/** Network errors (status 0), timeouts, rate limits and server errors are worth another try; other 4xx are not. */
export function isRetryable(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number') return false;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : String(error);

const isAbort = (error: unknown) =>
  (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';

/** Immich web's convention: `web-<name>-<lastModified>` (see docs/upload.md). */
export const deviceAssetIdOf = (file: File): string => `web-${file.name}-${file.lastModified}`;

export class UploadQueue {
  private readonly items: UploadItem[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private snapshot?: UploadSnapshot;
  private nextId = 1;
  private existInFlight = 0;
  private checkInFlight = 0;
  private hashesInFlight = 0;
  private uploadsInFlight = 0;
  private classifying = 0;
  private readonly toCheck: UploadItem[] = [];
  // Work lists per step. An item can be left in a list after it moved on (cancelled):
  // each list is checked against the item's state when taken.
  private readonly toExistCheck = new Fifo<UploadItem>();
  private readonly toHash = new Fifo<UploadItem>();
  private readonly toUpload = new Fifo<UploadItem>();
  /** Waiting for an automatic retry's time. */
  private delayed: UploadItem[] = [];
  /** Items not in a final state. */
  private unfinished = 0;
  /** Items per state, kept as states change. */
  private readonly counts = emptyByState();
  /** When the oldest checksum in `toCheck` arrived (to bound how long a partial batch waits). */
  private toCheckSince = 0;
  private readonly byId = new Map<number, UploadItem>();
  private checkAttempts = 0;
  private checkRetryAt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private wakeTime = 0;
  private notifyTimer?: ReturnType<typeof setTimeout>;
  private createdSinceRefresh = 0;
  private lastRefresh = 0;
  private speedSamples: { at: number; bytes: number }[] = [];
  private sentFinished = 0;
  private readonly opts: Required<Omit<UploadQueueOptions, 'onAssetsChanged'>> &
    Pick<UploadQueueOptions, 'onAssetsChanged'>;
  private mediaTypes?: Promise<MediaTypes>;
  /** Timings of the current run (from the first file added to the queue settling), for User Timing. */
  private run?: {
    start: number;
    hashStart?: number;
    hashEnd?: number;
    hashed: number;
    sent: number;
    files: number;
  };
  private idleWaiters: (() => void)[] = [];

  constructor(options: UploadQueueOptions) {
    this.opts = {
      concurrency: 4,
      hashConcurrency: 4,
      checkBatchSize: 100,
      existBatchSize: 500,
      maxAttempts: 3,
      retryDelayMs: (attempt) => 1000 * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4),
      refreshIntervalMs: Infinity,
      now: () => performance.now(),
      ...options,
    };
    this.lastRefresh = this.opts.now();
  }

  // ---- reading ------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stable between changes (for useSyncExternalStore). */
  getSnapshot = (): UploadSnapshot => {
    if (!this.snapshot || this.snapshot.version !== this.version) {
      this.snapshot = { version: this.version, items: this.items.slice(), totals: this.totals() };
    }
    return this.snapshot;
  };

  get isActive(): boolean {
    return this.classifying > 0 || this.unfinished > 0;
  }

  /** Resolves when every file has reached a final state. */
  idle(): Promise<void> {
    if (!this.isActive) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---- commands -----------------------------------------------------------

  /** Adds what was dropped or picked; returns when the files are classified and queued. */
  async add(
    picked: readonly PickedFile[],
    unreadable: readonly { path: string; message: string }[] = [],
  ): Promise<void> {
    if (picked.length === 0 && unreadable.length === 0) return;
    this.run ??= { start: performance.now(), hashed: 0, sent: 0, files: 0 };
    this.run.files += picked.length;
    this.classifying++;
    this.changed();
    try {
      let types: MediaTypes;
      try {
        types = await this.loadMediaTypes();
      } catch (error) {
        this.mediaTypes = undefined;
        for (const { file, path } of picked) {
          this.push(
            file,
            path,
            'failed',
            `Could not ask the server which file types it accepts: ${messageOf(error)}`,
          );
        }
        return;
      }
      const { media, skipped } = classifyFiles(picked, types);
      for (const m of media) this.push(m.file, m.path, 'pending', undefined, m.sidecar);
      for (const s of skipped) this.push(s.file, s.path, 'skipped', s.reason);
      for (const u of unreadable) {
        const name = u.path.split('/').pop() ?? u.path;
        this.push(
          new File([], name),
          u.path,
          'failed',
          `Could not read the file: ${u.message}`,
          undefined,
          true,
        );
      }
    } finally {
      this.classifying--;
      this.changed();
      this.pump();
    }
  }

  cancel(id: number): void {
    const item = this.byId.get(id);
    if (item) this.cancelItem(item);
    this.changed();
    this.pump();
  }

  cancelAll(): void {
    for (const item of this.items) this.cancelItem(item);
    this.changed();
    this.pump();
  }

  /** Puts a failed or cancelled file back to work, from the step it stopped at. */
  retry(id: number): void {
    const item = this.byId.get(id);
    if (item) this.retryItem(item);
    this.changed();
    this.pump();
  }

  retryAllFailed(): void {
    for (const item of this.items) if (item.state === 'failed') this.retryItem(item);
    this.changed();
    this.pump();
  }

  /** Removes the files that reached a final state from the list. */
  clearFinished(): void {
    const keep = this.items.filter((item) => !FINAL_STATES.has(item.state));
    for (const item of this.items) if (FINAL_STATES.has(item.state)) this.counts[item.state]--;
    this.items.length = 0;
    for (const item of keep) this.items.push(item);
    this.byId.clear();
    for (const item of keep) this.byId.set(item.id, item);
    this.sentFinished = 0;
    this.speedSamples = [];
    this.changed();
  }

  dispose(): void {
    this.cancelAll();
    clearTimeout(this.retryTimer);
    clearTimeout(this.notifyTimer);
    this.listeners.clear();
  }

  // ---- internals ----------------------------------------------------------

  private loadMediaTypes(): Promise<MediaTypes> {
    this.mediaTypes ??= this.opts.port.mediaTypes();
    return this.mediaTypes;
  }

  private push(
    file: File,
    path: string,
    state: UploadState,
    message?: string,
    sidecar?: File,
    unreadable?: boolean,
  ) {
    const item: UploadItem = {
      unreadable,
      id: this.nextId++,
      file,
      path,
      size: file.size,
      sidecar,
      deviceAssetId: deviceAssetIdOf(file),
      state,
      progressBytes: 0,
      message,
      attempts: 0,
      existChecked: false,
    };
    this.items.push(item);
    this.byId.set(item.id, item);
    this.counts[state]++;
    if (!FINAL_STATES.has(state)) this.unfinished++;
    if (state === 'pending') this.toExistCheck.push(item);
  }

  /** Every state change goes through here, to keep the count of unfinished items. */
  private setState(item: UploadItem, state: UploadState) {
    const wasFinal = FINAL_STATES.has(item.state);
    const isFinal = FINAL_STATES.has(state);
    if (wasFinal && !isFinal) this.unfinished++;
    if (!wasFinal && isFinal) this.unfinished--;
    this.counts[item.state]--;
    this.counts[state]++;
    item.state = state;
  }

  private cancelItem(item: UploadItem) {
    if (FINAL_STATES.has(item.state)) return;
    item.controller?.abort(new DOMException('Cancelled', 'AbortError'));
    item.controller = undefined;
    const queued = this.toCheck.indexOf(item);
    if (queued >= 0) this.toCheck.splice(queued, 1);
    this.setState(item, 'cancelled');
    item.message = undefined;
    item.progressBytes = 0;
    item.retryAt = undefined;
  }

  private retryItem(item: UploadItem) {
    if ((item.state !== 'failed' && item.state !== 'cancelled') || item.unreadable) return;
    item.attempts = 0;
    item.message = undefined;
    item.progressBytes = 0;
    item.retryAt = undefined;
    // Back to the first step not yet done.
    if (item.checksum) {
      this.setState(item, 'waiting');
      this.toUpload.push(item);
    } else {
      this.setState(item, 'pending');
      (item.existChecked ? this.toHash : this.toExistCheck).push(item);
    }
  }

  private set(item: UploadItem, state: UploadState, message?: string) {
    this.setState(item, state);
    if (state === 'waiting') {
      if (item.retryAt !== undefined) this.delayed.push(item);
      else this.toUpload.push(item);
    }
    item.message = message;
    if (FINAL_STATES.has(state)) {
      item.controller = undefined;
      item.retryAt = undefined;
      if (state !== 'done') item.progressBytes = 0;
    }
    this.changed();
  }

  private changed() {
    this.version++;
    if (this.notifyTimer !== undefined) return;
    // Coalesce bursts (hundreds of progress events a second) into a few renders.
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      for (const listener of [...this.listeners]) listener();
    }, 100);
  }

  /** Starts every piece of work the limits allow; called after each change. */
  private pump() {
    const { opts } = this;
    // 1. Fast path: one exist check at a time, for the pending files not yet checked.
    if (this.existInFlight === 0 && this.toExistCheck.size > 0) {
      const batch: UploadItem[] = [];
      while (batch.length < opts.existBatchSize) {
        const item = this.toExistCheck.shift();
        if (!item) break;
        if (item.state === 'pending' && !item.existChecked) batch.push(item);
      }
      if (batch.length > 0) void this.runExistCheck(batch);
    }
    // 2. Hashing, in queue order.
    while (this.hashesInFlight < opts.hashConcurrency) {
      const item = this.toHash.shift();
      if (!item) break;
      if (item.state === 'pending') void this.runHash(item);
    }
    // 3. Bulk check: one request at a time, sent when a batch is full, when no more
    //    checksums are coming, or when the oldest has waited CHECK_WAIT_MS.
    if (this.checkInFlight === 0 && this.toCheck.length > 0) {
      const now = opts.now();
      const moreComing = this.counts.pending + this.counts.hashing > 0;
      const due = this.toCheckSince + CHECK_WAIT_MS;
      if (this.checkRetryAt > now) this.wakeAt(this.checkRetryAt);
      else if (this.toCheck.length >= opts.checkBatchSize || !moreComing || due <= now) {
        void this.runCheck(this.toCheck.splice(0, opts.checkBatchSize));
        this.toCheckSince = now;
      } else this.wakeAt(due);
    }
    // 4. Uploads: retries whose time has come first, then the others in order.
    if (this.delayed.length > 0) {
      const now = opts.now();
      const due = this.delayed.filter((i) => i.state === 'waiting' && i.retryAt! <= now);
      this.delayed = this.delayed.filter((i) => i.state === 'waiting' && i.retryAt! > now);
      for (const item of due) {
        if (this.uploadsInFlight < opts.concurrency) void this.runUpload(item);
        else {
          item.retryAt = undefined;
          this.toUpload.push(item);
        }
      }
      if (this.delayed.length > 0) this.wakeAt(Math.min(...this.delayed.map((i) => i.retryAt!)));
    }
    while (this.uploadsInFlight < opts.concurrency) {
      const item = this.toUpload.shift();
      if (!item) break;
      if (item.state === 'waiting' && item.retryAt === undefined) void this.runUpload(item);
    }
    this.maybeSettled();
  }

  /** Runs `pump` again at `at` (the earliest of the times asked for wins). */
  private wakeAt(at: number) {
    if (this.retryTimer !== undefined && this.wakeTime <= at) return;
    clearTimeout(this.retryTimer);
    this.wakeTime = at;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.pump();
      },
      Math.max(0, at - this.opts.now()),
    );
  }

  private async runExistCheck(batch: UploadItem[]) {
    this.existInFlight++;
    let existing = new Set<string>();
    try {
      existing = new Set(
        await this.opts.port.checkExisting(
          batch.map((i) => i.deviceAssetId),
          this.opts.deviceId,
        ),
      );
    } catch {
      // The fast path is an optimisation: without it every file is hashed and checked.
    }
    this.existInFlight--;
    for (const item of batch) {
      item.existChecked = true;
      if (item.state !== 'pending') continue;
      if (existing.has(item.deviceAssetId)) {
        this.set(item, 'duplicate', 'Already uploaded from this browser');
      } else {
        this.toHash.push(item);
      }
    }
    this.changed();
    this.pump();
  }

  private async runHash(item: UploadItem) {
    this.hashesInFlight++;
    const controller = new AbortController();
    item.controller = controller;
    item.progressBytes = 0;
    this.set(item, 'hashing');
    if (this.run) this.run.hashStart ??= performance.now();
    try {
      const checksum = await this.opts.hasher.hash(item.file, {
        signal: controller.signal,
        onProgress: (bytes) => {
          item.progressBytes = bytes;
          this.changed();
        },
      });
      if (this.run) {
        this.run.hashEnd = performance.now();
        this.run.hashed += item.size;
      }
      if (item.state === 'hashing' && item.controller === controller) {
        item.checksum = checksum;
        item.controller = undefined;
        item.progressBytes = 0;
        this.set(item, 'checking');
        if (this.toCheck.length === 0) this.toCheckSince = this.opts.now();
        this.toCheck.push(item);
      }
    } catch (error) {
      if (item.state === 'hashing' && item.controller === controller) {
        this.set(item, 'failed', `Could not read the file: ${messageOf(error)}`);
      }
    } finally {
      this.hashesInFlight--;
      this.pump();
    }
  }

  private async runCheck(batch: UploadItem[]) {
    this.checkInFlight++;
    const byKey = new Map(batch.map((item) => [String(item.id), item]));
    try {
      const results = await this.opts.port.checkBulk(
        batch.map((item) => ({ id: String(item.id), checksum: item.checksum! })),
      );
      this.checkAttempts = 0;
      for (const result of results) {
        const item = byKey.get(result.id);
        if (!item || item.state !== 'checking') continue;
        byKey.delete(result.id);
        if (result.action === 'accept') {
          this.set(item, 'waiting');
        } else if (result.reason === 'unsupported-format') {
          this.set(item, 'skipped', 'The server does not accept this file type');
        } else {
          item.assetId = result.assetId;
          this.set(
            item,
            'duplicate',
            result.isTrashed ? 'Already in the library (in the trash)' : 'Already in the library',
          );
        }
      }
      // Anything the server did not answer for is uploaded: POST /assets still de-duplicates.
      for (const item of byKey.values()) if (item.state === 'checking') this.set(item, 'waiting');
    } catch (error) {
      this.checkAttempts++;
      if (isRetryable(error) && this.checkAttempts < this.opts.maxAttempts) {
        this.toCheck.unshift(...batch.filter((i) => i.state === 'checking'));
        this.checkRetryAt = this.opts.now() + this.opts.retryDelayMs(this.checkAttempts);
      } else {
        // Checking is an optimisation too: upload, and let the server report duplicates.
        this.checkAttempts = 0;
        for (const item of batch) if (item.state === 'checking') this.set(item, 'waiting');
      }
    } finally {
      this.checkInFlight--;
      this.changed();
      this.pump();
    }
  }

  private async runUpload(item: UploadItem) {
    this.uploadsInFlight++;
    const controller = new AbortController();
    item.controller = controller;
    item.attempts++;
    item.retryAt = undefined;
    item.progressBytes = 0;
    this.set(item, 'uploading');
    const { file } = item;
    const modified = new Date(file.lastModified || Date.now()).toISOString();
    try {
      const response = await this.opts.port.upload(
        {
          file,
          sidecar: item.sidecar,
          deviceAssetId: item.deviceAssetId,
          deviceId: this.opts.deviceId,
          checksum: item.checksum,
          fileCreatedAt: modified,
          fileModifiedAt: modified,
          filename: file.name,
        },
        (sent) => {
          if (item.controller !== controller) return;
          item.progressBytes = Math.min(sent, item.size);
          this.changed();
        },
        controller.signal,
      );
      if (item.controller !== controller) return;
      item.assetId = response.id;
      this.sentFinished += item.size;
      if (this.run) this.run.sent += item.size;
      item.progressBytes = item.size;
      if (response.status === 'duplicate' && item.attempts === 1) {
        this.set(item, 'duplicate', 'Already in the library');
      } else {
        // A duplicate on a later attempt is this file's own earlier attempt, which reached the server.
        this.set(item, 'done');
        this.createdSinceRefresh++;
      }
    } catch (error) {
      if (item.controller !== controller) return;
      if (isAbort(error) || controller.signal.aborted) {
        this.set(item, 'cancelled');
      } else if (isRetryable(error) && item.attempts < this.opts.maxAttempts) {
        item.controller = undefined;
        item.progressBytes = 0;
        item.retryAt = this.opts.now() + this.opts.retryDelayMs(item.attempts);
        this.set(
          item,
          'waiting',
          `${messageOf(error)} Retrying (attempt ${item.attempts + 1} of ${this.opts.maxAttempts})…`,
        );
      } else {
        this.set(item, 'failed', messageOf(error));
      }
    } finally {
      this.uploadsInFlight--;
      this.maybeRefresh();
      this.pump();
    }
  }

  private maybeRefresh() {
    if (this.createdSinceRefresh === 0) return;
    const now = this.opts.now();
    if (now - this.lastRefresh >= this.opts.refreshIntervalMs) this.refresh(now);
  }

  private refresh(now: number) {
    this.createdSinceRefresh = 0;
    this.lastRefresh = now;
    this.opts.onAssetsChanged?.();
  }

  private maybeSettled() {
    if (this.isActive) return;
    if (this.createdSinceRefresh > 0) this.refresh(this.opts.now());
    this.recordRun();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Leaves the finished run's figures as User Timing measures ('lightbox-upload',
   * 'lightbox-upload-hash', bytes in `detail`), which the upload benchmark reads.
   */
  private recordRun() {
    const run = this.run;
    this.run = undefined;
    if (!run || typeof performance.measure !== 'function') return;
    try {
      const end = performance.now();
      performance.measure('lightbox-upload', {
        start: run.start,
        end,
        detail: { files: run.files, bytes: run.sent },
      });
      if (run.hashStart !== undefined && run.hashEnd !== undefined) {
        performance.measure('lightbox-upload-hash', {
          start: run.hashStart,
          end: run.hashEnd,
          detail: { bytes: run.hashed },
        });
      }
    } catch {
      // Timing is informative only.
    }
  }

  private totals(): UploadTotals {
    const byState = emptyByState();
    let bytesTotal = 0;
    let bytesSent = 0;
    for (const item of this.items) {
      byState[item.state]++;
      // Bytes still to send: failed files come back in when retried.
      if (
        item.state === 'skipped' ||
        item.state === 'duplicate' ||
        item.state === 'cancelled' ||
        item.state === 'failed'
      )
        continue;
      bytesTotal += item.size;
      if (item.state === 'done') bytesSent += item.size;
      else if (item.state === 'uploading') bytesSent += item.progressBytes;
    }
    const finished =
      byState.done + byState.duplicate + byState.skipped + byState.failed + byState.cancelled;
    const bytesPerSecond = this.speed();
    const left = bytesTotal - bytesSent;
    return {
      files: this.items.length,
      finished,
      byState,
      bytesTotal,
      bytesSent,
      bytesPerSecond,
      secondsLeft: bytesPerSecond > 0 ? left / bytesPerSecond : undefined,
      active: this.isActive,
      preparing: this.classifying > 0,
    };
  }

  /** Average send rate over the last 5 seconds of samples. */
  private speed(): number {
    const now = this.opts.now();
    let moving = this.sentFinished;
    for (const item of this.items) if (item.state === 'uploading') moving += item.progressBytes;
    const samples = this.speedSamples;
    samples.push({ at: now, bytes: moving });
    while (samples.length > 2 && now - samples[0]!.at > 5000) samples.shift();
    const first = samples[0]!;
    const seconds = (now - first.at) / 1000;
    if (seconds < 0.5 || this.uploadsInFlight === 0) return 0;
    return Math.max(0, (moving - first.bytes) / seconds);
  }
}
