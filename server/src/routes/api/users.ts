import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../plugins/auth.ts';
import { toUserAdminResponse } from './user-dto.ts';

export async function userRoutes(app: FastifyInstance): Promise<void> {
  app.get('/users/me', async (request) => toUserAdminResponse(requireUser(request)));
}
