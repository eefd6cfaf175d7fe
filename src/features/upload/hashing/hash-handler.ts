import { hashFile } from './hash-file';
import type { HashRequest, HashResponse } from './hash-protocol';

/**
 * The hashing worker's message handling, apart from the worker global so that
 * tests can drive it: hashes each requested file and answers with progress,
 * the checksum, or the error; a 'cancel' stops that file between chunks.
 */
export function createHashHandler(
  post: (message: HashResponse) => void,
  subtle?: Pick<SubtleCrypto, 'digest'>,
): (message: HashRequest) => void {
  const running = new Map<number, AbortController>();
  return (message) => {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const { id, file } = message;
    const controller = new AbortController();
    running.set(id, controller);
    hashFile(file, {
      signal: controller.signal,
      subtle,
      onProgress: (bytes) => {
        // One message per chunk; the last one is implied by 'done'.
        if (bytes < file.size) post({ type: 'progress', id, bytes });
      },
    })
      .then((checksum) => post({ type: 'done', id, checksum }))
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        post({ type: 'error', id, cancelled: controller.signal.aborted, message: reason });
      })
      .finally(() => running.delete(id));
  };
}
