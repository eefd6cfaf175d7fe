// Sending a large selection in parts: PUT /assets, DELETE /assets and the trash/jobs calls take
// ids in a JSON body, and 10,000 ids in one request is slow to validate and easy to lose whole.
// Each part is a separate request; progress is reported after each; a failure part-way says
// exactly which assets were changed and which were not.

/** Ids per request. */
export const BATCH_SIZE = 1000;

export interface BatchProgress {
  /** Assets whose request has succeeded. */
  done: number;
  total: number;
}

/** Splits `items` into parts of at most `size`, in order. */
export function chunk<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Bad batch size: ${size}`);
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/** A batched action that failed after some of its parts were applied. */
export class PartialBatchError extends Error {
  /** The ids whose request succeeded (changed on the server). */
  readonly applied: string[];
  /** The ids that were not changed (the failed part and those after it). */
  readonly notApplied: string[];
  override readonly cause: unknown;

  constructor(applied: string[], notApplied: string[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const total = applied.length + notApplied.length;
    super(
      applied.length === 0
        ? reason
        : `${reason} — ${applied.length.toLocaleString()} of ${total.toLocaleString()} were changed; ` +
            `the other ${notApplied.length.toLocaleString()} were not.`,
    );
    this.name = 'PartialBatchError';
    this.applied = applied;
    this.notApplied = notApplied;
    this.cause = cause;
  }
}

export interface BatchOptions {
  size?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

/**
 * Calls `send` for each part of `ids`, one after another. Resolves when all parts succeeded;
 * otherwise rejects with a PartialBatchError naming what was applied.
 */
export async function runInBatches(
  ids: readonly string[],
  send: (batch: string[], signal?: AbortSignal) => Promise<unknown>,
  { size = BATCH_SIZE, signal, onProgress }: BatchOptions = {},
): Promise<void> {
  const parts = chunk(ids, size);
  let done = 0;
  onProgress?.({ done, total: ids.length });
  for (const part of parts) {
    try {
      signal?.throwIfAborted();
      await send(part, signal);
    } catch (error) {
      throw new PartialBatchError(ids.slice(0, done), ids.slice(done), error);
    }
    done += part.length;
    onProgress?.({ done, total: ids.length });
  }
}
