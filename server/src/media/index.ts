/**
 * The media room: everything the server does to an asset after its original is safely stored
 * (metadata, thumbnails, previews, thumbhash, full-size JPEGs, video posters and transcodes).
 * It runs off the request path in a bounded queue; the server learns the outcome through
 * `onResult` and maps it onto the asset.
 *
 * ```ts
 * const media = new MediaService({ paths, onResult: (r) => assets.applyMediaResult(r) });
 * void media.enqueue(job);                  // after upload: do everything that applies
 * await media.enqueue(job, ['metadata']);   // POST /assets/jobs refresh-metadata
 * await media.close();                      // on shutdown: cancels waiting jobs, stops ffmpeg
 * ```
 */
import os from 'node:os';
import type { StoragePaths } from '../storage/paths.ts';
import { ClosedError, WorkQueue } from './queue.ts';
import {
  DEFAULT_TOOLS,
  detectCapabilities,
  emptyResult,
  processJob,
  type MediaCapabilities,
  type MediaTools,
  type ProcessContext,
} from './process.ts';
import type { DecoderPreference } from './decoders.ts';
import type { MediaJob, MediaKind, MediaResult } from './types.ts';

export type { AssetKind, ExifFields, MediaJob, MediaKind, MediaResult } from './types.ts';
export { ALL_MEDIA_KINDS } from './types.ts';
export { PREVIEW_SIZE, THUMBNAIL_SIZE } from './image.ts';
export type { MediaCapabilities, MediaTools } from './process.ts';
export { TRANSCODE_MAX_SHORT_SIDE } from './video.ts';

export interface MediaServiceOptions {
  /** Where thumbnails, previews, full-size JPEGs and encoded videos go. */
  paths: StoragePaths;
  /** How many jobs run at once; defaults to the number of cores. */
  concurrency?: number;
  /**
   * Called once per finished job, before `enqueue`'s promise resolves (so awaiting `enqueue`
   * means the server has stored the result). Not called for jobs cancelled by `close()`.
   * An error it throws goes to `onError` and does not affect other jobs.
   */
  onResult: (result: MediaResult) => void | Promise<void>;
  /** Errors outside a job's own result (a failing onResult). Defaults to console.error. */
  onError?: (error: unknown, assetId: string) => void;
  /** Programs to use instead of ffmpeg, ffprobe, heif-convert and djxl on the PATH. */
  tools?: Partial<MediaTools>;
  /**
   * 'auto' (default) decodes HEIC and JPEG XL with heif-convert / djxl when installed, else with
   * the WebAssembly decoders; 'wasm' always uses the WebAssembly decoders.
   */
  decoders?: DecoderPreference;
}

/** What each asset type gets when `enqueue` is given no list. */
export function defaultKinds(type: MediaJob['type']): MediaKind[] {
  switch (type) {
    case 'IMAGE':
      return ['metadata', 'thumbnails'];
    case 'VIDEO':
      return ['metadata', 'thumbnails', 'transcode'];
    default:
      return ['metadata'];
  }
}

export class MediaService {
  private readonly queue: WorkQueue;
  /** The latest job of each asset; a new job for an asset waits for the previous one. */
  private readonly latest = new Map<string, Promise<MediaResult>>();
  private readonly chains = new Set<Promise<unknown>>();
  private readonly context: ProcessContext;
  private detected: Promise<MediaCapabilities> | undefined;

  constructor(private readonly options: MediaServiceOptions) {
    this.queue = new WorkQueue(options.concurrency ?? os.availableParallelism());
    const tools = { ...DEFAULT_TOOLS, ...options.tools };
    this.context = {
      paths: options.paths,
      tools,
      capabilities: () => {
        this.detected ??= detectCapabilities(tools, options.decoders ?? 'auto');
        return this.detected;
      },
    };
  }

  /**
   * What this machine can do (video via ffmpeg, how HEIC and JPEG XL are decoded), found once.
   * `warnings` lists what it cannot do, for the server to log at start.
   */
  capabilities(): Promise<MediaCapabilities> {
    return this.context.capabilities();
  }

  /**
   * Queues `kinds` of work (default: all that applies to the type) and returns at once; the
   * promise resolves with the result after `onResult` has run. It never rejects: a failed job
   * resolves with `ok: false` and the error; a job cancelled by `close()` resolves with
   * `ok: false`, `error: 'cancelled…'`. Jobs of one asset run one after the other, in order.
   * Throws if the service is closed.
   */
  enqueue(job: MediaJob, kinds: MediaKind[] = defaultKinds(job.type)): Promise<MediaResult> {
    if (this.queue.isClosed) throw new ClosedError();
    const unique = [...new Set(kinds)];
    const previous = this.latest.get(job.assetId);
    const run = async (): Promise<MediaResult> => {
      if (previous) await previous;
      let result: MediaResult;
      try {
        result = await this.queue.run((signal) => processJob(job, unique, this.context, signal));
      } catch (error) {
        const cancelled = emptyResult(job, unique);
        cancelled.ok = false;
        cancelled.error =
          error instanceof ClosedError || this.queue.isClosed
            ? 'cancelled: the media service was closed'
            : `failed: ${error instanceof Error ? error.message : String(error)}`;
        if (this.queue.isClosed) return cancelled;
        result = cancelled;
      }
      try {
        await this.options.onResult(result);
      } catch (error) {
        (this.options.onError ?? defaultOnError)(error, job.assetId);
      }
      return result;
    };
    const promise = run();
    this.latest.set(job.assetId, promise);
    this.chains.add(promise);
    void promise.finally(() => {
      this.chains.delete(promise);
      if (this.latest.get(job.assetId) === promise) this.latest.delete(job.assetId);
    });
    return promise;
  }

  /** The outcome of the asset's latest queued or running job, or undefined when none is. */
  pending(assetId: string): Promise<MediaResult> | undefined {
    return this.latest.get(assetId);
  }

  /** Resolves when every job queued so far (and any queued meanwhile) has finished. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) {
      await Promise.allSettled([...this.chains]);
    }
  }

  /**
   * Stops the service: waiting jobs are cancelled, running ones are aborted (their ffmpeg
   * processes killed and partial files removed), and it resolves when all have settled.
   * Call `idle()` first to finish the work instead.
   */
  async close(): Promise<void> {
    await this.queue.close();
    await Promise.allSettled([...this.chains]);
  }
}

function defaultOnError(error: unknown, assetId: string): void {
  console.error(`media: storing the result for asset ${assetId} failed`, error);
}
