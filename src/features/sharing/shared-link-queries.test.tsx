import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { configureApi } from '@/api/client';
import { SharedLinkType } from '@/api/types';
import { createTestSession, type TestSession } from '@/testing/api-session';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { seedAsset } from '@/testing/seed';
import { sharedLinkQueries, useCreateSharedLink, useRemoveSharedLink } from './shared-link-queries';

let session: TestSession;
beforeAll(async () => {
  session = await createTestSession('sharing');
});

describe('shared-link hooks', () => {
  it('creates a link, shows it to a visitor by key, and removes it with its cached view', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset();
    const { result } = renderHook(
      () => ({ create: useCreateSharedLink(), remove: useRemoveSharedLink() }),
      {
        wrapper: queryWrapper(client),
      },
    );
    const link = await act(() =>
      result.current.create.mutateAsync({
        sharedLinkCreateDto: { type: SharedLinkType.Individual, assetIds: [asset.id] },
      }),
    );
    configureApi({ headers: {} });
    try {
      const visited = await client.fetchQuery(sharedLinkQueries.me(link.key));
      expect(visited.assets.map((a) => a.id)).toEqual([asset.id]);
    } finally {
      configureApi({ headers: session.headers });
    }
    await act(() => result.current.remove.mutateAsync({ id: link.id }));
    expect(client.getQueryData(sharedLinkQueries.me(link.key).queryKey)).toBeUndefined();
  });
});
