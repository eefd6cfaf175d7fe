import type { FastifyInstance, FastifyReply } from 'fastify';
import bcrypt from 'bcryptjs';
import { newId, newSecret, hashSecret } from '../../lib/tokens.ts';
import { badRequest, unauthorized } from '../../lib/http-errors.ts';
import { ACCESS_COOKIE, requireUser } from '../../plugins/auth.ts';
import type { UserRow } from '../../db/users.ts';
import { toUserAdminResponse } from './user-dto.ts';
import { LoginThrottle } from '../../lib/login-throttle.ts';

const emailSchema = { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;

const loginBody = {
  type: 'object',
  required: ['email', 'password'],
  properties: { email: emailSchema, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

const signUpBody = {
  type: 'object',
  required: ['email', 'password', 'name'],
  properties: {
    email: emailSchema,
    password: { type: 'string', minLength: 1, maxLength: 1024 },
    name: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

export const BCRYPT_ROUNDS = 10;

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

export function newUserRow(fields: {
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  shouldChangePassword?: boolean;
  quotaSizeInBytes?: number | null;
  storageLabel?: string | null;
}): UserRow {
  const now = new Date().toISOString();
  return {
    id: newId(),
    email: fields.email.toLowerCase(),
    name: fields.name,
    password_hash: fields.passwordHash,
    is_admin: fields.isAdmin ? 1 : 0,
    avatar_color: 'primary',
    storage_label: fields.storageLabel ?? (fields.isAdmin ? 'admin' : null),
    should_change_password: fields.shouldChangePassword ? 1 : 0,
    quota_size_in_bytes: fields.quotaSizeInBytes ?? null,
    created_at: now,
    updated_at: now,
    profile_changed_at: now,
    deleted_at: null,
  };
}

function setSessionCookies(reply: FastifyReply, token: string, secure: boolean): void {
  const base = { path: '/', sameSite: 'lax' as const, secure, maxAge: 400 * 24 * 3600 };
  void reply.setCookie(ACCESS_COOKIE, token, { ...base, httpOnly: true });
  void reply.setCookie('immich_auth_type', 'password', { ...base, httpOnly: true });
  void reply.setCookie('immich_is_authenticated', 'true', base);
}

function clearSessionCookies(reply: FastifyReply): void {
  for (const name of [ACCESS_COOKIE, 'immich_auth_type', 'immich_is_authenticated']) {
    void reply.clearCookie(name, { path: '/' });
  }
}

export interface AuthRoutesOptions {
  /** Slows repeated failed logins (429 with Retry-After); one per app. */
  loginThrottle?: LoginThrottle;
}

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions = {}): Promise<void> {
  const { users, sessions } = app.repos;
  const throttle = options.loginThrottle ?? new LoginThrottle();

  app.post<{ Body: { email: string; password: string; name: string } }>(
    '/auth/admin-sign-up',
    { config: { auth: 'public' }, schema: { body: signUpBody } },
    async (request, reply) => {
      const { email, password, name } = request.body;
      if (users.hasAdmin()) throw badRequest('The server already has an admin');
      const user = newUserRow({ email, name, passwordHash: await hashPassword(password), isAdmin: true });
      users.insert(user);
      return reply.status(201).send(toUserAdminResponse(user));
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/auth/login',
    { config: { auth: 'public' }, schema: { body: loginBody } },
    async (request, reply) => {
      const { email, password } = request.body;
      throttle.check(email, request.ip);
      const user = users.byEmail(email);
      // Compare against a dummy hash when the user is unknown, so timing does not tell.
      const ok = await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) {
        throttle.recordFailure(email, request.ip);
        throw unauthorized('Incorrect email or password');
      }
      throttle.recordSuccess(email, request.ip);
      const token = newSecret();
      const now = new Date().toISOString();
      sessions.insert({
        id: newId(),
        user_id: user.id,
        token_hash: hashSecret(token),
        device_type: String(request.headers['user-agent'] ?? '').slice(0, 200),
        device_os: '',
        created_at: now,
        updated_at: now,
      });
      setSessionCookies(reply, token, request.protocol === 'https');
      return reply.status(201).send({
        accessToken: token,
        userId: user.id,
        userEmail: user.email,
        name: user.name,
        isAdmin: user.is_admin === 1,
        profileImagePath: '',
        shouldChangePassword: user.should_change_password === 1,
        isOnboarded: true,
      });
    },
  );

  app.post('/auth/logout', async (request, reply) => {
    if (request.auth?.sessionId) sessions.delete(request.auth.sessionId);
    clearSessionCookies(reply);
    return { successful: true, redirectUri: '/auth/login' };
  });

  app.post('/auth/validateToken', async (request) => {
    requireUser(request);
    return { authStatus: true };
  });
}

const DUMMY_HASH = bcrypt.hashSync('lightbox-timing-guard', 4);
