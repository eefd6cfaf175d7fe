import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { PhotosIcon } from '@/components/ui/icons';
import styles from './not-found.module.css';

export interface NotFoundProps {
  /** The server's message when an API answer was 404 (e.g. an asset that no longer exists). */
  message?: string;
}

/** "Page not found": the 404 route and any route whose loader says 404. */
export function NotFound({ message }: NotFoundProps) {
  return (
    <div className={styles.page}>
      <title>Not found · Lightbox</title>
      <h1 className={styles.heading} tabIndex={-1}>
        Page not found
      </h1>
      <EmptyState
        icon={<PhotosIcon />}
        title="There is nothing at this address"
        description={
          message ??
          'The link may be mistyped, or what it pointed to may have been moved or deleted.'
        }
        action={
          <Link className={styles.home} to="/">
            Go to Photos
          </Link>
        }
      />
    </div>
  );
}
