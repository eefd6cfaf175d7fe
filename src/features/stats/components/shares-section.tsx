import { formatShare, fraction } from '../aggregate';
import { formatItems, formatNumber } from '../format';
import type { Totals } from '../stats-queries';
import { Section } from './section';
import styles from './shares-section.module.css';

/**
 * How the library divides: the share of favourites, and where everything stored sits (the
 * timeline, the archive, the trash). Text carries the numbers; the bars only draw them.
 */
export function SharesSection({ totals }: { totals: Totals }) {
  const all = totals.all.total;
  const favorites = totals.favorites.total;
  const archived = totals.archive.total;
  const trashed = totals.trash.total;
  // Stored = not trashed (timeline and archive) plus the trash.
  const stored = all + trashed;
  const inTimeline = Math.max(0, all - archived);
  const parts = [
    { key: 'timeline', label: 'In the timeline', value: inTimeline, tone: styles.timeline },
    { key: 'archive', label: 'In the archive', value: archived, tone: styles.archive },
    { key: 'trash', label: 'In the trash', value: trashed, tone: styles.trash },
  ];

  return (
    <Section title="Where things are">
      <div className={styles.block}>
        <p className={styles.lead}>
          <span className={styles.big}>{formatShare(favorites, all)}</span> of your photos and
          videos are favorites
        </p>
        <p className={styles.detail}>
          {`${formatNumber(favorites)} of ${formatItems(all)} (trash not included)`}
        </p>
        <div className={styles.track} aria-hidden="true">
          <span
            className={`${styles.fill} ${styles.favorites}`}
            style={{ width: `${fraction(favorites, all) * 100}%` }}
          />
        </div>
      </div>

      <div className={styles.block}>
        <p className={styles.lead}>{`Everything stored: ${formatItems(stored)}`}</p>
        <div className={styles.track} aria-hidden="true">
          {parts.map((part) =>
            part.value > 0 ? (
              <span
                key={part.key}
                className={`${styles.fill} ${part.tone}`}
                style={{ width: `${fraction(part.value, stored) * 100}%` }}
              />
            ) : null,
          )}
        </div>
        <ul className={styles.legend}>
          {parts.map((part) => (
            <li key={part.key}>
              <span className={`${styles.swatch} ${part.tone}`} aria-hidden="true" />
              {`${part.label}: ${formatNumber(part.value)} (${formatShare(part.value, stored)})`}
            </li>
          ))}
        </ul>
      </div>
    </Section>
  );
}
