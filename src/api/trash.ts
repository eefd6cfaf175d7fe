import { apiFetch } from './client';
import type { BulkIdsDto, TrashResponseDto } from './types';

/** POST /trash/restore/assets: takes these assets out of the trash; `{ count }` restored. */
export const restoreAssets = ({ bulkIdsDto }: { bulkIdsDto: BulkIdsDto }, signal?: AbortSignal) =>
  apiFetch<TrashResponseDto>('/trash/restore/assets', {
    operation: 'restoreAssets',
    method: 'POST',
    body: bulkIdsDto,
    signal,
  });

/** POST /trash/restore: takes everything out of the trash; `{ count }` restored. */
export const restoreTrash = (signal?: AbortSignal) =>
  apiFetch<TrashResponseDto>('/trash/restore', {
    operation: 'restoreTrash',
    method: 'POST',
    signal,
  });

/** POST /trash/empty: deletes everything in the trash for good; `{ count }` deleted. */
export const emptyTrash = (signal?: AbortSignal) =>
  apiFetch<TrashResponseDto>('/trash/empty', { operation: 'emptyTrash', method: 'POST', signal });
