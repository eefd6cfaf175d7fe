import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useShortcuts } from '@/lib/shortcuts';
import { AssetViewer } from '@/features/viewer/components/asset-viewer';
import type { ViewerScope } from '@/features/viewer/viewer-queries';
import { ShortcutsDialog } from '../shortcuts-dialog';
import {
  isTimelineViewName,
  timelineViews,
  type TimelineViewName,
} from '@/features/timeline/views';

/** What the grid passes when it opens the viewer: the view whose order previous/next follow. */
export interface PhotoRouteState {
  view?: TimelineViewName;
}

const scopes = Object.fromEntries(
  Object.values(timelineViews).map((view) => [
    view.name,
    { filter: view.filter, onlyVideos: view.keep === 'videos' } satisfies ViewerScope,
  ]),
) as Record<TimelineViewName, ViewerScope>;

function readView(state: unknown): TimelineViewName | null {
  if (state && typeof state === 'object' && 'view' in state && isTimelineViewName(state.view)) {
    return state.view;
  }
  return null;
}

/** True when this tab's history has an entry before this one (react-router numbers them). */
function canGoBack(): boolean {
  const state: unknown = window.history.state;
  return Boolean(state && typeof state === 'object' && 'idx' in state && Number(state.idx) > 0);
}

/** /photos/:id: the asset viewer, full window. */
export function Component() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const view = readView(location.state);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // The viewer is outside the shell: it offers the shortcuts list itself.
  useShortcuts([
    {
      key: '?',
      group: 'General',
      description: 'Show keyboard shortcuts',
      handler: () => setShortcutsOpen(true),
    },
  ]);

  return (
    <AssetViewer
      assetId={id}
      view={view}
      scopes={scopes}
      // Moving between assets replaces the entry: Back leaves the viewer at once.
      onNavigate={(next) =>
        void navigate(`/photos/${encodeURIComponent(next)}`, {
          replace: true,
          state: location.state as PhotoRouteState | null,
        })
      }
      onClose={() => {
        if (canGoBack()) void navigate(-1);
        else void navigate(timelineViews[view ?? 'timeline'].path, { replace: true });
      }}
    >
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </AssetViewer>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
