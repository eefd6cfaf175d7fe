import { isApiError } from '@/api/client';
import { toast } from '@/components/ui/toast';
import {
  errorToastMessage,
  onMutationError,
  onQueryError,
  shouldToastMutationError,
  shouldToastQueryError,
} from '@/lib/query-client';
import { isUnreachableError } from './connection';

/**
 * The global error policy (STYLE.md "Errors and loading"): a failed background
 * refetch of data on screen and a failed mutation become a toast with the
 * server's message. "Server unreachable" has its own banner, so a refetch that
 * found no server adds no toast.
 */
export function installErrorToasts(): () => void {
  const offQuery = onQueryError((error, query) => {
    if (!shouldToastQueryError(error, query) || isUnreachableError(error)) return;
    toast.error(errorToastMessage(error, query.meta), { id: `query-${query.queryHash}` });
  });
  const offMutation = onMutationError((error, mutation) => {
    if (!shouldToastMutationError(error, mutation)) return;
    const message = foundNoServer(error)
      ? `${mutation.meta?.errorMessage ?? 'The change was not saved'}: the server can’t be reached.`
      : errorToastMessage(error, mutation.meta);
    toast.error(message);
  });
  return () => {
    offQuery();
    offMutation();
  };
}

/**
 * A write that found no server: the error itself, or a wrapper that only passes it on (a bulk
 * action's batch error whose message is the cause's, i.e. nothing was applied). The API
 * error's own text promises a retry, which writes never get.
 */
function foundNoServer(error: Error): boolean {
  if (isApiError(error)) return error.status === 0;
  const { cause } = error;
  return isApiError(cause) && cause.status === 0 && cause.message === error.message;
}
