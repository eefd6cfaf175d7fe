import { useEffect } from 'react';
import {
  isRouteErrorResponse,
  Link,
  useLocation,
  useNavigate,
  useNavigation,
  useRouteError,
} from 'react-router';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { ErrorMessage } from '@/components/ui/error-message';
import { isApiError } from '@/api/client';
import { isChunkLoadError, isUnreachableError, onReconnect } from '../connection';
import { NotFound } from './not-found';
import { ServerUnreachable } from './server-unreachable';
import { errorDetail, errorTitle } from './describe-error';
import styles from './route-error-boundary.module.css';

/**
 * The ErrorBoundary of every route: a loader or a page that throws lands here.
 * It never leaves a blank page: a 404 shows "Page not found", an unreachable
 * server the reconnecting notice, anything else the server's message with Retry.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { reset } = useQueryErrorResetBoundary();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const unreachable = isUnreachableError(error);

  // Going to the same address again re-runs its loaders and gives the page a fresh
  // start (a revalidation alone may leave an error boundary showing its old error).
  const reload = () => {
    reset();
    void navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: location.state as unknown },
    );
  };

  // Back online: load the page again. A failed code chunk stays failed in the
  // browser's module map, so that case needs a fresh page load.
  useEffect(() => {
    if (!unreachable) return;
    return onReconnect(() => {
      if (isChunkLoadError(error)) {
        window.location.reload();
        return;
      }
      reload();
    });
  });

  useEffect(() => {
    if (!unreachable && !isRouteErrorResponse(error)) console.error(error);
  }, [error, unreachable]);

  if (unreachable) return <ServerUnreachable />;
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  if (isApiError(error) && error.status === 404) return <NotFound message={error.message} />;

  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : undefined;
  const detail = errorDetail(error);
  return (
    <div className={styles.wrap}>
      <ErrorMessage
        variant="page"
        title={errorTitle(error)}
        error={error}
        message={message}
        retrying={navigation.state !== 'idle'}
        onRetry={reload}
        actions={
          <Link className={styles.link} to="/">
            Go to Photos
          </Link>
        }
      />
      {detail && <p className={styles.detail}>{detail}</p>}
    </div>
  );
}
