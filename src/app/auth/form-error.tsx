import { isApiError } from '@/api/client';
import { AlertIcon } from '@/components/ui/icons';
import { errorText } from '@/components/ui/error-text';
import styles from './form.module.css';

/** The server's answer to a failed form, or a plain word when there was no answer. */
export function FormError({ error }: { error: unknown }) {
  const message =
    isApiError(error) && error.status === 0
      ? 'Can’t reach the server. Check that it is running and that you are online, then try again.'
      : errorText(error);
  return (
    <div role="alert" className={styles.alert}>
      <AlertIcon size={20} />
      <span>{message}</span>
    </div>
  );
}
