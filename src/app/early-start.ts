// The page's first script (vite.config.ts puts it ahead of the app's bundle), kept small and
// free of React: a signed-in user who opens a grid gets its bucket list, its first months and
// then the first screen's thumbnails on the network while the browser is still downloading,
// compiling and starting the app. All of that used to wait for the app's own start-up, about
// half a second on a slow machine. The grid's loader then finds these queries under way in
// the one QueryClient, and its images find theirs in the browser's memory cache.
import { preloadFirstScreen } from '@/features/timeline/first-screen';
import { prefetchTimeline } from '@/features/timeline/prefetch';
import { viewAtPath } from '@/features/timeline/views';
import { queryClient } from '@/lib/query-client';
import { looksSignedIn } from '@/lib/session-cookie';

const view = viewAtPath(location.pathname);
// A signed-out visitor would only collect a 401: sign-in comes first.
if (view && looksSignedIn()) {
  void prefetchTimeline(queryClient, view, location.search).then((months) => {
    preloadFirstScreen(months, innerWidth, innerHeight);
  });
}
