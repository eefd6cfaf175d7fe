import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { AssetStatsResponseDto } from '@/api/types';
import { ArchiveIcon, HeartIcon, PhotosIcon, TrashIcon } from '@/components/ui/icons';
import { formatCount, formatNumber } from '../format';
import type { TotalKind, Totals } from '../stats-queries';
import styles from './totals-cards.module.css';

interface CardInfo {
  title: string;
  icon: ReactNode;
  /** The page listing them; none for "All" (the timeline leaves the archive out). */
  to?: string;
}

const CARDS: Record<TotalKind, CardInfo> = {
  all: { title: 'All', icon: <PhotosIcon size={20} /> },
  favorites: { title: 'Favorites', icon: <HeartIcon size={20} />, to: '/favorites' },
  archive: { title: 'Archive', icon: <ArchiveIcon size={20} />, to: '/archive' },
  trash: { title: 'Trash', icon: <TrashIcon size={20} />, to: '/trash' },
};

const ORDER: TotalKind[] = ['all', 'favorites', 'archive', 'trash'];

/** The four totals as cards; skeleton cards while they load. */
export function TotalsCards({ totals }: { totals: Totals | undefined }) {
  return (
    <ul className={styles.cards}>
      {ORDER.map((kind) => (
        <li key={kind} className={styles.item}>
          <TotalCard info={CARDS[kind]} stats={totals?.[kind]} />
        </li>
      ))}
    </ul>
  );
}

function TotalCard({ info, stats }: { info: CardInfo; stats: AssetStatsResponseDto | undefined }) {
  const titleId = useId();
  const other = stats ? stats.total - stats.images - stats.videos : 0;
  return (
    <section className={styles.card} aria-labelledby={titleId} aria-busy={!stats || undefined}>
      <h3 id={titleId} className={styles.title}>
        <span className={styles.icon}>{info.icon}</span>
        {info.to ? (
          <Link to={info.to} className={styles.titleLink}>
            {info.title}
          </Link>
        ) : (
          info.title
        )}
      </h3>
      {stats ? (
        <>
          <p className={styles.total}>
            <span className={styles.number}>{formatNumber(stats.total)}</span>{' '}
            {stats.total === 1 ? 'item' : 'items'}
          </p>
          <ul className={styles.split}>
            <li>{formatCount(stats.images, 'photo', 'photos')}</li>
            <li>{formatCount(stats.videos, 'video', 'videos')}</li>
            {other > 0 && <li>{formatCount(other, 'other', 'others')}</li>}
          </ul>
        </>
      ) : (
        <div className={styles.skeleton} aria-hidden="true">
          <span className={styles.skeletonNumber} />
          <span className={styles.skeletonLine} />
        </div>
      )}
    </section>
  );
}
