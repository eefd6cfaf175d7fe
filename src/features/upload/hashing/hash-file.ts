import { Sha1 } from './sha1';

/** Read size of one slice: large enough to amortise each read, small enough to keep memory flat. */
export const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

export interface HashFileOptions {
  chunkBytes?: number;
  /** Bytes hashed so far, after each chunk. */
  onProgress?: (bytes: number) => void;
  /** Stops between chunks; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Native digest for files that fit in one chunk (much faster than any script
   * SHA-1); absent outside secure contexts, where every file goes through `Sha1`.
   */
  subtle?: Pick<SubtleCrypto, 'digest'>;
}

const toHex = (bytes: Uint8Array): string => {
  let s = '';
  for (const byte of bytes) s += byte.toString(16).padStart(2, '0');
  return s;
};

const readSlice = async (file: Blob, start: number, end: number): Promise<Uint8Array> =>
  new Uint8Array(await file.slice(start, end).arrayBuffer());

/**
 * Hex SHA-1 of a file, read slice by slice: at most two chunks are in memory
 * at once (the one being hashed and the next one being read), whatever the
 * file's size.
 */
export async function hashFile(file: Blob, options: HashFileOptions = {}): Promise<string> {
  const { chunkBytes = HASH_CHUNK_BYTES, onProgress, signal, subtle } = options;
  signal?.throwIfAborted();
  if (subtle && file.size <= chunkBytes) {
    const digest = await subtle.digest('SHA-1', await file.arrayBuffer());
    signal?.throwIfAborted();
    onProgress?.(file.size);
    return toHex(new Uint8Array(digest));
  }
  const sha1 = new Sha1();
  let next: Promise<Uint8Array> | undefined =
    file.size > 0 ? readSlice(file, 0, chunkBytes) : undefined;
  let offset = 0;
  while (next) {
    const chunk = await next;
    // Let other messages (a cancel) in between chunks, even where reads resolve at once.
    if (offset > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
    const end = offset + chunk.length;
    // Read the next slice while this one is hashed.
    next = end < file.size ? readSlice(file, end, end + chunkBytes) : undefined;
    if (chunk.length === 0)
      throw new Error(`${file instanceof File ? file.name : 'file'} could not be read`);
    sha1.update(chunk);
    offset = end;
    onProgress?.(offset);
  }
  return sha1.hex();
}
