import {
  redirect,
  type LoaderFunctionArgs,
  useLoaderData,
  useLocation,
  useNavigate,
  useSearchParams,
} from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/client';
import { authQueries } from '@/features/auth/auth-queries';
import { serverQueries } from '@/features/server-info/server-queries';
import { queryClient } from '@/lib/query-client';
import { AuthCard } from '../auth/auth-card';
import { SignInForm } from '../auth/sign-in-form';
import { clearSession, safeContinuePath, SIGN_UP_PATH, type SignInState } from '../session';

/**
 * A server without users sends everyone to the first-run admin sign-up (as
 * Immich does); someone already signed in goes on to where they were headed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  // Not retried: a server that does not answer gets the unreachable notice at once.
  const config = await queryClient.ensureQueryData({ ...serverQueries.config(), retry: false });
  if (!config.isInitialized) return redirect(SIGN_UP_PATH);
  try {
    await queryClient.ensureQueryData(authQueries.me());
    return redirect(safeContinuePath(new URL(request.url).searchParams.get('continue')));
  } catch (error) {
    if (!isApiError(error) || error.status !== 401) throw error;
  }
  return { loginPageMessage: config.loginPageMessage };
}

export function Component() {
  const { loginPageMessage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const state = (useLocation().state ?? {}) as SignInState;
  const navigate = useNavigate();
  const client = useQueryClient();

  const notice = state.createdEmail
    ? 'The admin account is ready. Sign in with it.'
    : state.expired
      ? 'Your session has ended. Sign in again to continue.'
      : undefined;

  return (
    <AuthCard title="Sign in" intro={loginPageMessage || 'Sign in to see your photos.'}>
      <SignInForm
        defaultEmail={state.createdEmail}
        notice={notice}
        onSignedIn={() => {
          // Nothing from an earlier session may show through.
          clearSession(client);
          void navigate(safeContinuePath(params.get('continue')), { replace: true });
        }}
      />
    </AuthCard>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
