import { Link } from 'react-router';
import { ArrowLeftIcon, PhotosIcon } from '@/components/ui/icons';
import { NotAvailable } from '../shell/not-available';
import styles from './photo.module.css';

/** /photos/:id: the asset viewer, full screen, outside the shell's chrome. */
export function Component() {
  return (
    <main id="main" className={styles.viewer} tabIndex={-1}>
      <title>Photo · Lightbox</title>
      <div className={styles.bar}>
        <Link to="/" className={styles.back} aria-label="Back to Photos">
          <ArrowLeftIcon />
        </Link>
        <h1 className={styles.title} tabIndex={-1}>
          Photo
        </h1>
      </div>
      <div className={styles.body}>
        <NotAvailable what="The viewer" icon={<PhotosIcon />} />
      </div>
    </main>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '../errors/route-error-boundary';
