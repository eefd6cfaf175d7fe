import { apiFetch } from './client';
import type { ApiKeyCreateDto, ApiKeyCreateResponseDto } from './types';

/** POST /api-keys: a new API key; the answer holds its `secret`, shown only this once. */
export const createApiKey = (
  { apiKeyCreateDto }: { apiKeyCreateDto: ApiKeyCreateDto },
  signal?: AbortSignal,
) =>
  apiFetch<ApiKeyCreateResponseDto>('/api-keys', {
    operation: 'createApiKey',
    method: 'POST',
    body: apiKeyCreateDto,
    signal,
  });
