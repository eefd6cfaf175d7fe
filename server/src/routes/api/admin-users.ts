import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../lib/http-errors.ts';
import { hashPassword, newUserRow } from './auth.ts';
import { toUserAdminResponse } from './user-dto.ts';
import type { UserRow } from '../../db/users.ts';

/** Immich's UserAvatarColor. */
export const AVATAR_COLORS = [
  'primary',
  'pink',
  'red',
  'yellow',
  'blue',
  'green',
  'purple',
  'orange',
  'gray',
  'amber',
] as const;

const uuid = { type: 'string', format: 'uuid' } as const;

const createBody = {
  type: 'object',
  required: ['email', 'password', 'name'],
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' },
    password: { type: 'string', maxLength: 1024 },
    name: { type: 'string', minLength: 1, maxLength: 500 },
    avatarColor: { anyOf: [{ type: 'string', enum: AVATAR_COLORS }, { type: 'null' }] },
    isAdmin: { type: 'boolean' },
    notify: { type: 'boolean' },
    quotaSizeInBytes: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
    shouldChangePassword: { type: 'boolean' },
    storageLabel: { anyOf: [{ type: 'string', maxLength: 255 }, { type: 'null' }] },
  },
} as const;

interface CreateBody {
  email: string;
  password: string;
  name: string;
  avatarColor?: (typeof AVATAR_COLORS)[number] | null;
  isAdmin?: boolean;
  notify?: boolean;
  quotaSizeInBytes?: number | null;
  shouldChangePassword?: boolean;
  storageLabel?: string | null;
}

/**
 * Immich keeps a storage label usable as a folder name: no dots, no path or reserved
 * characters, no control characters.
 */
export function sanitizeStorageLabel(label: string): string {
  // eslint-disable-next-line no-control-regex
  return label.replace(/[./\\?<>:*|"\u0000-\u001f\u0080-\u009f]/g, '').trim();
}

export async function adminUserRoutes(app: FastifyInstance): Promise<void> {
  const { users } = app.repos;
  const respond = (user: UserRow) => toUserAdminResponse(user, users.usageInBytes(user.id));

  app.post<{ Body: CreateBody }>(
    '/admin/users',
    { config: { auth: 'admin', permission: 'admin.user.create' }, schema: { body: createBody } },
    async (request, reply) => {
      const body = request.body;
      if (!body.password) throw badRequest('password is required');
      const email = body.email.toLowerCase();
      const storageLabel =
        body.storageLabel == null ? null : sanitizeStorageLabel(body.storageLabel) || null;
      const taken = () => {
        if (users.emailTaken(email)) throw badRequest('User exists');
        if (storageLabel && users.storageLabelTaken(storageLabel)) {
          throw badRequest('Storage label already in use by another user');
        }
      };
      taken();
      const user = newUserRow({
        email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
        isAdmin: body.isAdmin ?? false,
        shouldChangePassword: body.shouldChangePassword ?? false,
        quotaSizeInBytes: body.quotaSizeInBytes ?? null,
        storageLabel,
      });
      user.avatar_color = body.avatarColor ?? user.avatar_color;
      // Only the first admin (sign-up) gets the 'admin' label by default.
      user.storage_label = storageLabel;
      // Checked again after the slow hash, in the same tick as the insert: no race can slip by.
      taken();
      users.insert(user);
      return reply.status(201).send(respond(user));
    },
  );

  app.get<{ Querystring: { id?: string; withDeleted?: boolean } }>(
    '/admin/users',
    {
      config: { auth: 'admin', permission: 'admin.user.read' },
      schema: {
        querystring: {
          type: 'object',
          properties: { id: uuid, withDeleted: { type: 'boolean' } },
        },
      },
    },
    async (request) => users.list(request.query).map(respond),
  );

  app.get<{ Params: { id: string } }>(
    '/admin/users/:id',
    {
      config: { auth: 'admin', permission: 'admin.user.read' },
      schema: { params: { type: 'object', required: ['id'], properties: { id: uuid } } },
    },
    async (request) => {
      const [user] = users.list({ id: request.params.id, withDeleted: true });
      if (!user) throw badRequest('User not found');
      return respond(user);
    },
  );
}
