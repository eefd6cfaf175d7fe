import type { FallbackProps } from 'react-error-boundary';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { errorTitle } from './describe-error';

/** Last line of defence (react-error-boundary around the whole app): never a blank page. */
export function AppErrorFallback({ error, resetErrorBoundary }: FallbackProps) {
  return (
    <main>
      <ErrorMessage
        variant="page"
        title={errorTitle(error)}
        error={error}
        onRetry={resetErrorBoundary}
        actions={
          <Button size="sm" variant="ghost" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        }
      />
    </main>
  );
}
