import { Outlet, ScrollRestoration } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useRouteFocus } from './shell/use-route-focus';
import styles from './root-layout.module.css';

/** Above every page: scroll restoration and focus on navigation. */
export function RootLayout() {
  useRouteFocus();
  return (
    <>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}

/** Shown while the first page's data loads (who is signed in). */
export function AppLoading() {
  return (
    <div className={styles.loading}>
      <Spinner size={36} label="Loading Lightbox" />
    </div>
  );
}
