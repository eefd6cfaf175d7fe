// What the server says about itself. Public: these work before sign-in.
import { queryOptions } from '@tanstack/react-query';
import {
  getServerConfig,
  getServerFeatures,
  getServerVersion,
  getSupportedMediaTypes,
  pingServer,
} from '@/api/server';

export const serverQueries = {
  all: () => ['server'] as const,

  /** GET /server/ping: is it up? Never cached as fresh, never retried (the caller polls). */
  ping: () =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'ping'] as const,
      queryFn: ({ signal }) => pingServer(signal),
      staleTime: 0,
      retry: false,
    }),

  /** GET /server/version: changes only with an upgrade. */
  version: () =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'version'] as const,
      queryFn: ({ signal }) => getServerVersion(signal),
      staleTime: Infinity,
    }),

  /** GET /server/config: login message, trash days, `isInitialized` (false until the admin signs up). */
  config: () =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'config'] as const,
      queryFn: ({ signal }) => getServerConfig(signal),
    }),

  /** GET /server/media-types: the extensions upload accepts (same key as the upload feature's). */
  mediaTypes: () =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'media-types'] as const,
      queryFn: ({ signal }) => getSupportedMediaTypes(signal),
      staleTime: Infinity,
    }),

  /** GET /server/features: trash, search, map … on or off. */
  features: () =>
    queryOptions({
      queryKey: [...serverQueries.all(), 'features'] as const,
      queryFn: ({ signal }) => getServerFeatures(signal),
      staleTime: 5 * 60_000,
    }),
};
