// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { createInlineHasher, type Hasher } from '../hashing/hash-pool';
import type { MediaTypes, PickedFile } from './classify';
import {
  UploadQueue,
  type CheckResult,
  type UploadPort,
  type UploadQueueOptions,
  type UploadRequest,
} from './upload-queue';

const TYPES: MediaTypes = { image: ['.jpg', '.png'], video: ['.mp4'], sidecar: ['.xmp'] };
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const file = (name: string, content = `content of ${name}`, lastModified = 1_700_000_000_000) =>
  new File([content], name, { lastModified });
const picked = (...files: File[]): PickedFile[] => files.map((f) => ({ file: f, path: f.name }));
const apiError = (status: number, message: string) =>
  new ApiError({ status, operation: 'uploadAsset', messages: [message] });

/** An in-memory stand-in for the server, recording every call. */
class FakeServer implements UploadPort {
  existing = new Set<string>();
  checksums = new Map<string, string>();
  uploads: UploadRequest[] = [];
  checkCalls: { id: string; checksum: string }[][] = [];
  existCalls: string[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Errors thrown by the next upload calls, in order. */
  failures: Error[] = [];
  /** When set, uploads wait for this before answering. */
  gate?: Promise<void>;

  mediaTypes = () => Promise.resolve(TYPES);
  checkExisting = (ids: string[]) => {
    this.existCalls.push(ids);
    return Promise.resolve(ids.filter((id) => this.existing.has(id)));
  };
  checkBulk = (items: { id: string; checksum: string }[]) => {
    this.checkCalls.push(items);
    return Promise.resolve(
      items.map(({ id, checksum }): CheckResult => {
        const assetId = this.checksums.get(checksum);
        return assetId
          ? { id, action: 'reject', reason: 'duplicate', assetId }
          : { id, action: 'accept' };
      }),
    );
  };
  upload = async (request: UploadRequest, onProgress: (n: number) => void, signal: AbortSignal) => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) {
        await Promise.race([
          this.gate,
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason as Error)),
          ),
        ]);
      }
      await Promise.resolve();
      const failure = this.failures.shift();
      if (failure) throw failure;
      onProgress(request.file.size);
      const checksum = request.checksum!;
      const existing = this.checksums.get(checksum);
      if (existing) return { id: existing, status: 'duplicate' as const };
      const id = `asset-${this.checksums.size + 1}`;
      this.checksums.set(checksum, id);
      this.uploads.push(request);
      return { id, status: 'created' as const };
    } finally {
      this.inFlight--;
    }
  };
}

function setup(options: Partial<UploadQueueOptions> = {}, hasher: Hasher = createInlineHasher()) {
  const server = new FakeServer();
  let refreshes = 0;
  const hashed: string[] = [];
  const countingHasher: Hasher = {
    hash: (f, o) => {
      hashed.push((f as File).name);
      return hasher.hash(f, o);
    },
    dispose: () => hasher.dispose(),
  };
  const queue = new UploadQueue({
    port: server,
    hasher: countingHasher,
    deviceId: 'WEB-test',
    retryDelayMs: () => 0,
    onAssetsChanged: () => refreshes++,
    ...options,
  });
  const stateOf = (name: string) => queue.getSnapshot().items.find((i) => i.file.name === name);
  return { server, queue, hashed, stateOf, refreshes: () => refreshes };
}

