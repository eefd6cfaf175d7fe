import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import styles from './viewer.module.css';

export interface ShareOptions {
  /** ISO date, or null for a link that never expires. */
  expiresAt: string | null;
  allowDownload: boolean;
  showMetadata: boolean;
}

const EXPIRY_CHOICES = [
  { label: 'Never', hours: 0 },
  { label: '1 hour', hours: 1 },
  { label: '1 day', hours: 24 },
  { label: '7 days', hours: 24 * 7 },
  { label: '30 days', hours: 24 * 30 },
] as const;

export interface ShareDialogProps {
  open: boolean;
  onClose: () => void;
  fileName: string;
  /** Creates the link and resolves with its URL. */
  onCreate: (options: ShareOptions) => Promise<string>;
}

type CopyState = 'idle' | 'copied' | 'failed';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Creates a shared link for one asset and copies its URL. */
export function ShareDialog({ open, onClose, fileName, onCreate }: ShareDialogProps) {
  const formId = useId();
  const [expiryHours, setExpiryHours] = useState<number>(0);
  const [allowDownload, setAllowDownload] = useState(true);
  const [showMetadata, setShowMetadata] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const urlRef = useRef<HTMLInputElement>(null);

  const copyUrl = async (value: string) => {
    const ok = await copyText(value);
    setCopy(ok ? 'copied' : 'failed');
    if (!ok) urlRef.current?.select();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const expiresAt =
        expiryHours > 0 ? new Date(Date.now() + expiryHours * 3_600_000).toISOString() : null;
      const created = await onCreate({ expiresAt, allowDownload, showMetadata });
      setUrl(created);
      await copyUrl(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Share"
      description={`Anyone with the link can see ${fileName}, without signing in.`}
      footer={
        url ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" type="submit" form={formId} pending={pending}>
              Create link
            </Button>
          </>
        )
      }
    >
      {url ? (
        <div className={styles.form}>
          <label className={styles.field}>
            Shared link
            <input
              ref={urlRef}
              className={styles.shareUrl}
              readOnly
              value={url}
              onFocus={(event) => event.currentTarget.select()}
            />
          </label>
          <div className={styles.editRow}>
            <Button size="sm" onClick={() => void copyUrl(url)}>
              Copy link
            </Button>
            <span role="status" className={styles.hint}>
              {copy === 'copied' && 'Link copied to the clipboard.'}
              {copy === 'failed' &&
                'Could not copy automatically: the link is selected, copy it with Ctrl+C.'}
            </span>
          </div>
        </div>
      ) : (
        <form id={formId} className={styles.form} onSubmit={(event) => void submit(event)}>
          <label className={styles.field}>
            Expires
            <select
              value={expiryHours}
              onChange={(event) => setExpiryHours(Number(event.target.value))}
            >
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.hours} value={choice.hours}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.checkbox}>
            <input
              type="checkbox"
              checked={allowDownload}
              onChange={(event) => setAllowDownload(event.target.checked)}
            />
            Allow download of the original
          </label>
          <label className={styles.checkbox}>
            <input
              type="checkbox"
              checked={showMetadata}
              onChange={(event) => setShowMetadata(event.target.checked)}
            />
            Show details (date, camera, location)
          </label>
          {error !== null && <ErrorMessage title="The link was not created" error={error} />}
        </form>
      )}
    </Dialog>
  );
}
