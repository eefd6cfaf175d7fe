import { createBrowserRouter, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { prefetchTimeline } from '@/features/timeline/prefetch';
import type { TimelineViewName } from '@/features/timeline/views';
import { queryClient } from '@/lib/query-client';
import { looksSignedIn } from '@/lib/session-cookie';
import { AppShell } from './shell/app-shell';
import { AppLoading, RootLayout } from './root-layout';
import { RouteErrorBoundary } from './errors/route-error-boundary';
import { requireSession } from './session';

/**
 * A grid page's loader, defined here rather than in its lazy module so that it runs at once,
 * beside the page's code download: the bucket list and the first months are on the network
 * before the page renders.
 */
const gridLoader =
  (view: TimelineViewName) =>
  ({ request }: LoaderFunctionArgs): null => {
    // Signed out, the requests would only collect 401s while the session loader redirects.
    if (looksSignedIn()) void prefetchTimeline(queryClient, view, new URL(request.url).search);
    return null;
  };

/**
 * Every page is a lazy module exporting `Component`, and optionally `loader`
 * and `ErrorBoundary` (src/app/routes/*). Pages inside the shell get the
 * header and navigation; sign-in, sign-up and the viewer are full screen.
 */
export const routes: RouteObject[] = [
  {
    id: 'root',
    Component: RootLayout,
    ErrorBoundary: RouteErrorBoundary,
    HydrateFallback: AppLoading,
    children: [
      { path: 'auth/login', lazy: () => import('./routes/sign-in') },
      { path: 'auth/register', lazy: () => import('./routes/sign-up') },
      // Shared links open without signing in: the key in the URL is the access.
      { path: 'share/:key', lazy: () => import('./routes/share') },
      { path: 'share/:key/photos/:id', lazy: () => import('./routes/share') },
      {
        id: 'signed-in',
        loader: requireSession,
        // Only the first load asks who is signed in; a 401 later redirects by itself (session.ts).
        shouldRevalidate: ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
          currentUrl.pathname === nextUrl.pathname && defaultShouldRevalidate,
        ErrorBoundary: RouteErrorBoundary,
        children: [
          {
            Component: AppShell,
            ErrorBoundary: RouteErrorBoundary,
            children: [
              {
                // A page that fails (even to load its code) shows its error inside the shell.
                ErrorBoundary: RouteErrorBoundary,
                children: [
                  {
                    index: true,
                    loader: gridLoader('timeline'),
                    lazy: () => import('./routes/timeline'),
                  },
                  {
                    path: 'favorites',
                    loader: gridLoader('favorites'),
                    lazy: () => import('./routes/favorites'),
                  },
                  {
                    path: 'videos',
                    loader: gridLoader('videos'),
                    lazy: () => import('./routes/videos'),
                  },
                  {
                    path: 'archive',
                    loader: gridLoader('archive'),
                    lazy: () => import('./routes/archive'),
                  },
                  {
                    path: 'trash',
                    loader: gridLoader('trash'),
                    lazy: () => import('./routes/trash'),
                  },
                  { path: 'statistics', lazy: () => import('./routes/statistics') },
                  { path: '*', lazy: () => import('./routes/not-found') },
                ],
              },
            ],
          },
          { path: 'photos/:id', lazy: () => import('./routes/photo') },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
