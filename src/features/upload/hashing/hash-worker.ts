/// <reference lib="webworker" />
// Hashes files off the main thread. Messages: see hash-protocol.ts.
import { hashFile } from './hash-file';
import type { HashRequest, HashResponse } from './hash-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();
const post = (message: HashResponse) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<HashRequest>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    return;
  }
  const { id, file } = message;
  const controller = new AbortController();
  running.set(id, controller);
  hashFile(file, {
    signal: controller.signal,
    subtle: scope.crypto?.subtle,
    onProgress: (bytes) => {
      // One message per chunk; the last one is implied by 'done'.
      if (bytes < file.size) post({ type: 'progress', id, bytes });
    },
  })
    .then((checksum) => post({ type: 'done', id, checksum }))
    .catch((error: unknown) => {
      const cancelled = controller.signal.aborted;
      const reason = error instanceof Error ? error.message : String(error);
      post({ type: 'error', id, cancelled, message: reason });
    })
    .finally(() => running.delete(id));
};
