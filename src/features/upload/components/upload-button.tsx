import { Button } from '@/components/ui/button';
import { IconButton } from '@/components/ui/icon-button';
import { UploadIcon } from '@/components/ui/icons';
import { useUploadActions } from '../upload-context';
import styles from './upload-button.module.css';

/** The header's Upload actions: files, or a whole folder. Renders nothing outside an UploadProvider. */
export function UploadButton() {
  const actions = useUploadActions();
  if (!actions) return null;
  return (
    <div className={styles.group}>
      <Button
        variant="secondary"
        size="sm"
        onClick={actions.pickFiles}
        title="Upload files (or drop them anywhere)"
      >
        <UploadIcon size={18} />
        <span className={styles.text}>Upload</span>
      </Button>
      <IconButton
        label="Upload folder"
        icon={<FolderIcon />}
        size="sm"
        onClick={actions.pickFolder}
      />
    </div>
  );
}

function FolderIcon() {
  return (
    <svg
      width={20}
      height={20}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M3.5 7.5A2 2 0 0 1 5.5 5.5h4l2 2h7a2 2 0 0 1 2 2v7.5a2 2 0 0 1-2 2h-13a2 2 0 0 1-2-2z" />
      <path d="M12 15.5v-5M9.5 13 12 10.5l2.5 2.5" />
    </svg>
  );
}
