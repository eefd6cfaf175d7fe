import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { Permission } from '@/api/types';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { useCreateApiKey } from './api-key-queries';

beforeAll(async () => {
  await createTestSession('api-keys');
});

describe('API-key hooks', () => {
  it('useCreateApiKey returns the secret once', async () => {
    const client = createTestQueryClient();
    const { result } = renderHook(() => useCreateApiKey(), { wrapper: queryWrapper(client) });
    const created = await act(() =>
      result.current.mutateAsync({
        apiKeyCreateDto: { name: 'hook key', permissions: [Permission.AssetRead] },
      }),
    );
    expect(created.secret.length).toBeGreaterThan(10);
    expect(created.apiKey.permissions).toEqual([Permission.AssetRead]);
  });
});
