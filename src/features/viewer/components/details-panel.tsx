import { useId, useRef, useState, type ReactNode, type Ref } from 'react';
import { AssetTypeEnum, type AssetResponseDto } from '@/api/types';
import { IconButton } from '@/components/ui/icon-button';
import { CloseIcon } from '@/components/ui/icons';
import {
  formatBytes,
  formatCamera,
  formatCoordinates,
  formatDimensions,
  formatDuration,
  formatExposure,
  formatTakenAt,
  mapUrl,
} from '../format';
import styles from './viewer.module.css';

export interface DetailsPanelProps {
  asset: AssetResponseDto;
  /** Shared-link visitors see the details but change nothing. */
  readOnly: boolean;
  onClose: () => void;
  /** Resolves with something truthy once saved (falsy: it failed, and may be sent again). */
  onSaveDescription: (description: string) => Promise<unknown>;
  onRate: (rating: number) => void;
  onEditDate: () => void;
  onEditLocation: () => void;
  descriptionRef?: Ref<HTMLTextAreaElement>;
  savingDescription?: boolean;
}

/** EXIF orientations 5–8 rotate by 90°: the stored width and height swap on screen. */
function isRotated(orientation: string | null | undefined): boolean {
  return ['5', '6', '7', '8'].includes(String(orientation ?? ''));
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.fact}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The `i` panel: what the file is, when and where it was taken, with what, and its edits. */
export function DetailsPanel({
  asset,
  readOnly,
  onClose,
  onSaveDescription,
  onRate,
  onEditDate,
  onEditLocation,
  descriptionRef,
  savingDescription = false,
}: DetailsPanelProps) {
  const headingId = useId();
  const exif = asset.exifInfo ?? {};
  const rotated = isRotated(exif.orientation);
  const width = rotated ? exif.exifImageHeight : exif.exifImageWidth;
  const height = rotated ? exif.exifImageWidth : exif.exifImageHeight;
  const dimensions = formatDimensions(width, height);
  const size = formatBytes(exif.fileSizeInByte);
  const camera = formatCamera(exif);
  const exposure = formatExposure(exif);
  const duration = asset.type === AssetTypeEnum.Video ? formatDuration(asset.duration) : null;
  const hasLocation =
    typeof exif.latitude === 'number' &&
    typeof exif.longitude === 'number' &&
    !(exif.latitude === 0 && exif.longitude === 0);
  const place = [exif.city, exif.state, exif.country].filter(Boolean).join(', ');

  return (
    <aside className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.panelHeader}>
        <h2 id={headingId}>Details</h2>
        <IconButton label="Close details" icon={<CloseIcon />} size="sm" onClick={onClose} />
      </div>
      <div className={styles.panelBody}>
        <DescriptionField
          key={`${asset.id}:${exif.description ?? ''}`}
          initial={exif.description ?? ''}
          readOnly={readOnly}
          saving={savingDescription}
          onSave={onSaveDescription}
          textareaRef={descriptionRef}
        />
        <RatingField key={asset.id} rating={exif.rating ?? 0} readOnly={readOnly} onRate={onRate} />

        <section className={styles.section} aria-label="Information">
          <h3 className={styles.sectionTitle}>Information</h3>
          <dl className={styles.facts}>
            <Fact label="File name">{asset.originalFileName}</Fact>
            <Fact label="Taken">
              <span className={styles.editRow}>
                <span>
                  {formatTakenAt({
                    localDateTime: asset.localDateTime,
                    fileCreatedAt: asset.fileCreatedAt,
                    timeZone: exif.timeZone,
                  })}
                </span>
              </span>
              {!readOnly && (
                <button type="button" className={styles.linkButton} onClick={onEditDate}>
                  Edit date and time
                </button>
              )}
            </Fact>
            {(dimensions || size) && (
              <Fact label="Size">{[dimensions, size].filter(Boolean).join(' · ')}</Fact>
            )}
            {duration && <Fact label="Duration">{duration}</Fact>}
            {asset.originalMimeType && <Fact label="Type">{asset.originalMimeType}</Fact>}
            {camera && <Fact label="Camera">{camera}</Fact>}
            {exif.lensModel && <Fact label="Lens">{exif.lensModel}</Fact>}
            {exposure && <Fact label="Exposure">{exposure}</Fact>}
            <Fact label="Location">
              {hasLocation ? (
                <>
                  {place && <span>{place}</span>}
                  {place && <br />}
                  <a
                    href={mapUrl(exif.latitude!, exif.longitude!)}
                    target="_blank"
                    rel="noreferrer noopener"
                  >
                    {formatCoordinates(exif.latitude!, exif.longitude!)}
                    <span className="visually-hidden">
                      {' '}
                      (map on OpenStreetMap, opens a new tab)
                    </span>
                  </a>
                </>
              ) : (
                <span>Unknown</span>
              )}
              {!readOnly && (
                <>
                  <br />
                  <button type="button" className={styles.linkButton} onClick={onEditLocation}>
                    {hasLocation ? 'Edit location' : 'Add location'}
                  </button>
                </>
              )}
            </Fact>
          </dl>
        </section>
      </div>
    </aside>
  );
}

