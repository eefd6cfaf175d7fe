import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { BulkUpdate } from '../use-bulk-actions';
import { browserOffset, formatOffset, OFFSETS, toIsoWithOffset } from '../date-time';
import styles from './bulk-actions.module.css';

export type EditKind = 'date' | 'location' | 'rating' | 'description';

const TITLES: Record<EditKind, string> = {
  date: 'Change date and time',
  location: 'Change location',
  rating: 'Set rating',
  description: 'Set description',
};

export interface EditDialogProps {
  kind: EditKind;
  count: number;
  onClose: () => void;
  onSubmit: (update: BulkUpdate, label: string) => void;
}

/** One form per edit; it checks its input before anything is sent. */
export function EditDialog({ kind, count, onClose, onSubmit }: EditDialogProps) {
  const formId = useId();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [local, setLocal] = useState('');
  const [offset, setOffset] = useState(browserOffset);
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [rating, setRating] = useState('0');
  const [description, setDescription] = useState('');
  const items = `${count.toLocaleString()} ${count === 1 ? 'item' : 'items'}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    switch (kind) {
      case 'date': {
        const iso = toIsoWithOffset(local, offset);
        if (!iso) return setError('Enter a valid date and time.');
        return onSubmit({ dateTimeOriginal: iso }, 'Changing the date');
      }
      case 'location': {
        const lat = Number(latitude);
        const lon = Number(longitude);
        if (latitude.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90)
          return setError('Latitude must be a number from -90 to 90.');
        if (longitude.trim() === '' || !Number.isFinite(lon) || lon < -180 || lon > 180)
          return setError('Longitude must be a number from -180 to 180.');
        return onSubmit({ latitude: lat, longitude: lon }, 'Changing the location');
      }
      case 'rating':
        return onSubmit({ rating: Number(rating) }, 'Setting the rating');
      case 'description':
        return onSubmit({ description: description.trim() }, 'Setting the description');
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={TITLES[kind]}
      description={`For ${items}.`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId}>
            Save
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className={styles.form}
        onSubmit={submit}
        noValidate
        aria-describedby={error ? errorId : undefined}
      >
        {kind === 'date' && (
          <>
            <label className={styles.field}>
              Date and time
              <input
                type="datetime-local"
                step={1}
                required
                value={local}
                onChange={(e) => setLocal(e.target.value)}
              />
            </label>
            <label className={styles.field}>
              Time zone
              <select value={offset} onChange={(e) => setOffset(Number(e.target.value))}>
                {OFFSETS.map((m) => (
                  <option key={m} value={m}>
                    UTC{formatOffset(m)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {kind === 'location' && (
          <>
            <label className={styles.field}>
              Latitude
              <input
                inputMode="decimal"
                value={latitude}
                onChange={(e) => setLatitude(e.target.value)}
              />
            </label>
            <label className={styles.field}>
              Longitude
              <input
                inputMode="decimal"
                value={longitude}
                onChange={(e) => setLongitude(e.target.value)}
              />
            </label>
          </>
        )}
        {kind === 'rating' && (
          <label className={styles.field}>
            Rating
            <select value={rating} onChange={(e) => setRating(e.target.value)}>
              <option value="0">No rating</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n} {n === 1 ? 'star' : 'stars'}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'description' && (
          <label className={styles.field}>
            Description
            <textarea
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
        )}
        {error && (
          <p id={errorId} role="alert" className={styles.error}>
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

export interface ConfirmDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** A permanent action's confirmation; the title names how many items it affects. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open
      size="sm"
      onClose={onClose}
      title={title}
      description={description}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
