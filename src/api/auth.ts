import { apiFetch } from './client';
import type {
  LoginCredentialDto,
  LoginResponseDto,
  LogoutResponseDto,
  SignUpDto,
  UserAdminResponseDto,
  ValidateAccessTokenResponseDto,
} from './types';

/** POST /auth/login: a cookie session (and its token). A wrong password is a 401 ApiError. */
export const login = (
  { loginCredentialDto }: { loginCredentialDto: LoginCredentialDto },
  signal?: AbortSignal,
) =>
  apiFetch<LoginResponseDto>('/auth/login', {
    operation: 'login',
    method: 'POST',
    body: loginCredentialDto,
    signal,
    // A wrong password is not an expired session: the sign-in page shows the message itself.
    notifyUnauthorized: false,
  });

/** POST /auth/logout: ends the session and clears its cookies. */
export const logout = (signal?: AbortSignal) =>
  apiFetch<LogoutResponseDto>('/auth/logout', { operation: 'logout', method: 'POST', signal });

/** POST /auth/admin-sign-up: creates the first user (the admin) of a new server. */
export const signUpAdmin = ({ signUpDto }: { signUpDto: SignUpDto }, signal?: AbortSignal) =>
  apiFetch<UserAdminResponseDto>('/auth/admin-sign-up', {
    operation: 'signUpAdmin',
    method: 'POST',
    body: signUpDto,
    signal,
  });

/** POST /auth/validateToken: `{ authStatus: true }`, or a 401 ApiError when signed out. */
export const validateAccessToken = (signal?: AbortSignal) =>
  apiFetch<ValidateAccessTokenResponseDto>('/auth/validateToken', {
    operation: 'validateAccessToken',
    method: 'POST',
    signal,
    // Asking "am I signed in?" expects a 401 when not; it is not an expired session.
    notifyUnauthorized: false,
  });