function DescriptionField({
  initial,
  readOnly,
  saving,
  onSave,
  textareaRef,
}: {
  initial: string;
  readOnly: boolean;
  saving: boolean;
  onSave: (description: string) => Promise<unknown>;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  // What was last sent: Enter saves and then blurs, and the blur must not save it again.
  const submitted = useRef<string | null>(initial.trim());
  if (readOnly) {
    return initial ? (
      <section className={styles.section} aria-label="Description">
        <h3 className={styles.sectionTitle}>Description</h3>
        <p>{initial}</p>
      </section>
    ) : null;
  }
  const save = () => {
    const text = draft.trim();
    if (text === submitted.current) return;
    submitted.current = text;
    void onSave(text).then((saved) => {
      if (!saved) submitted.current = null;
    });
  };
  return (
    <div className={styles.section}>
      <label htmlFor={id} className={styles.sectionTitle}>
        Description
      </label>
      <textarea
        id={id}
        ref={textareaRef}
        className={styles.description}
        value={draft}
        placeholder="Add a description"
        maxLength={5000}
        aria-busy={saving || undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={save}
        onKeyDown={(event) => {
          // Enter saves; Shift+Enter starts a new line; Escape puts back what was saved.
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            save();
            event.currentTarget.blur();
          } else if (event.key === 'Escape') {
            event.stopPropagation();
            setDraft(initial);
            event.currentTarget.blur();
          }
        }}
      />
    </div>
  );
}

const STARS = [1, 2, 3, 4, 5] as const;

function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="m12 3.5 2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9Z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function RatingField({
  rating,
  readOnly,
  onRate,
}: {
  rating: number;
  readOnly: boolean;
  onRate: (rating: number) => void;
}) {
  const name = useId();
  const saved = Math.max(0, Math.min(5, Math.round(rating)));
  // The star clicked shows in the click's own render; the asset's rating takes over again
  // whenever it changes (its optimistic update, the server's answer, a rollback, an undo).
  const [chosen, setChosen] = useState<number | null>(null);
  const [seen, setSeen] = useState(saved);
  if (seen !== saved) {
    setSeen(saved);
    setChosen(null);
  }
  const value = chosen ?? saved;
  const choose = (n: number) => {
    setChosen(n);
    onRate(n);
  };
  if (readOnly) {
    return value > 0 ? (
      <p className={styles.section}>
        <span className={styles.sectionTitle}>Rating</span>
        <span>{value} of 5 stars</span>
      </p>
    ) : null;
  }
  return (
    <fieldset className={[styles.section, styles.ratingField].join(' ')}>
      <legend className={styles.sectionTitle}>Rating</legend>
      <div className={styles.rating}>
        <label className={styles.star} title="No rating">
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            checked={value === 0}
            onChange={() => choose(0)}
            aria-label="No rating"
          />
          <CloseIcon size={16} />
        </label>
        {STARS.map((n) => (
          <label key={n} className={[styles.star, n <= value ? styles.starFilled : ''].join(' ')}>
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              checked={value === n}
              onChange={() => choose(n)}
              aria-label={n === 1 ? '1 star' : `${n} stars`}
            />
            <StarIcon filled={n <= value} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
