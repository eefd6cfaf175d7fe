import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, forbidden } from '../../lib/http-errors.ts';
import { hashSecret, newId, newSecret } from '../../lib/tokens.ts';
import { PERMISSIONS, isGranted } from '../../lib/permissions.ts';
import { requireUser } from '../../plugins/auth.ts';
import type { ApiKeyRow } from '../../db/sessions.ts';

/** APIKeyResponseDto */
export function toApiKeyResponse(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    createdAt: key.created_at,
    updatedAt: key.updated_at,
    permissions: JSON.parse(key.permissions) as string[],
  };
}

const permissionList = {
  type: 'array',
  minItems: 1,
  maxItems: PERMISSIONS.length,
  items: { type: 'string', enum: PERMISSIONS },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

interface KeyBody {
  name?: string;
  permissions?: string[];
}

/** A key may only hand out permissions it has itself (sessions have them all). */
function requireGrantable(
  request: FastifyRequest,
  permissions: readonly string[] | undefined,
): void {
  const current = request.auth?.apiKey?.permissions;
  if (current && permissions && !isGranted(permissions, current)) {
    throw badRequest('Cannot grant permissions you do not have');
  }
}

export async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
  const { apiKeys } = app.repos;

  app.post<{ Body: KeyBody & { permissions: string[] } }>(
    '/api-keys',
    {
      config: { permission: 'apiKey.create' },
      schema: {
        body: {
          type: 'object',
          required: ['permissions'],
          properties: { name: { type: 'string', maxLength: 500 }, permissions: permissionList },
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const permissions = [...new Set(request.body.permissions)];
      requireGrantable(request, permissions);
      const secret = newSecret();
      const now = new Date().toISOString();
      const key: ApiKeyRow = {
        id: newId(),
        user_id: user.id,
        name: request.body.name || 'API Key',
        key_hash: hashSecret(secret),
        permissions: JSON.stringify(permissions),
        created_at: now,
        updated_at: now,
      };
      apiKeys.insert(key);
      return reply.status(201).send({ secret, apiKey: toApiKeyResponse(key) });
    },
  );

  app.get('/api-keys', { config: { permission: 'apiKey.read' } }, async (request) =>
    apiKeys.listByUser(requireUser(request).id).map(toApiKeyResponse),
  );

  // Newer Immich servers answer this for the key in use (the CLI reads its permissions here). A
  // static path, so it never reaches /api-keys/:id.
  app.get('/api-keys/me', async (request) => {
    const user = requireUser(request);
    const current = request.auth?.apiKey;
    if (!current) throw forbidden('Not authenticated with an API Key');
    const key = apiKeys.byId(user.id, current.id);
    if (!key) throw badRequest('API Key not found');
    return toApiKeyResponse(key);
  });

  app.get<{ Params: { id: string } }>(
    '/api-keys/:id',
    { config: { permission: 'apiKey.read' }, schema: { params: idParams } },
    async (request) => {
      const key = apiKeys.byId(requireUser(request).id, request.params.id);
      if (!key) throw badRequest('API Key not found');
      return toApiKeyResponse(key);
    },
  );

  app.put<{ Params: { id: string }; Body: KeyBody }>(
    '/api-keys/:id',
    {
      config: { permission: 'apiKey.update' },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 500 },
            permissions: permissionList,
          },
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { name, permissions } = request.body;
      if (!apiKeys.byId(user.id, request.params.id)) throw badRequest('API Key not found');
      const unique = permissions && [...new Set(permissions)];
      requireGrantable(request, unique);
      const key = apiKeys.update(user.id, request.params.id, { name, permissions: unique });
      if (!key) throw badRequest('API Key not found');
      return toApiKeyResponse(key);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api-keys/:id',
    { config: { permission: 'apiKey.delete' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = requireUser(request);
      if (!apiKeys.delete(user.id, request.params.id)) throw badRequest('API Key not found');
      return reply.status(204).send();
    },
  );
}
