import { isApiError } from '@/api/client';

/** A heading for an error page, from what failed. The message itself is the server's. */
export function errorTitle(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong';
  if (error.status === 403) return 'You don’t have access to this';
  if (error.status === 404) return 'Not found';
  if (error.status >= 500) return 'The server ran into a problem';
  return 'The request failed';
}

/** A short technical line under the message: "getAssetInfo · HTTP 500". */
export function errorDetail(error: unknown): string | null {
  if (!isApiError(error)) return null;
  return error.status > 0 ? `${error.operation} · HTTP ${error.status}` : error.operation;
}
