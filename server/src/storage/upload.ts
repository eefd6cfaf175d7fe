import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { badRequest, HttpError, storageFullError } from '../lib/http-errors.ts';

/** A file part, fully written to a temporary file with its SHA-1 computed on the way. */
export interface ReceivedFile {
  field: string;
  tmpPath: string;
  size: number;
  sha1: Buffer;
  /** The client's name for it (its last path segment only), or '' when it sent none. */
  clientName: string;
}

export interface ReceivedUpload {
  fields: Map<string, string>;
  files: Map<string, ReceivedFile>;
  /** Removes every temporary file still in place. Safe to call twice. */
  discard(): Promise<void>;
}

/** Removes the upload folder's leftovers (a crash mid-upload) and recreates it. */
export async function resetUploadFolder(folder: string): Promise<void> {
  await fs.rm(folder, { recursive: true, force: true });
  await fs.mkdir(folder, { recursive: true });
}

/**
 * The last path segment of a client-supplied file name. Names are only ever stored and shown,
 * never used as a path; control characters (NUL and friends) are refused outright.
 */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw badRequest('filename must not contain control characters');
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  if (base === '.' || base === '..') return '';
  if (Buffer.byteLength(base) > 255) throw badRequest('filename must be shorter than 256 bytes');
  return base;
}

/**
 * Reads a multipart request part by part: each wanted file is streamed through SHA-1 into its own
 * temporary file under `tmpDir` (never buffered in memory), other files are drained, and text
 * fields are collected (the first value of a repeated field wins). On any failure (a cut
 * connection, a size limit, a bad name, a full disk) the temporary files are removed before the
 * error is rethrown, so nothing is left behind.
 */
export async function receiveMultipart(
  request: FastifyRequest,
  tmpDir: string,
  fileFields: readonly string[],
): Promise<ReceivedUpload> {
  const fields = new Map<string, string>();
  const files = new Map<string, ReceivedFile>();
  const temporary = new Set<string>();
  // The temporary files' write streams: a stream destroyed mid-way may still be opening its
  // file, which would appear after it was removed; removal waits for each to be closed.
  const writers = new Set<WriteStream>();
  const discard = async () => {
    const open = [...writers].filter((writer) => !writer.closed);
    await Promise.all(
      open.map((writer) => new Promise<void>((resolve) => writer.once('close', () => resolve()))),
    );
    writers.clear();
    const paths = [...temporary];
    temporary.clear();
    await Promise.all(paths.map((p) => fs.rm(p, { force: true })));
  };

  if (!request.isMultipart()) {
    throw badRequest('Content-Type must be multipart/form-data');
  }
  await fs.mkdir(tmpDir, { recursive: true });
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated) {
          throw new HttpError(413, `${part.fieldname} is longer than the server accepts`);
        }
        if (!fields.has(part.fieldname)) fields.set(part.fieldname, String(part.value));
        continue;
      }
      if (!fileFields.includes(part.fieldname) || files.has(part.fieldname)) {
        part.file.resume();
        await new Promise<void>((resolve) => part.file.once('end', resolve));
        continue;
      }
      const clientName = cleanFileName(part.filename ?? '');
      const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
      temporary.add(tmpPath);
      const hash = createHash('sha1');
      let size = 0;
      const writer = createWriteStream(tmpPath, { flags: 'wx' });
      writers.add(writer);
      await pipeline(
        part.file,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        writer,
      );
      writers.delete(writer);
      if (part.file.truncated) {
        throw new HttpError(413, `${part.fieldname} is larger than the server accepts`);
      }
      files.set(part.fieldname, {
        field: part.fieldname,
        tmpPath,
        size,
        sha1: hash.digest(),
        clientName,
      });
    }
  } catch (error) {
    await discard();
    skipRestOfBody(request);
    throw asClientError(error);
  }
  return { fields, files, discard };
}

/**
 * After a failure mid-body (a full disk, a size limit), reads and drops what the client still
 * sends. Otherwise the answer goes out while the rest of the body sits unread, and the client's
 * connection (kept alive for its next request) stays stuck behind it.
 */
function skipRestOfBody(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
}

/**
 * Reads and drops a request body the answer does not need (a duplicate known from its
 * x-immich-checksum header), and resolves once it has all arrived. The answer then goes out
 * after the body, as clients expect: one still sending when an early answer came could see
 * its connection fail (happy-dom's XMLHttpRequest reported such an upload as a network error
 * under load). The client sends the whole body either way.
 */
export function drainBody(request: FastifyRequest): Promise<void> {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    raw.once('end', () => resolve());
    raw.once('close', () => resolve());
    raw.once('error', () => resolve());
    raw.resume();
  });
}

/**
 * Sorts failures while reading an upload: the multipart parser's own errors carry a 4xx status;
 * a full disk, a quota or a file-size limit is a 507; other file-system errors stay server errors; everything else (a dropped
 * connection, a malformed or truncated body) is the client's 400.
 */
function asClientError(error: unknown): unknown {
  if (error instanceof HttpError || !(error instanceof Error)) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, error.message);
  }
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  const full = storageFullError(error);
  if (full) return full;
  if (typeof syscall === 'string' && code !== 'ECONNRESET') return error;
  return badRequest(`The upload did not complete: ${error.message}`);
}

/** Moves a finished temporary file to its place in the library (creating folders). */
export async function moveIntoPlace(tmpPath: string, target: string): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rename(tmpPath, target);
}

/** Parses Immich's `x-immich-checksum` / bulk-check checksum: 40 hex digits or 28 base64 chars. */
export function parseChecksum(value: string): Buffer | undefined {
  if (/^[0-9a-f]{40}$/i.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{27}=$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}
