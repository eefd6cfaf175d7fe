/**
 * Errors in the shape Immich (NestJS) answers with:
 * `{ message, error, statusCode, correlationId }`.
 */
const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string | string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(Array.isArray(message) ? message.join('; ') : message);
    this.messages = message;
  }
  readonly messages: string | string[];

  get reason(): string {
    return reasons[this.statusCode] ?? 'Error';
  }
}

export const badRequest = (message: string | string[]) => new HttpError(400, message);
export const unauthorized = (message = 'Authentication required') => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message = 'Not found') => new HttpError(404, message);

export function reasonPhrase(status: number): string {
  return reasons[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** File-system and SQLite codes for "no room left": a full disk, a quota, a file-size limit. */
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']);

/**
 * A 507 for an error that means the server ran out of room while storing something (the disk or
 * a quota is full, or a file outgrew the size limit), or undefined for any other error.
 */
export function storageFullError(error: unknown): HttpError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_FULL_CODES.has(code)) return undefined;
  return new HttpError(
    507,
    `Insufficient Storage: the server has no room left to store this (${code})`,
  );
}
