import { apiFetch } from './client';
import type { UserAdminResponseDto } from './types';

/** GET /users/me: the signed-in user. */
export const getMyUser = (signal?: AbortSignal) =>
  apiFetch<UserAdminResponseDto>('/users/me', { operation: 'getMyUser', signal });
