import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../lib/http-errors.ts';

export interface FileResponse {
  /** Absolute path on disk. */
  path: string;
  contentType: string;
  /** Shown to the browser as the download name (Content-Disposition inline, RFC 5987). */
  fileName?: string;
  /** Immich's: 'private, max-age=86400, no-transform' for asset files. */
  cacheControl: string;
}

/** Immich's cache header for asset files (originals, thumbnails, playback). */
export const PRIVATE_WITH_CACHE = 'private, max-age=86400, no-transform';

type ByteRange = { start: number; end: number };

/**
 * Parses a Range header against a file size: a single range, 'unsatisfiable', or null when the
 * whole file should be sent (no header, another unit, several ranges, or a malformed value).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a file from disk as Immich (Express `res.sendFile`) does: ETag and Last-Modified
 * validators answered with 304, `Accept-Ranges`, a single byte range as 206 with Content-Range,
 * 416 past the end, HEAD without a body.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: FileResponse,
): Promise<FastifyReply> {
  let stat;
  try {
    stat = await fs.stat(file.path);
  } catch {
    throw notFound('Asset media not found');
  }
  if (!stat.isFile()) throw notFound('Asset media not found');

  const size = stat.size;
  const etag = `W/"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const lastModified = stat.mtime.toUTCString();
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => {
        const t = tag.trim();
        return t === '*' || t.replace(/^W\//, '') === etag.replace(/^W\//, '');
      })
    : ifModifiedSince !== undefined &&
      !Number.isNaN(Date.parse(ifModifiedSince)) &&
      Math.floor(stat.mtimeMs / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);

  // If-Range: a range only applies while the client's copy is still current.
  const ifRangeHeader = request.headers['if-range'];
  const ifRange = Array.isArray(ifRangeHeader) ? ifRangeHeader[0] : ifRangeHeader;
  const rangeStillValid =
    ifRange === undefined ||
    ifRange === etag ||
    (!ifRange.startsWith('W/') &&
      !ifRange.startsWith('"') &&
      Date.parse(ifRange) >= Math.floor(stat.mtimeMs / 1000) * 1000);
  const range = notModified || !rangeStillValid ? null : parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    throw new HttpError(416, `Range not satisfiable: the file has ${size} bytes`, {
      'content-range': `bytes */${size}`,
    });
  }

  void reply
    .header('cache-control', file.cacheControl)
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', lastModified);
  if (file.fileName !== undefined) {
    void reply.header('content-disposition', contentDisposition(file.fileName));
  }
  if (notModified) return reply.status(304).send();
  void reply.header('content-type', file.contentType);

  const head = request.method === 'HEAD';
  if (range) {
    void reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1);
    return reply.send(head ? undefined : createReadStream(file.path, range));
  }
  void reply.status(200).header('content-length', size);
  return reply.send(head ? undefined : createReadStream(file.path));
}
