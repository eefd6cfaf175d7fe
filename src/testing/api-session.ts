// Signs web tests in against the shared local test server (server/test/web-global-setup.ts).
// The server is shared by every web test file of a run, so the admin is signed up once (by
// whichever file comes first, with these fixed credentials) and each file then creates a user
// of its own through POST /admin/users, so that no file sees another's assets.
import { inject } from 'vitest';
import { configureApi } from '@/api/client';

export const TEST_ADMIN = {
  email: 'web-admin@example.com',
  password: 'web-admin-password',
  name: 'Web Admin',
};

export interface TestSession {
  apiUrl: string;
  email: string;
  password: string;
  userId: string;
  accessToken: string;
  /** Headers that authenticate as this user. */
  headers: Record<string, string>;
  /** The admin's token (for admin-only seeding). */
  adminToken: string;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function login(apiUrl: string, email: string, password: string) {
  const { status, body } = await post(`${apiUrl}/auth/login`, { email, password });
  if (status !== 201)
    throw new Error(`test login as ${email} failed: ${status} ${JSON.stringify(body)}`);
  return body as { accessToken: string; userId: string };
}

/** The admin exists once per server: sign it up unless another test file already did. */
async function adminLogin(apiUrl: string) {
  const signUp = await post(`${apiUrl}/auth/admin-sign-up`, TEST_ADMIN);
  if (signUp.status !== 201 && signUp.status !== 400) {
    throw new Error(`admin sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  }
  return login(apiUrl, TEST_ADMIN.email, TEST_ADMIN.password);
}

let counter = 0;

/**
 * A fresh user of its own (or the admin, while the server has no POST /admin/users), signed in
 * with a Bearer token; the fetch layer is configured to use the server and the token.
 */
export async function createTestSession(label = 'user'): Promise<TestSession> {
  const apiUrl = inject('apiUrl');
  const admin = await adminLogin(apiUrl);
  const adminHeaders = { authorization: `Bearer ${admin.accessToken}` };
  const email = `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'test-password';
  const created = await post(
    `${apiUrl}/admin/users`,
    { email, password, name: label },
    adminHeaders,
  );
  let session: { accessToken: string; userId: string };
  let sessionEmail = email;
  let sessionPassword = password;
  if (created.status === 201) {
    session = await login(apiUrl, email, password);
  } else if (created.status === 404) {
    // No admin users endpoint yet: every file shares the admin.
    session = admin;
    sessionEmail = TEST_ADMIN.email;
    sessionPassword = TEST_ADMIN.password;
  } else {
    throw new Error(
      `creating a test user failed: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  const headers = { authorization: `Bearer ${session.accessToken}` };
  configureApi({ baseUrl: apiUrl, headers });
  return {
    apiUrl,
    email: sessionEmail,
    password: sessionPassword,
    userId: session.userId,
    accessToken: session.accessToken,
    headers,
    adminToken: admin.accessToken,
  };
}
