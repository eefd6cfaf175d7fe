/**
 * A first-in-first-out work queue that runs at most `concurrency` tasks at once. Tasks get an
 * AbortSignal; `close()` aborts the running ones, drops the waiting ones and waits for all of
 * them to settle, so no child process outlives it.
 */
export class ClosedError extends Error {
  constructor() {
    super('The media queue is closed');
    this.name = 'ClosedError';
  }
}

type Task<T> = (signal: AbortSignal) => Promise<T>;

interface Entry {
  start: () => void;
  cancel: () => void;
}

export class WorkQueue {
  private readonly waiting: Entry[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running.size, waiting: this.waiting.length };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `task` when a slot is free. Rejects with ClosedError if the queue closes first. */
  run<T>(task: Task<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ClosedError());
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        start: () => {
          const running = Promise.resolve()
            .then(() => task(this.abort.signal))
            .then(resolve, reject);
          this.running.add(running);
          void running.finally(() => {
            this.running.delete(running);
            this.next();
          });
        },
        cancel: () => reject(new ClosedError()),
      };
      this.waiting.push(entry);
      this.next();
    });
  }

  private next(): void {
    while (!this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      this.waiting.shift()?.start();
    }
    if (this.running.size === 0 && this.waiting.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops taking work. With `drain`, lets every queued task finish first; otherwise drops the
   * waiting tasks (their promises reject with ClosedError) and aborts the running ones. Resolves
   * when no task is running.
   */
  async close(options: { drain?: boolean } = {}): Promise<void> {
    if (options.drain) {
      // Keep accepting from the chains already in flight until the queue runs dry.
      await this.idle();
    }
    this.closed = true;
    const dropped = this.waiting.splice(0);
    for (const entry of dropped) entry.cancel();
    this.abort.abort(new ClosedError());
    await Promise.allSettled([...this.running]);
    this.next();
  }
}
