import { apiFetch } from './client';
import type {
  ServerConfigDto,
  ServerFeaturesDto,
  ServerMediaTypesResponseDto,
  ServerPingResponseRead,
  ServerVersionResponseDto,
} from './types';

/** GET /server/ping: `{ res: 'pong' }` when the server is up (status 0 ApiError when not). */
export const pingServer = (signal?: AbortSignal) =>
  apiFetch<ServerPingResponseRead>('/server/ping', { operation: 'pingServer', signal });

/** GET /server/version: `{ major, minor, patch }`. */
export const getServerVersion = (signal?: AbortSignal) =>
  apiFetch<ServerVersionResponseDto>('/server/version', { operation: 'getServerVersion', signal });

/** GET /server/config: public settings; `isInitialized` is false until the admin signs up. */
export const getServerConfig = (signal?: AbortSignal) =>
  apiFetch<ServerConfigDto>('/server/config', { operation: 'getServerConfig', signal });

/** GET /server/media-types: the file extensions the server accepts for upload. */
export const getSupportedMediaTypes = (signal?: AbortSignal) =>
  apiFetch<ServerMediaTypesResponseDto>('/server/media-types', {
    operation: 'getSupportedMediaTypes',
    signal,
  });

/** GET /server/features: which optional features (trash, search, …) the server has on. */
export const getServerFeatures = (signal?: AbortSignal) =>
  apiFetch<ServerFeaturesDto>('/server/features', { operation: 'getServerFeatures', signal });
