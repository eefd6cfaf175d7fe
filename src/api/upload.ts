// Multipart requests through XMLHttpRequest: fetch cannot report upload progress, XHR can.
// Same contract as apiFetch: the typed answer, an ApiError, or the signal's reason on abort.
import {
  ApiError,
  apiUrl,
  errorMessages,
  getApiConfig,
  parseBody,
  reportApiError,
  type HttpMethod,
  type QueryValue,
} from './client';

export interface UploadProgress {
  /** Bytes of the request body sent so far. */
  loaded: number;
  /** Size of the request body (the file plus the form fields), when known. */
  total: number | null;
  /** loaded / total, 0…1 (null while the total is unknown). */
  fraction: number | null;
}

export interface UploadOptions {
  signal?: AbortSignal;
  /** Called as the body goes out (and once more at 100 % when it has all been sent). */
  onProgress?: (progress: UploadProgress) => void;
}

/** A form field: text as is, numbers and booleans as text, Blobs as file parts. */
export type FormValue = string | number | boolean | Blob | null | undefined;

/**
 * Builds multipart form data. Text fields go first and file parts last, so a streaming server
 * knows everything about the file before its bytes arrive. `fileNames` names Blob parts that
 * are not Files (a File keeps its own name).
 */
export function toFormData(
  fields: Record<string, FormValue>,
  fileNames: Record<string, string | undefined> = {},
): FormData {
  const form = new FormData();
  const files: [string, Blob][] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) files.push([name, value]);
    else form.append(name, String(value));
  }
  for (const [name, blob] of files) {
    const fileName = blob instanceof File ? blob.name : fileNames[name];
    if (fileName) form.append(name, blob, fileName);
    else form.append(name, blob);
  }
  return form;
}

/** The bytes of the form's values (without the multipart framing). */
function formSize(form: FormData): number {
  let size = 0;
  for (const [, value] of form.entries()) {
    size += typeof value === 'string' ? new TextEncoder().encode(value).length : value.size;
  }
  return size;
}

export interface MultipartRequest extends UploadOptions {
  operation: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string | undefined>;
  form: FormData;
}

/** Sends a multipart request with progress events and cancellation; resolves with the JSON answer. */
export function sendMultipart<T>(request: MultipartRequest): Promise<T> {
  const { operation, method, path, query, headers = {}, form, signal, onProgress } = request;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const xhr = new XMLHttpRequest();
    // Settle at once on abort: some XMLHttpRequest implementations report it only much later.
    const onAbortSignal = () => {
      reject(signal?.reason as Error);
      xhr.abort();
    };
    const cleanup = () => signal?.removeEventListener('abort', onAbortSignal);

    xhr.open(method, apiUrl(path, query));
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries({ ...getApiConfig().headers, ...headers })) {
      if (value !== undefined) xhr.setRequestHeader(name, value);
    }

    // The last progress reported; the answer implies the body was sent, so a browser that never
    // reports the end of the upload (or none of it) still ends at 100 %.
    let last: UploadProgress | undefined;
    const report = (progress: UploadProgress) => {
      last = progress;
      onProgress?.(progress);
    };
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        const total = event.lengthComputable ? event.total : null;
        report({
          loaded: event.loaded,
          total,
          fraction: total ? Math.min(1, event.loaded / total) : null,
        });
      });
      xhr.upload.addEventListener('load', (event) => {
        const total = event.lengthComputable && event.total > 0 ? event.total : null;
        const sent = total ?? Math.max(event.loaded, last?.loaded ?? 0);
        report({ loaded: sent, total: total ?? (sent || null), fraction: 1 });
      });
    }
    const finishProgress = () => {
      if (!onProgress || last?.fraction === 1) return;
      const sent = Math.max(last?.total ?? 0, last?.loaded ?? 0, formSize(form));
      report({ loaded: sent, total: sent, fraction: 1 });
    };

    xhr.addEventListener('load', () => {
      cleanup();
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const contentType = xhr.getResponseHeader('content-type');
      const body = parseBody(xhr.responseText, contentType);
      if (xhr.status >= 200 && xhr.status < 300) {
        if (body === undefined || typeof body !== 'string') {
          finishProgress();
          resolve(body as T);
          return;
        }
        reject(
          new ApiError({
            status: xhr.status,
            operation,
            messages: [
              `The server sent something other than JSON (${contentType ?? 'no content type'}). Is the API address right?`,
            ],
            body: body.slice(0, 1000),
          }),
        );
        return;
      }
      reject(
        reportApiError(
          new ApiError({
            status: xhr.status,
            operation,
            messages: errorMessages(body, xhr.status, xhr.statusText),
            body,
          }),
        ),
      );
    });
    xhr.addEventListener('error', () => {
      cleanup();
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      reject(
        new ApiError({
          status: 0,
          operation,
          messages: ['Cannot reach the server. Check your connection and try again.'],
        }),
      );
    });
    xhr.addEventListener('abort', () => {
      cleanup();
      reject(
        (signal?.reason as Error | undefined) ??
          new DOMException('The upload was cancelled', 'AbortError'),
      );
    });

    signal?.addEventListener('abort', onAbortSignal, { once: true });
    xhr.send(form);
  });
}
