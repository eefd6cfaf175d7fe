import { redirect, type LoaderFunctionArgs } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { isApiError, onUnauthorized } from '@/api/client';
import { authQueries } from '@/features/auth/auth-queries';
import { queryClient } from '@/lib/query-client';
import { clearToasts } from '@/components/ui/toast';

export const SIGN_IN_PATH = '/auth/login';
export const SIGN_UP_PATH = '/auth/register';

/** Why the sign-in page is shown, passed in the navigation state. */
export interface SignInState {
  /** The session ended (a 401 while browsing). */
  expired?: boolean;
  /** The admin account was just created with this email. */
  createdEmail?: string;
}

/**
 * The `continue` parameter, made safe: only a path on this site (never
 * `//host` or `https://…`, which would send the user elsewhere after sign-in).
 */
export function safeContinuePath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  if (value.startsWith(SIGN_IN_PATH) || value.startsWith(SIGN_UP_PATH)) return '/';
  return value;
}

/** `/auth/login?continue=<where the user was>` (no parameter for the home page). */
export function signInPath(from: string): string {
  const target = safeContinuePath(from);
  return target === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?continue=${encodeURIComponent(target)}`;
}

/** Loader of the signed-in part of the app: the current user, or a redirect to sign-in. */
export async function requireSession({ request }: LoaderFunctionArgs) {
  try {
    return await queryClient.ensureQueryData(authQueries.me());
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      const url = new URL(request.url);
      return redirect(signInPath(url.pathname + url.search + url.hash));
    }
    throw error;
  }
}

/** Forgets everything the signed-out user saw (cached data, toasts). */
export function clearSession(client: QueryClient = queryClient): void {
  void client.cancelQueries();
  client.clear();
  clearToasts();
}

interface NavigatingRouter {
  state: {
    location: { pathname: string; search: string; hash: string };
    navigation: { location?: { pathname: string; search: string; hash: string } };
  };
  navigate: (to: string, options: { replace: boolean; state: SignInState }) => Promise<void>;
}

/**
 * A 401 from any request (the session expired or was revoked) sends the user to
 * sign-in, with `continue` set to where they were, once, however many requests fail.
 */
export function installUnauthorizedRedirect(router: NavigatingRouter): () => void {
  return onUnauthorized(() => {
    const current = router.state.navigation.location ?? router.state.location;
    // Sign-in pages handle their own 401s; shared-link visitors have no session to lose
    // (their page explains a bad or expired key itself).
    if (current.pathname.startsWith('/auth/') || current.pathname.startsWith('/share/')) return;
    // Only someone who was signed in in this tab hears that the session ended.
    const expired = queryClient.getQueryData(authQueries.me().queryKey) !== undefined;
    clearSession();
    void router.navigate(signInPath(current.pathname + current.search + current.hash), {
      replace: true,
      state: { expired },
    });
  });
}
