import { redirect, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { serverQueries } from '@/features/server-info/server-queries';
import { queryClient } from '@/lib/query-client';
import { AuthCard } from '../auth/auth-card';
import { SignUpForm } from '../auth/sign-up-form';
import { SIGN_IN_PATH, type SignInState } from '../session';

/** Only a server without an admin offers this page. */
export async function loader() {
  const config = await queryClient.ensureQueryData({ ...serverQueries.config(), retry: false });
  if (config.isInitialized) return redirect(SIGN_IN_PATH);
  return null;
}

export function Component() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <AuthCard
      title="Welcome to Lightbox"
      intro="This server has no accounts yet. Create the admin account to get started."
    >
      <SignUpForm
        onSignedUp={(admin) => {
          client.setQueryData(serverQueries.config().queryKey, (config) =>
            config ? { ...config, isInitialized: true } : config,
          );
          const state: SignInState = { createdEmail: admin.email };
          void navigate(SIGN_IN_PATH, { replace: true, state });
        }}
      />
    </AuthCard>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
