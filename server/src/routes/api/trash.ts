import type { FastifyInstance } from 'fastify';
import { requireAssetAccess, requirePermission } from '../../lib/access.ts';
import { removeAssetsForGood } from '../../storage/asset-files.ts';
import { uuid } from './asset-input.ts';

/** Immich's trash: restore some, restore all, or empty it for good (files removed). */
export async function trashRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.post<{ Body: { ids: string[] } }>(
    '/trash/restore/assets',
    {
      schema: {
        body: {
          type: 'object',
          properties: { ids: { type: 'array', items: uuid } },
          required: ['ids'],
        },
      },
    },
    async (request, reply) => {
      const auth = requirePermission(request, 'asset.delete');
      requireAssetAccess(app, auth, 'asset.delete', request.body.ids);
      const count = repos.assets.restore(auth.user.id, [...new Set(request.body.ids)]);
      return reply.status(200).send({ count });
    },
  );

  app.post('/trash/restore', async (request, reply) => {
    const auth = requirePermission(request, 'asset.delete');
    return reply.status(200).send({ count: repos.assets.restoreAll(auth.user.id) });
  });

  app.post('/trash/empty', async (request, reply) => {
    const auth = requirePermission(request, 'asset.delete');
    const count = await removeAssetsForGood(app, repos.assets.trashedIds(auth.user.id));
    return reply.status(200).send({ count });
  });
}
