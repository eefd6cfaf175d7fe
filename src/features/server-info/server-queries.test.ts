import { beforeAll, describe, expect, it } from 'vitest';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient } from '@/testing/query-wrapper';
import { serverQueries } from './server-queries';

beforeAll(async () => {
  await createTestSession('server-info');
});

describe('serverQueries', () => {
  it('reads ping, version, config, media types and features', async () => {
    const client = createTestQueryClient();
    await expect(client.fetchQuery(serverQueries.ping())).resolves.toEqual({ res: 'pong' });
    await expect(client.fetchQuery(serverQueries.version())).resolves.toMatchObject({
      major: 1,
      minor: 135,
    });
    await expect(client.fetchQuery(serverQueries.config())).resolves.toMatchObject({
      isInitialized: true,
    });
    const types = await client.fetchQuery(serverQueries.mediaTypes());
    expect(types.image).toContain('.jpg');
    expect(types.video).toContain('.mp4');
    await expect(client.fetchQuery(serverQueries.features())).resolves.toMatchObject({
      trash: true,
    });
  });
});
