import { queryOptions } from '@tanstack/react-query';
import { getSupportedMediaTypes } from '@/api/server';

export const uploadQueries = {
  /** The extensions the server accepts; they change only with a server upgrade. */
  mediaTypes: () =>
    queryOptions({
      queryKey: ['server', 'media-types'] as const,
      queryFn: ({ signal }) => getSupportedMediaTypes(signal),
      staleTime: Infinity,
    }),
};

/**
 * Everything derived from assets sits under this key (STYLE.md): one
 * invalidation refreshes the timeline, details and statistics.
 */
export const ASSETS_QUERY_KEY = ['assets'] as const;
