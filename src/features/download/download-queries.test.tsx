import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { seedAsset } from '@/testing/seed';
import { downloadQueries, useDownloadArchive } from './download-queries';

beforeAll(async () => {
  await createTestSession('download');
});

describe('download hooks', () => {
  it('downloadQueries.info sizes the archive; useDownloadArchive fetches the zip', async () => {
    const client = createTestQueryClient();
    const asset = await seedAsset();
    const info = await client.fetchQuery(downloadQueries.info({ assetIds: [asset.id] }));
    expect(info.totalSize).toBe(asset.file.size);
    const { result } = renderHook(() => useDownloadArchive(), { wrapper: queryWrapper(client) });
    const zip = await act(() => result.current.mutateAsync({ assetIds: [asset.id] }));
    expect(zip.size).toBeGreaterThan(asset.file.size);
  });
});
