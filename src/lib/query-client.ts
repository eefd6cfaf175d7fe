// The app's one QueryClient and its defaults: what is retried, how long data stays fresh, and the
// global error hooks the shell turns into toasts.
import {
  MutationCache,
  QueryCache,
  QueryClient,
  type Mutation,
  type Query,
  type QueryClientConfig,
} from '@tanstack/react-query';
import { isAbortError, isApiError } from '@/api/client';

export interface LightboxQueryMeta extends Record<string, unknown> {
  /** No global toast for this query's or mutation's errors (the component shows them). */
  silent?: boolean;
  /** What the toast says instead of the server's message, e.g. 'Could not favourite the photo'. */
  errorMessage?: string;
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    queryMeta: LightboxQueryMeta;
    mutationMeta: LightboxQueryMeta;
  }
}

/** Attempts after the first, for failures that may pass on their own. */
export const MAX_RETRIES = 3;

/** Data counts as fresh this long: navigating back and forth does not refetch. */
export const DEFAULT_STALE_TIME = 60_000;

/**
 * Only failures that may pass are retried: no answer (status 0), a 5xx, 408 or 429.
 * A 4xx is the server's considered answer and is never retried; neither is a bug (a non-API error).
 */
export function isRetryableError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
}

export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryableError(error);
}

type AnyQuery = Query<unknown, Error, unknown, readonly unknown[]>;
type AnyMutation = Mutation<unknown, Error, unknown, unknown>;
export type QueryErrorListener = (error: Error, query: AnyQuery) => void;
export type MutationErrorListener = (error: Error, mutation: AnyMutation) => void;

const queryErrorListeners = new Set<QueryErrorListener>();
const mutationErrorListeners = new Set<MutationErrorListener>();

/** Hears every failed query (after its retries). Returns the unsubscribe. */
export function onQueryError(listener: QueryErrorListener): () => void {
  queryErrorListeners.add(listener);
  return () => {
    queryErrorListeners.delete(listener);
  };
}

/** Hears every failed mutation. Returns the unsubscribe. */
export function onMutationError(listener: MutationErrorListener): () => void {
  mutationErrorListeners.add(listener);
  return () => {
    mutationErrorListeners.delete(listener);
  };
}

/** A 401 (sign-in takes over) or an abort: nothing to tell the user about. */
function isSilentError(error: Error): boolean {
  return isAbortError(error) || (isApiError(error) && error.status === 401);
}

/**
 * Whether a failed query deserves a toast: only a background refetch of data that is on screen
 * (a first load shows its error inline) and not a 401, an abort or `meta.silent`.
 */
export function shouldToastQueryError(
  error: Error,
  query: { state: { data: unknown }; meta?: LightboxQueryMeta },
): boolean {
  return query.state.data !== undefined && !query.meta?.silent && !isSilentError(error);
}

/** Whether a failed mutation deserves a toast: always, unless silent, a 401 or an abort. */
export function shouldToastMutationError(
  error: Error,
  mutation: { meta?: LightboxQueryMeta },
): boolean {
  return !mutation.meta?.silent && !isSilentError(error);
}

/** The text a toast shows: the meta's message, else the server's, else the error's. */
export function errorToastMessage(error: Error, meta?: LightboxQueryMeta): string {
  return meta?.errorMessage ?? error.message;
}

/** A QueryClient with Lightbox's defaults (tests pass overrides such as `retry: false`). */
export function createQueryClient(
  overrides: QueryClientConfig['defaultOptions'] = {},
): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        for (const listener of [...queryErrorListeners]) listener(error, query as AnyQuery);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        for (const listener of [...mutationErrorListeners])
          listener(error, mutation as AnyMutation);
      },
    }),
    defaultOptions: {
      ...overrides,
      queries: {
        staleTime: DEFAULT_STALE_TIME,
        retry: shouldRetry,
        ...overrides.queries,
      },
      mutations: {
        // Writes are not repeated behind the user's back.
        retry: false,
        ...overrides.mutations,
      },
    },
  });
}

/** The app's QueryClient (route loaders and the provider share it). */
export const queryClient = createQueryClient();
