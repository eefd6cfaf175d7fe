import { useQuery } from '@tanstack/react-query';
import { isApiError } from '@/api/client';
import { ErrorMessage } from '@/components/ui/error-message';
import { Spinner } from '@/components/ui/spinner';
import { viewerQueries } from '../viewer-queries';
import { AssetViewer } from './asset-viewer';
import styles from './viewer.module.css';

export interface SharedViewerProps {
  /** The shared link's key (from its URL). */
  linkKey: string;
  /** The asset to show; the link's first asset when absent. */
  assetId?: string;
  onNavigate: (id: string) => void;
}

/**
 * What a visitor of a shared link sees: the viewer, read-only, over the link's
 * assets only, with the key sent on every request. No sign-in needed.
 */
export function SharedViewer({ linkKey, assetId, onNavigate }: SharedViewerProps) {
  const query = useQuery(viewerQueries.sharedLink(linkKey));

  if (query.isPending) {
    return (
      <div className={styles.viewer}>
        <div className={styles.spinner}>
          <Spinner label="Opening the shared link" />
        </div>
      </div>
    );
  }
  if (query.isError) {
    const gone = isApiError(query.error) && [400, 401, 403, 404].includes(query.error.status);
    return (
      <div className={styles.viewer}>
        <div className={styles.message}>
          {gone ? (
            <ErrorMessage
              variant="page"
              title="This link does not work"
              message="It may have expired or been removed. Ask whoever shared it for a new one."
            />
          ) : (
            <ErrorMessage
              variant="page"
              title="The shared link could not be opened"
              error={query.error}
              onRetry={() => void query.refetch()}
              retrying={query.isFetching}
            />
          )}
        </div>
      </div>
    );
  }

  const link = query.data;
  const id = assetId ?? link.assets[0]?.id;
  if (!id) {
    return (
      <div className={styles.viewer}>
        <div className={styles.message}>
          <ErrorMessage
            variant="page"
            title="Nothing is shared here"
            message="The photos of this link are no longer available."
          />
        </div>
      </div>
    );
  }
  return <AssetViewer assetId={id} shared={{ key: linkKey, link }} onNavigate={onNavigate} />;
}
