import { useNavigate, useParams } from 'react-router';
import { SharedViewer } from '@/features/viewer/components/shared-viewer';

/** /share/:key and /share/:key/photos/:id: a shared link, opened without signing in. */
export function Component() {
  const { key = '', id } = useParams();
  const navigate = useNavigate();
  return (
    <SharedViewer
      linkKey={key}
      assetId={id}
      onNavigate={(next) =>
        void navigate(`/share/${encodeURIComponent(key)}/photos/${encodeURIComponent(next)}`, {
          replace: true,
        })
      }
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
