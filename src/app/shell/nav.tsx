import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import {
  ArchiveIcon,
  ChartIcon,
  HeartIcon,
  PhotosIcon,
  TrashIcon,
  VideoIcon,
} from '@/components/ui/icons';
import styles from './nav.module.css';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

/** The app's sections, in the order of the sidebar (and the phone's bottom bar). */
const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Photos', icon: <PhotosIcon /> },
  { to: '/favorites', label: 'Favorites', icon: <HeartIcon /> },
  { to: '/videos', label: 'Videos', icon: <VideoIcon /> },
  { to: '/archive', label: 'Archive', icon: <ArchiveIcon /> },
  { to: '/trash', label: 'Trash', icon: <TrashIcon /> },
  { to: '/statistics', label: 'Statistics', icon: <ChartIcon /> },
];

/** One <nav>: a sidebar on wide screens, a bar at the bottom on phones (CSS decides). */
export function Nav() {
  return (
    <nav className={styles.nav} aria-label="Main">
      <ul className={styles.list}>
        {NAV_ITEMS.map((item) => (
          <li key={item.to} className={item.to === '/archive' ? styles.groupStart : undefined}>
            <NavLink
              to={item.to}
              end={item.to === '/'}
              className={({ isActive }) =>
                [styles.link, isActive ? styles.active : ''].filter(Boolean).join(' ')
              }
            >
              <span className={styles.icon}>{item.icon}</span>
              <span className={styles.label}>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
