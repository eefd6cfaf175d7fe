import { apiFetch } from './client';
import type { SharedLinkCreateDto, SharedLinkResponseDto } from './types';

/** POST /shared-links: shares assets (or an album); the answer's `key` opens it. */
export const createSharedLink = (
  { sharedLinkCreateDto }: { sharedLinkCreateDto: SharedLinkCreateDto },
  signal?: AbortSignal,
) =>
  apiFetch<SharedLinkResponseDto>('/shared-links', {
    operation: 'createSharedLink',
    method: 'POST',
    body: sharedLinkCreateDto,
    signal,
  });

/**
 * GET /shared-links/me: the shared link a visitor opened with `key` (and its `password` when it
 * has one). Needs no sign-in, so a 401 here is not reported as an ended session.
 */
export const getMySharedLink = (
  { key, password, token }: { key?: string; password?: string; token?: string },
  signal?: AbortSignal,
) =>
  apiFetch<SharedLinkResponseDto>('/shared-links/me', {
    operation: 'getMySharedLink',
    query: { key, password, token },
    signal,
    notifyUnauthorized: false,
  });

/** DELETE /shared-links/{id}: stops sharing. */
export const removeSharedLink = ({ id }: { id: string }, signal?: AbortSignal) =>
  apiFetch<void>(`/shared-links/${encodeURIComponent(id)}`, {
    operation: 'removeSharedLink',
    method: 'DELETE',
    signal,
  });
