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
    const message =
      isApiError(error) && error.status === 0
        ? `${mutation.meta?.errorMessage ?? 'The change was not saved'}: the server can’t be reached.`
        : errorToastMessage(error, mutation.meta);
    toast.error(message);
  });
  return () => {
    offQuery();
    offMutation();
  };
}
