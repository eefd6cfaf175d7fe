import { useEffect, useState } from 'react';
import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router';
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
  const revalidator = useRevalidator();
  const { reset } = useQueryErrorResetBoundary();
  const [retrying, setRetrying] = useState(false);
  const unreachable = isUnreachableError(error);

  // Back online: load the page again. A failed code chunk stays failed in the
  // browser's module map, so that case needs a fresh page load.
  useEffect(() => {
    if (!unreachable) return;
    return onReconnect(() => {
      if (isChunkLoadError(error)) {
        window.location.reload();
        return;
      }
      reset();
      void revalidator.revalidate();
    });
  }, [unreachable, error, reset, revalidator]);

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
        retrying={retrying || revalidator.state === 'loading'}
        onRetry={() => {
          setRetrying(true);
          reset();
          void revalidator.revalidate().finally(() => setRetrying(false));
        }}
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
