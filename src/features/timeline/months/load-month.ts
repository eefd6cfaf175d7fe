import { ApiError, getApiConfig, reportApiError } from '@/api/client';
import { getTimeBucket, type TimelineFilter } from '@/api/timeline';
import { fromWire, packBucket, type AssetFilter, type PackedMonth } from './packed-month';
import type { MonthRequest, MonthResponse } from './month-protocol';

/**
 * Months with at least this many assets are fetched and parsed in a worker. Smaller ones
 * (a 4,000-asset answer is under 1 MB and parses in a few ms) load on the main thread,
 * which saves the worker's start-up on the first screen.
 */
export const WORKER_THRESHOLD = 4_000;

interface Pending {
  resolve: (month: PackedMonth) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
/** Set when the worker could not start or crashed: the main thread does the work from then on. */
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return null;
  try {
    worker = new Worker(new URL('./month-worker.ts', import.meta.url), {
      type: 'module',
      name: 'lightbox-timeline',
    });
  } catch {
    return null;
  }
  worker.onmessage = (event: MessageEvent<MonthResponse>) => {
    const message = event.data;
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    if (message.type === 'done') {
      job.resolve(fromWire(message.month));
    } else if (message.status < 0) {
      job.reject(new Error(message.messages.join('; ')));
    } else {
      job.reject(
        reportApiError(
          new ApiError({
            status: message.status,
            operation: message.operation,
            messages: message.messages,
            body: message.body,
          }),
        ),
      );
    }
  };
  worker.onerror = (event) => {
    // The worker failed to start or crashed: fail what it had, and use the main thread from now on.
    event.preventDefault();
    for (const job of pending.values())
      job.reject(new Error(`Timeline worker failed: ${event.message}`));
    pending.clear();
    worker?.terminate();
    worker = null;
    workerBroken = true;
  };
  return worker;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The month was cancelled', 'AbortError');
}

function loadInWorker(
  w: Worker,
  filter: TimelineFilter,
  timeBucket: string,
  keep: AssetFilter,
  signal?: AbortSignal,
): Promise<PackedMonth> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const id = nextId++;
    const onAbort = () => {
      if (!pending.delete(id)) return;
      w.postMessage({ type: 'cancel', id } satisfies MonthRequest);
      reject(abortReason(signal as AbortSignal));
    };
    pending.set(id, {
      resolve: (month) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(month);
      },
      reject: (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    const api = getApiConfig();
    w.postMessage({
      type: 'load',
      id,
      api: { baseUrl: absoluteBase(api.baseUrl), headers: { ...api.headers } },
      filter,
      timeBucket,
      keep,
    } satisfies MonthRequest);
  });
}

/** A worker resolves relative URLs against its script: hand it the page's absolute API URL. */
function absoluteBase(baseUrl: string): string {
  try {
    return new URL(baseUrl, globalThis.location?.href).href.replace(/\/+$/, '');
  } catch {
    return baseUrl;
  }
}

/**
 * One month of a timeline view, sorted into days and packed. `expectedCount` (from the
 * bucket list) decides whether the work happens in a worker.
 */
export async function loadMonth(
  filter: TimelineFilter,
  timeBucket: string,
  keep: AssetFilter,
  expectedCount: number,
  signal?: AbortSignal,
): Promise<PackedMonth> {
  const w = expectedCount >= WORKER_THRESHOLD && !workerBroken ? getWorker() : null;
  if (w) return loadInWorker(w, filter, timeBucket, keep, signal);
  const dto = await getTimeBucket({ ...filter, timeBucket }, signal);
  return packBucket(timeBucket, dto, keep);
}
