// The one place the app talks HTTP to the Immich API (the local server or a real Immich).
// Everything above this layer sees typed values or an ApiError, never a Response.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A query-string value; `undefined` and `null` are left out, arrays repeat the name. */
export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export interface ApiConfig {
  /** Where the API lives, without a trailing slash: '/api' in the app, an absolute URL in tests. */
  baseUrl: string;
  /** Headers sent with every request (tests use `authorization` or `x-api-key`; the app uses its cookie). */
  headers: Record<string, string>;
}

const DEFAULT_CONFIG: ApiConfig = { baseUrl: '/api', headers: {} };
let config: ApiConfig = { ...DEFAULT_CONFIG };

/** Changes the base URL and/or the default headers. Headers replace the previous set. */
export function configureApi(changes: Partial<ApiConfig>): void {
  config = {
    baseUrl: (changes.baseUrl ?? config.baseUrl).replace(/\/+$/, ''),
    headers: { ...(changes.headers ?? config.headers) },
  };
}

export function getApiConfig(): Readonly<ApiConfig> {
  return config;
}

/** Back to '/api' and no extra headers. */
export function resetApiConfig(): void {
  config = { ...DEFAULT_CONFIG, headers: {} };
}

/**
 * The one error every API call throws (aborts excepted: they reject with the signal's reason).
 * `status` 0 means the server could not be reached (network down, server stopped, CORS).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when there was no HTTP answer at all. */
  readonly status: number;
  /** The Immich operation that failed, e.g. 'getAssetInfo'. */
  readonly operation: string;
  /** Every message the server sent (Immich sends one string or an array of them). */
  readonly messages: string[];
  /** The parsed error body (Immich: `{ message, error, statusCode, correlationId }`), or its text. */
  readonly body: unknown;

  constructor(init: {
    status: number;
    operation: string;
    messages: string[];
    body?: unknown;
    cause?: unknown;
  }) {
    super(init.messages.join('; '), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.operation = init.operation;
    this.messages = init.messages;
    this.body = init.body;
  }

  /** True when the server was not reachable (as opposed to an HTTP error answer). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True for the rejection of an aborted request (it is not an ApiError). */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Hears every 401 answer (an expired or revoked session), so the shell can send the user to
 * sign-in and back. Sign-in's own "wrong password" 401 is not reported. Returns the unsubscribe.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** Called by every transport (fetch here, XMLHttpRequest for uploads) on a failed answer. */
export function reportApiError(error: ApiError, notifyUnauthorized = true): ApiError {
  if (error.status === 401 && notifyUnauthorized) {
    for (const listener of [...unauthorizedListeners]) listener(error);
  }
  return error;
}

export interface ApiFetchOptions {
  /** The Immich operation name, carried by any ApiError. Defaults to `METHOD path`. */
  operation?: string;
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** false: a 401 is not reported to `onUnauthorized` listeners (sign-in uses it). */
  notifyUnauthorized?: boolean;
}

/** Builds a full API URL: base URL + path + query (undefined/null values dropped). */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number | boolean)[])
        params.append(name, String(item));
    } else {
      params.append(name, String(value));
    }
  }
  const search = params.toString();
  return `${config.baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** Turns an error body (JSON or text) into the list of messages to show. */
export function errorMessages(body: unknown, status: number, statusText = ''): string[] {
  if (body && typeof body === 'object' && 'message' in body) {
    const { message } = body;
    if (typeof message === 'string' && message) return [message];
    if (Array.isArray(message)) {
      const strings = message.filter((m): m is string => typeof m === 'string' && m !== '');
      if (strings.length > 0) return strings;
    }
  }
  if (
    typeof body === 'string' &&
    body.trim() &&
    body.length < 500 &&
    !body.trimStart().startsWith('<')
  ) {
    return [body.trim()];
  }
  return [`The server answered ${status}${statusText ? ` ${statusText}` : ''}`];
}

/** Parses a response body as JSON when it claims to be JSON, otherwise returns the text. */
export function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function unreachable(operation: string, cause: unknown): ApiError {
  return new ApiError({
    status: 0,
    operation,
    messages: ['Cannot reach the server. Check your connection; the request will be retried.'],
    cause,
  });
}

async function send(path: string, options: ApiFetchOptions, accept: string): Promise<Response> {
  const { method = 'GET', body, query, signal, headers, notifyUnauthorized = true } = options;
  const operation = options.operation ?? `${method} ${path}`;
  const requestHeaders: Record<string, string> = { accept, ...config.headers, ...headers };
  let requestBody: string | undefined;
  if (body !== undefined) {
    requestHeaders['content-type'] = 'application/json';
    requestBody = JSON.stringify(body);
  }
  signal?.throwIfAborted();
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers: requestHeaders,
      body: requestBody,
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isAbortError(error)) throw error;
    throw unreachable(operation, error);
  }
  // Some fetch implementations finish a request whose signal fired meanwhile: honour the abort.
  signal?.throwIfAborted();
  if (!response.ok) {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The body could not be read: the status alone still says what went wrong.
      if (signal?.aborted) throw signal.reason;
    }
    const parsed = parseBody(text, response.headers.get('content-type'));
    throw reportApiError(
      new ApiError({
        status: response.status,
        operation,
        messages: errorMessages(parsed, response.status, response.statusText),
        body: parsed,
      }),
      notifyUnauthorized,
    );
  }
  return response;
}

async function readBody<T>(
  read: () => Promise<T>,
  operation: string,
  signal?: AbortSignal,
): Promise<T> {
  let result: T;
  try {
    result = await read();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isAbortError(error)) throw error;
    throw unreachable(operation, error);
  }
  signal?.throwIfAborted();
  return result;
}

/**
 * Calls the API and returns the JSON answer (undefined for 204 or an empty body).
 * Throws ApiError on any non-2xx answer or when the server cannot be reached.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const operation = options.operation ?? `${options.method ?? 'GET'} ${path}`;
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await readBody(() => response.text(), operation, options.signal);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ApiError({
      status: response.status,
      operation,
      messages: [
        `The server sent something other than JSON (${response.headers.get('content-type') ?? 'no content type'}). Is the API address right?`,
      ],
      body: text.slice(0, 1000),
      cause,
    });
  }
}

/** Calls the API and returns the answer's bytes (thumbnails, originals, videos, archives). */
export async function apiFetchBlob(path: string, options: ApiFetchOptions = {}): Promise<Blob> {
  const operation = options.operation ?? `${options.method ?? 'GET'} ${path}`;
  const response = await send(path, options, 'application/octet-stream, */*');
  return readBody(() => response.blob(), operation, options.signal);
}

/**
 * Calls the API and hands back the body as a stream (large archives): the caller reads it and
 * can abort with the signal. Errors are thrown before the stream is returned.
 */
export async function apiFetchStream(
  path: string,
  options: ApiFetchOptions = {},
): Promise<{
  stream: ReadableStream<Uint8Array>;
  size: number | null;
  contentType: string | null;
}> {
  const response = await send(path, options, 'application/octet-stream, */*');
  const length = response.headers.get('content-length');
  const stream =
    response.body ??
    new Blob([
      await readBody(() => response.arrayBuffer(), options.operation ?? path, options.signal),
    ]).stream();
  return {
    stream,
    size: length === null ? null : Number(length),
    contentType: response.headers.get('content-type'),
  };
}
