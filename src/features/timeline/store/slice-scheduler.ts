/**
 * Runs long jobs (the layout of a huge month) in slices of a few milliseconds, one slice
 * per macrotask, so input and paint are never held up. The job with the lowest priority
 * value (distance to the viewport) goes first.
 */
export interface SliceScheduler {
  schedule(key: object, priority: () => number, run: (budgetMs: number) => boolean): void;
  cancel(key: object): void;
  readonly pending: number;
}

interface Job {
  priority: () => number;
  run: (budgetMs: number) => boolean;
}

export function createSliceScheduler(budgetMs = 6): SliceScheduler {
  const jobs = new Map<object, Job>();
  let queued = false;
  let post: () => void;
  if (typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => tick();
    post = () => channel.port2.postMessage(null);
  } else {
    post = () => setTimeout(tick, 0);
  }

  function request(): void {
    if (queued || jobs.size === 0) return;
    queued = true;
    post();
  }

  function tick(): void {
    queued = false;
    const deadline = performance.now() + budgetMs;
    while (jobs.size > 0) {
      let bestKey: object | null = null;
      let best: Job | null = null;
      let bestPriority = Infinity;
      for (const [key, job] of jobs) {
        const p = job.priority();
        if (best === null || p < bestPriority) {
          bestKey = key;
          best = job;
          bestPriority = p;
        }
      }
      if (!best || !bestKey) break;
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      if (best.run(remaining)) jobs.delete(bestKey);
    }
    request();
  }

  return {
    schedule(key, priority, run) {
      jobs.set(key, { priority, run });
      request();
    },
    cancel(key) {
      jobs.delete(key);
    },
    get pending() {
      return jobs.size;
    },
  };
}

/** A scheduler that only runs when told to: for tests. */
export function createManualScheduler(): SliceScheduler & { flush(budgetMs?: number): number } {
  const jobs = new Map<object, Job>();
  return {
    schedule(key, priority, run) {
      jobs.set(key, { priority, run });
    },
    cancel(key) {
      jobs.delete(key);
    },
    get pending() {
      return jobs.size;
    },
    flush(budgetMs = Infinity) {
      let slices = 0;
      while (jobs.size > 0) {
        const [key, job] = [...jobs].sort((a, b) => a[1].priority() - b[1].priority())[0] ?? [];
        if (!key || !job) break;
        slices++;
        if (job.run(budgetMs)) jobs.delete(key);
      }
      return slices;
    },
  };
}