describe('UploadQueue', () => {
  it('uploads new media with checksum and sidecar, skips unsupported files, and refreshes once', async () => {
    const { server, queue, stateOf, refreshes } = setup();
    const photo = file('a.jpg');
    const sidecar = file('a.jpg.xmp', '<x:xmpmeta/>');
    await queue.add(picked(photo, file('b.png'), file('clip.mp4'), file('notes.txt'), sidecar));
    await queue.idle();

    expect(stateOf('a.jpg')?.state).toBe('done');
    expect(stateOf('b.png')?.state).toBe('done');
    expect(stateOf('clip.mp4')?.state).toBe('done');
    expect(stateOf('notes.txt')).toMatchObject({
      state: 'skipped',
      message: 'Unsupported file type (.txt)',
    });
    expect(stateOf('a.jpg.xmp')).toBeUndefined();

    const sent = server.uploads.find((u) => u.filename === 'a.jpg')!;
    expect(sent.checksum).toBe(sha1('content of a.jpg'));
    expect(sent.sidecar).toBe(sidecar);
    expect(sent.deviceId).toBe('WEB-test');
    expect(sent.deviceAssetId).toBe('web-a.jpg-1700000000000');
    expect(sent.fileModifiedAt).toBe(new Date(1_700_000_000_000).toISOString());
    expect(server.uploads).toHaveLength(3);
    expect(refreshes()).toBe(1);

    const { totals } = queue.getSnapshot();
    expect(totals.byState).toMatchObject({ done: 3, skipped: 1 });
    expect(totals.finished).toBe(4);
    expect(totals.active).toBe(false);
    expect(totals.bytesSent).toBe(totals.bytesTotal);
  });

  it('skips files this browser uploaded before without reading them (POST /assets/exist)', async () => {
    const { server, queue, hashed, stateOf } = setup();
    server.existing.add('web-old.jpg-1700000000000');
    await queue.add(picked(file('old.jpg'), file('new.jpg')));
    await queue.idle();
    expect(stateOf('old.jpg')).toMatchObject({
      state: 'duplicate',
      message: 'Already uploaded from this browser',
    });
    expect(hashed).toEqual(['new.jpg']);
    expect(server.existCalls).toEqual([['web-old.jpg-1700000000000', 'web-new.jpg-1700000000000']]);
  });

  it('reports files the server already has as duplicates and sends none of their bytes', async () => {
    const { server, queue, stateOf, refreshes } = setup({ checkBatchSize: 2 });
    server.checksums.set(sha1('content of dup.jpg'), 'existing-asset');
    const files = ['dup.jpg', 'n1.jpg', 'n2.jpg', 'n3.jpg', 'n4.jpg'].map((n) => file(n));
    await queue.add(picked(...files));
    await queue.idle();
    expect(stateOf('dup.jpg')).toMatchObject({ state: 'duplicate', assetId: 'existing-asset' });
    expect(server.uploads.map((u) => u.filename).sort()).toEqual([
      'n1.jpg',
      'n2.jpg',
      'n3.jpg',
      'n4.jpg',
    ]);
    // Batched: every checksum checked once, at most two per request.
    expect(server.checkCalls.flat()).toHaveLength(5);
    expect(Math.max(...server.checkCalls.map((c) => c.length))).toBeLessThanOrEqual(2);
    expect(refreshes()).toBe(1);

    // The same files again: all duplicates, nothing uploaded, nothing refreshed.
    server.uploads = [];
    await queue.add(picked(...files.map((f) => file(f.name, `content of ${f.name}`, 1))));
    await queue.idle();
    expect(server.uploads).toHaveLength(0);
    expect(queue.getSnapshot().totals.byState.duplicate).toBe(6);
    expect(refreshes()).toBe(1);
  });

  it('never runs more uploads at once than its concurrency', async () => {
    const { server, queue } = setup({ concurrency: 2 });
    let open!: () => void;
    server.gate = new Promise((resolve) => (open = resolve));
    await queue.add(picked(...Array.from({ length: 6 }, (_, i) => file(`${i}.jpg`))));
    await expect.poll(() => server.inFlight).toBe(2);
    expect(queue.getSnapshot().totals.byState.uploading).toBe(2);
    open();
    await queue.idle();
    expect(server.maxInFlight).toBe(2);
    expect(server.uploads).toHaveLength(6);
  });

  it('retries network errors and 5xx automatically, then succeeds', async () => {
    const delays: number[] = [];
    const { server, queue, stateOf } = setup({
      retryDelayMs: (attempt) => {
        delays.push(attempt);
        return 0;
      },
    });
    server.failures = [
      apiError(0, 'Cannot reach the server.'),
      apiError(503, 'Service Unavailable'),
    ];
    await queue.add(picked(file('flaky.jpg')));
    await queue.idle();
    expect(stateOf('flaky.jpg')).toMatchObject({ state: 'done', attempts: 3 });
    expect(delays).toEqual([1, 2]);
  });

  it('does not retry a 4xx, and shows the server message', async () => {
    const { server, queue, stateOf } = setup();
    server.failures = [apiError(400, 'Invalid file type')];
    await queue.add(picked(file('bad.jpg')));
    await queue.idle();
    expect(stateOf('bad.jpg')).toMatchObject({
      state: 'failed',
      attempts: 1,
      message: 'Invalid file type',
    });
  });

  it('fails after the last automatic attempt, and a manual retry uploads exactly one copy', async () => {
    const { server, queue, stateOf, refreshes } = setup({ maxAttempts: 2 });
    server.failures = [
      apiError(0, 'Cannot reach the server.'),
      apiError(0, 'Cannot reach the server.'),
    ];
    await queue.add(picked(file('cut.jpg')));
    await queue.idle();
    const failed = stateOf('cut.jpg')!;
    expect(failed).toMatchObject({ state: 'failed', message: 'Cannot reach the server.' });
    expect(refreshes()).toBe(0);

    queue.retry(failed.id);
    await queue.idle();
    expect(stateOf('cut.jpg')).toMatchObject({ state: 'done', attempts: 1 });
    expect(server.uploads).toHaveLength(1);
    expect(refreshes()).toBe(1);
  });

  it('counts a duplicate answer on a later attempt as done: the earlier attempt reached the server', async () => {
    const { server, queue, stateOf } = setup();
    // The first attempt is stored, but its answer is lost.
    const lost = apiError(0, 'Cannot reach the server.');
    const original = server.upload;
    let first = true;
    server.upload = async (request, onProgress, signal) => {
      const result = await original(request, onProgress, signal);
      if (first) {
        first = false;
        throw lost;
      }
      return result;
    };
    await queue.add(picked(file('once.jpg')));
    await queue.idle();
    expect(stateOf('once.jpg')).toMatchObject({ state: 'done', assetId: 'asset-1' });
    expect(server.checksums.size).toBe(1);
  });

  it('cancels one file or all of them, aborting the uploads in progress', async () => {
    const { server, queue, stateOf } = setup({ concurrency: 1 });
    server.gate = new Promise(() => undefined);
    await queue.add(picked(file('1.jpg'), file('2.jpg'), file('3.jpg')));
    await expect.poll(() => stateOf('1.jpg')?.state).toBe('uploading');
    queue.cancel(stateOf('1.jpg')!.id);
    expect(stateOf('1.jpg')?.state).toBe('cancelled');
    await expect.poll(() => stateOf('2.jpg')?.state).toBe('uploading');
    queue.cancelAll();
    await queue.idle();
    expect(queue.getSnapshot().totals.byState.cancelled).toBe(3);
    expect(server.uploads).toHaveLength(0);
    expect(queue.getSnapshot().totals.bytesTotal).toBe(0);
  });

  it('marks unreadable files failed with the reason and retries them from hashing', async () => {
    let broken = true;
    const inline = createInlineHasher();
    const hasher: Hasher = {
      hash: (f, o) =>
        broken
          ? Promise.reject(new DOMException('The file could not be read', 'NotReadableError'))
          : inline.hash(f, o),
      dispose: () => undefined,
    };
    const { queue, stateOf } = setup({}, hasher);
    await queue.add(picked(file('locked.jpg')));
    await queue.idle();
    expect(stateOf('locked.jpg')).toMatchObject({
      state: 'failed',
      message: 'Could not read the file: The file could not be read',
    });
    broken = false;
    queue.retryAllFailed();
    await queue.idle();
    expect(stateOf('locked.jpg')?.state).toBe('done');
  });

  it('fails every file with a clear message when the media types cannot be loaded', async () => {
    const { server, queue, stateOf } = setup();
    server.mediaTypes = () => Promise.reject(apiError(0, 'Cannot reach the server.'));
    await queue.add(picked(file('a.jpg')));
    expect(stateOf('a.jpg')?.message).toMatch(
      /Could not ask the server which file types it accepts/,
    );
  });

  it('holds 20,000 files as references and small state, and finishes them', async () => {
    const { queue, server } = setup(
      { concurrency: 4 },
      {
        hash: (f) => Promise.resolve(sha1((f as File).name)),
        dispose: () => undefined,
      },
    );
    const files = Array.from({ length: 20_000 }, (_, i) => file(`IMG_${i}.jpg`, ''));
    await queue.add(picked(...files));
    await queue.idle();
    expect(server.uploads).toHaveLength(20_000);
    expect(queue.getSnapshot().totals.byState.done).toBe(20_000);
  }, 60_000);
});
