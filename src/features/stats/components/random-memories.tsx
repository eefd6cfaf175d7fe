import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { viewAssetUrl } from '@/api/assets';
import { AssetTypeEnum, AssetVisibility } from '@/api/types';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { RetryIcon, VideoIcon } from '@/components/ui/icons';
import { assetQueries } from '@/features/assets/asset-queries';
import { memoryName } from '../format';
import { photoPath } from '../paths';
import { MEMORY_COUNT } from '../stats-queries';
import { Section } from './section';
import styles from './random-memories.module.css';

/**
 * A strip of random assets from GET /assets/random, each opening the viewer. Shuffle asks for
 * a new draw; the old one stays on screen until it arrives.
 */
export function RandomMemories() {
  const random = useQuery({
    ...assetQueries.random(MEMORY_COUNT),
    // A new draw only when asked (or after a change to the library), not on every tab switch.
    refetchOnWindowFocus: false,
  });
  const shuffling = random.isFetching && !random.isPending;

  const body = () => {
    if (random.isPending) {
      return (
        <ul className={styles.strip} aria-hidden="true">
          {Array.from({ length: MEMORY_COUNT }, (_, i) => (
            <li key={i} className={`${styles.item} ${styles.placeholder}`} />
          ))}
        </ul>
      );
    }
    if (random.isError && !random.data) {
      return (
        <ErrorMessage
          title="Could not pick random memories"
          error={random.error}
          onRetry={() => void random.refetch()}
          retrying={random.isFetching}
        />
      );
    }
    if (random.data.length === 0) {
      return <p className={styles.note}>Nothing to pick from: everything is in the trash.</p>;
    }
    return (
      <ul className={styles.strip} aria-busy={shuffling || undefined}>
        {random.data.map((asset) => (
          <li key={asset.id} className={styles.item}>
            <Link
              to={photoPath(asset.id)}
              // The viewer steps through the view the asset belongs to.
              state={{
                view: asset.visibility === AssetVisibility.Archive ? 'archive' : 'timeline',
              }}
              className={styles.link}
            >
              <img
                className={styles.image}
                src={viewAssetUrl({ id: asset.id, c: asset.thumbhash ?? asset.checksum })}
                alt={memoryName(asset)}
                loading="lazy"
                decoding="async"
              />
              {asset.type === AssetTypeEnum.Video && (
                <span className={styles.badge} aria-hidden="true">
                  <VideoIcon size={16} />
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Section
      title="Random memories"
      busy={random.isPending}
      actions={
        <Button
          size="sm"
          onClick={() => void random.refetch()}
          pending={shuffling}
          disabled={random.isPending}
        >
          {!shuffling && <RetryIcon size={16} />}
          Shuffle
        </Button>
      }
    >
      {body()}
    </Section>
  );
}
