import { useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { assetQueries } from '@/features/assets/asset-queries';
import { getDeviceId } from '@/lib/device-id';
import { parseDeviceAssetId, type DeviceFile } from '../aggregate';
import { formatItems, formatModified, formatNumber } from '../format';
import { Section } from './section';
import styles from './device-section.module.css';

/** Most files listed at once; the rest are counted. */
const LIST_LIMIT = 200;

const byNewest = (a: DeviceFile, b: DeviceFile) =>
  (b.lastModified ?? -Infinity) - (a.lastModified ?? -Infinity) ||
  a.deviceAssetId.localeCompare(b.deviceAssetId);

/**
 * "On this device": what GET /assets/device/{deviceId} reports for this browser's device id
 * (the one the uploader sends), and the files behind it on request. Immich answers with the
 * files' deviceAssetIds only, so the list shows what those say: name and modification time.
 */
export function DeviceSection() {
  const deviceId = getDeviceId();
  const ids = useQuery(assetQueries.deviceAssetIds(deviceId));
  const [open, setOpen] = useState(false);
  const listId = useId();
  const files = useMemo(() => (ids.data ?? []).map(parseDeviceAssetId).sort(byNewest), [ids.data]);

  const body = () => {
    if (ids.isPending) return <div className={styles.skeleton} aria-hidden="true" />;
    if (ids.isError) {
      return (
        <ErrorMessage
          title="Could not load this device’s uploads"
          error={ids.error}
          onRetry={() => void ids.refetch()}
          retrying={ids.isFetching}
        />
      );
    }
    const count = files.length;
    return (
      <>
        <p className={styles.lead}>
          {count === 0 ? (
            'Nothing has been uploaded from this browser yet (or all of it is in the trash).'
          ) : (
            <>
              <span className={styles.big}>{formatNumber(count)}</span>
              {` ${count === 1 ? 'item was' : 'items were'} uploaded from this browser and ${count === 1 ? 'is' : 'are'} still in your library.`}
            </>
          )}
        </p>
        <p className={styles.device}>
          Device id <code>{deviceId}</code>
        </p>
        {count > 0 && (
          <>
            <Button
              size="sm"
              variant="ghost"
              className={styles.toggle}
              aria-expanded={open}
              aria-controls={listId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? 'Hide them' : `See them (${formatItems(count)})`}
            </Button>
            <div id={listId} hidden={!open}>
              {open && <DeviceFileList files={files} />}
            </div>
          </>
        )}
      </>
    );
  };

  return (
    <Section title="On this device" busy={ids.isPending}>
      {body()}
    </Section>
  );
}

function DeviceFileList({ files }: { files: readonly DeviceFile[] }) {
  const shown = files.slice(0, LIST_LIMIT);
  return (
    <>
      <ul className={styles.list} aria-label="Files uploaded from this browser">
        {shown.map((file) => (
          <li key={file.deviceAssetId} className={styles.file}>
            <span className={styles.name}>{file.name ?? file.deviceAssetId}</span>
            {file.lastModified !== null && (
              <span className={styles.when}>{`modified ${formatModified(file.lastModified)}`}</span>
            )}
          </li>
        ))}
      </ul>
      {files.length > shown.length && (
        <p className={styles.more}>{`and ${formatItems(files.length - shown.length)} more`}</p>
      )}
    </>
  );
}
