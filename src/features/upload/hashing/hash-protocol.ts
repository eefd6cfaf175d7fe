/** Messages between the hashing pool (main thread) and its workers. */
export type HashRequest = { type: 'hash'; id: number; file: Blob } | { type: 'cancel'; id: number };

export type HashResponse =
  | { type: 'progress'; id: number; bytes: number }
  | { type: 'done'; id: number; checksum: string }
  | { type: 'error'; id: number; cancelled: boolean; message: string };
