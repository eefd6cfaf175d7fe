import { queryOptions } from '@tanstack/react-query';
import { getSupportedMediaTypes } from '@/api/server';

export const uploadQueries = {
  /**
   * The extensions the server accepts; they change only with a server upgrade. Same key and
   * options as serverQueries.mediaTypes() (features/server), which ESLint's "never import
   * server/" pattern keeps this feature from importing.
   */
  mediaTypes: () =>
    queryOptions({
      queryKey: ['server', 'media-types'] as const,
      queryFn: ({ signal }) => getSupportedMediaTypes(signal),
      staleTime: Infinity,
    }),
};
