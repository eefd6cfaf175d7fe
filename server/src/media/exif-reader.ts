import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * exifr, run in a worker thread. Some damaged files send exifr's parsers into an endless loop
 * (a HEIF box of size zero does); on the main thread that would freeze the whole server. Here a
 * call that takes longer than `timeoutMs` (counted once the worker is running, so a slow start
 * on a busy machine does not count) ends the worker, fails, and the next call starts a fresh
 * one. The worker does not keep the process alive.
 */

type Input = string | Uint8Array;
type Mode = 'parse' | 'sidecar';

interface Pending {
  worker: Worker;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const exifr = require(workerData.exifr);
parentPort.on('message', async ({ id, mode, input, options }) => {
  try {
    const result = mode === 'sidecar'
      ? await exifr.sidecar(input, options, 'xmp')
      : await exifr.parse(input, options);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

export class ExifReader {
  private worker: Worker | null = null;
  private online: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly timeoutMs = 15_000) {}

  parse(input: Input, options: object): Promise<unknown> {
    return this.call('parse', input, options);
  }

  sidecar(input: Input, options: object): Promise<unknown> {
    return this.call('sidecar', input, options);
  }

  /** Ends the worker; calls in flight fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    this.failAll(worker, new Error('the metadata reader was closed'));
    await worker.terminate();
  }

  private start(): Worker {
    const exifrPath = createRequire(import.meta.url).resolve('exifr');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { exifr: exifrPath } });
    worker.unref();
    this.online = new Promise((resolve) => worker.once('online', () => resolve()));
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      clearTimeout(call.timer);
      if (message.error !== undefined) call.reject(new Error(message.error));
      else call.resolve(message.result);
    });
    const onGone = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(worker, error);
    };
    worker.on('error', onGone);
    worker.on('exit', (code) => onGone(new Error(`the metadata reader stopped (exit ${code})`)));
    return worker;
  }

  private call(mode: Mode, input: Input, options: object): Promise<unknown> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const call: Pending = { worker, resolve, reject };
      this.pending.set(id, call);
      worker.postMessage({ id, mode, input, options });
      void this.online.then(() => {
        if (this.pending.get(id) !== call) return;
        call.timer = setTimeout(() => {
          // The worker is stuck: end it, with every call it holds.
          if (this.worker === worker) this.worker = null;
          this.failAll(
            worker,
            new Error(`reading the metadata took longer than ${this.timeoutMs / 1000} s`),
          );
          void worker.terminate();
        }, this.timeoutMs);
        call.timer.unref();
      });
    });
  }

  /** Fails the calls held by one worker. */
  private failAll(worker: Worker, error: Error): void {
    for (const [id, call] of this.pending) {
      if (call.worker !== worker) continue;
      clearTimeout(call.timer);
      call.reject(error);
      this.pending.delete(id);
    }
  }
}
