import { hashFile } from './hash-file';
import type { HashRequest, HashResponse } from './hash-protocol';

export interface HashJobOptions {
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

/** Computes hex SHA-1 checksums of files. */
export interface Hasher {
  hash(file: Blob, options?: HashJobOptions): Promise<string>;
  dispose(): void;
}

interface Job {
  id: number;
  file: Blob;
  options: HashJobOptions;
  resolve: (checksum: string) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

/** How many hashing workers to run: one per core, leaving one for the page and the uploads. */
export const defaultHashWorkers = (): number =>
  Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));

const abortError = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('Hashing was cancelled', 'AbortError');

/**
 * A pool of Web Workers, each hashing one file at a time; further files wait
 * in order. Workers start on first use and stop after a while without work.
 */
export function createWorkerHasher(
  size = defaultHashWorkers(),
  spawn: () => Worker = () =>
    new Worker(new URL('./hash-worker.ts', import.meta.url), {
      type: 'module',
      name: 'lightbox-hash',
    }),
  idleMs = 15_000,
): Hasher {
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const finish = (slot: Slot) => {
    slot.job = undefined;
    pump();
  };

  const startSlot = (): Slot => {
    const slot: Slot = { worker: spawn() };
    slot.worker.onmessage = (event: MessageEvent<HashResponse>) => {
      const message = event.data;
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      if (message.type === 'progress') {
        job.options.onProgress?.(message.bytes);
        return;
      }
      if (message.type === 'done') {
        job.options.onProgress?.(job.file.size);
        job.resolve(message.checksum);
      } else if (message.cancelled && job.options.signal) {
        job.reject(abortError(job.options.signal));
      } else {
        job.reject(new Error(message.message));
      }
      finish(slot);
    };
    slot.worker.onerror = (event: ErrorEvent) => {
      // The worker itself failed (script did not load, out of memory): replace it.
      event.preventDefault();
      slot.job?.reject(new Error(`The hashing worker failed: ${event.message || 'unknown error'}`));
      slot.worker.terminate();
      slots.splice(slots.indexOf(slot), 1);
      pump();
    };
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (waiting.length > 0) {
      const job = waiting[0]!;
      if (job.options.signal?.aborted) {
        waiting.shift();
        job.reject(abortError(job.options.signal));
        continue;
      }
      const slot = slots.find((s) => !s.job) ?? (slots.length < size ? startSlot() : undefined);
      if (!slot) break;
      waiting.shift();
      slot.job = job;
      const request: HashRequest = { type: 'hash', id: job.id, file: job.file };
      slot.worker.postMessage(request);
    }
    clearTimeout(idleTimer);
    if (slots.every((s) => !s.job)) {
      idleTimer = setTimeout(() => {
        for (const slot of slots.splice(0)) slot.worker.terminate();
      }, idleMs);
    }
  };

  return {
    hash(file, options = {}) {
      return new Promise<string>((resolve, reject) => {
        const { signal } = options;
        if (signal?.aborted) {
          reject(abortError(signal));
          return;
        }
        const job: Job = { id: nextId++, file, options, resolve, reject };
        signal?.addEventListener(
          'abort',
          () => {
            const queued = waiting.indexOf(job);
            if (queued >= 0) {
              waiting.splice(queued, 1);
              reject(abortError(signal));
              return;
            }
            const slot = slots.find((s) => s.job === job);
            if (slot) {
              const cancel: HashRequest = { type: 'cancel', id: job.id };
              slot.worker.postMessage(cancel);
            }
          },
          { once: true },
        );
        waiting.push(job);
        pump();
      });
    },
    dispose() {
      clearTimeout(idleTimer);
      for (const slot of slots.splice(0)) {
        slot.job?.reject(new DOMException('Hashing was stopped', 'AbortError'));
        slot.worker.terminate();
      }
      for (const job of waiting.splice(0)) {
        job.reject(new DOMException('Hashing was stopped', 'AbortError'));
      }
    },
  };
}

/** Hashing on the calling thread: for environments without Web Workers (unit tests). */
export function createInlineHasher(): Hasher {
  return {
    hash: (file, options = {}) => hashFile(file, { ...options, subtle: globalThis.crypto?.subtle }),
    dispose: () => undefined,
  };
}

export const createHasher = (): Hasher =>
  typeof Worker === 'undefined' ? createInlineHasher() : createWorkerHasher();
