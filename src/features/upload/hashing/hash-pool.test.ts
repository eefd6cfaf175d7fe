// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHashHandler } from './hash-handler';
import { createWorkerHasher } from './hash-pool';
import type { HashRequest, HashResponse } from './hash-protocol';

const nodeSha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');

/** Stands in for `new Worker(hash-worker.ts)`: the worker's real handler, messages delivered asynchronously. */
class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<HashResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: HashRequest[] = [];
  private readonly handle = createHashHandler((message) =>
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<HashResponse>);
    }),
  );
  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(message: HashRequest) {
    this.received.push(message);
    if (this.crashOn === message.type) {
      setTimeout(() =>
        this.onerror?.({
          message: 'worker crashed',
          preventDefault: () => undefined,
        } as ErrorEvent),
      );
      return;
    }
    setTimeout(() => this.handle(message));
  }
  crashOn?: string;
  terminate() {
    this.terminated = true;
  }
}

const spawn = () => new FakeWorker() as unknown as Worker;
const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

describe('createWorkerHasher', () => {
  it('hashes files on at most `size` workers, started on demand, in order', async () => {
    FakeWorker.created = [];
    const hasher = createWorkerHasher(2, spawn, 50);
    const files = Array.from({ length: 5 }, () =>
      randomBytes(1000 + Math.floor(Math.random() * 1000)),
    );
    const checksums = await Promise.all(files.map((f) => hasher.hash(blob(f))));
    expect(checksums).toEqual(files.map(nodeSha1));
    expect(FakeWorker.created).toHaveLength(2);
    const hashed = FakeWorker.created.flatMap((w) => w.received.filter((m) => m.type === 'hash'));
    expect(hashed).toHaveLength(5);
    // Idle workers are stopped after a while.
    await expect.poll(() => FakeWorker.created.every((w) => w.terminated)).toBe(true);
    hasher.dispose();
  });

  it('reports progress per chunk and the full size at the end', async () => {
    const hasher = createWorkerHasher(1, spawn);
    const data = randomBytes(20 * 1024 * 1024 + 5);
    const progress: number[] = [];
    const checksum = await hasher.hash(blob(data), { onProgress: (b) => progress.push(b) });
    expect(checksum).toBe(nodeSha1(data));
    expect(progress).toEqual([8, 16].map((n) => n * 1024 * 1024).concat(data.length));
    hasher.dispose();
  }, 60_000);

  it('cancels a queued file without sending it, and a running one through its worker', async () => {
    FakeWorker.created = [];
    const hasher = createWorkerHasher(1, spawn);
    const running = new AbortController();
    const queued = new AbortController();
    const first = hasher.hash(blob(randomBytes(30 * 1024 * 1024)), { signal: running.signal });
    const second = hasher.hash(blob(randomBytes(10)), { signal: queued.signal });
    queued.abort(new Error('not this one'));
    await expect(second).rejects.toThrow('not this one');
    running.abort(new Error('stop'));
    await expect(first).rejects.toThrow('stop');
    const [worker] = FakeWorker.created;
    expect(worker!.received.map((m) => m.type)).toEqual(['hash', 'cancel']);
    // The pool goes on with the next file.
    const data = randomBytes(100);
    expect(await hasher.hash(blob(data))).toBe(nodeSha1(data));
    hasher.dispose();
  }, 60_000);

  it('fails the file of a crashed worker with a message and replaces the worker', async () => {
    FakeWorker.created = [];
    let crash = true;
    const hasher = createWorkerHasher(1, () => {
      const worker = new FakeWorker();
      if (crash) worker.crashOn = 'hash';
      crash = false;
      return worker as unknown as Worker;
    });
    await expect(hasher.hash(blob(randomBytes(10)))).rejects.toThrow(
      'The hashing worker failed: worker crashed',
    );
    const data = randomBytes(10);
    expect(await hasher.hash(blob(data))).toBe(nodeSha1(data));
    expect(FakeWorker.created).toHaveLength(2);
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    hasher.dispose();
  });
});
