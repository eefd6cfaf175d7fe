import { useState } from 'react';
import { Outlet, useNavigation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '@/features/auth/auth-queries';
import { UploadProvider } from '@/features/upload/components/upload-provider';
import { useShortcuts } from '@/lib/shortcuts';
import { ShortcutsDialog } from '../shortcuts-dialog';
import { ConnectionBanner } from './connection-banner';
import { Header } from './header';
import { Nav } from './nav';
import styles from './app-shell.module.css';

/**
 * The signed-in frame: skip link, header (brand, actions, account), the
 * navigation (sidebar, or a bottom bar on phones) and the page in <main>.
 */
export function AppShell() {
  // The route's loader (requireSession) has put the user in the cache.
  const { data: user } = useQuery(authQueries.me());
  const navigation = useNavigation();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  useShortcuts([
    {
      key: '?',
      group: 'General',
      description: 'Show keyboard shortcuts',
      handler: () => setShortcutsOpen(true),
    },
  ]);

  const loading = navigation.state === 'loading';
  return (
    // Files dropped or pasted anywhere in the signed-in app are uploaded.
    <UploadProvider>
      <div className={styles.shell} data-app-shell="">
        <a className={styles.skipLink} href="#main">
          Skip to content
        </a>
        <Header
          user={{ name: user?.name ?? '', email: user?.email ?? '' }}
          onShowShortcuts={() => setShortcutsOpen(true)}
        />
        {loading && <div className={styles.progress} aria-hidden="true" />}
        <ConnectionBanner />
        <div className={styles.body}>
          <Nav />
          <main id="main" className={styles.main} tabIndex={-1} aria-busy={loading || undefined}>
            <Outlet />
          </main>
        </div>
        <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      </div>
    </UploadProvider>
  );
}
