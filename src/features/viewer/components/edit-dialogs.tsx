import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import {
  COMMON_OFFSETS,
  formatOffset,
  offsetMinutes,
  parseCoordinate,
  toDateTimeLocalValue,
  toDateTimeOriginal,
} from '../format';
import styles from './viewer.module.css';

interface DialogBase {
  open: boolean;
  onClose: () => void;
  pending: boolean;
}

export interface EditDateDialogProps extends DialogBase {
  localDateTime: string;
  fileCreatedAt: string;
  onSave: (dateTimeOriginal: string) => void;
}

/** Date and time taken, as the wall clock where it was taken, with that place's UTC offset. */
export function EditDateDialog({
  open,
  onClose,
  pending,
  localDateTime,
  fileCreatedAt,
  onSave,
}: EditDateDialogProps) {
  const formId = useId();
  const initialOffset = offsetMinutes(localDateTime, fileCreatedAt) ?? 0;
  const [value, setValue] = useState(() => toDateTimeLocalValue(localDateTime));
  const [offset, setOffset] = useState(initialOffset);
  const [error, setError] = useState<string | null>(null);
  const offsets = COMMON_OFFSETS.includes(initialOffset)
    ? COMMON_OFFSETS
    : [...COMMON_OFFSETS, initialOffset].sort((a, b) => a - b);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toDateTimeOriginal(value, offset);
    if (!result) {
      setError('Enter a valid date and time.');
      return;
    }
    setError(null);
    onSave(result);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Edit date and time"
      description="When the photo was taken, on the clock where it was taken."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={formId} pending={pending}>
            Save
          </Button>
        </>
      }
    >
      <form id={formId} className={styles.form} onSubmit={submit} noValidate>
        <label className={styles.field}>
          Date and time
          <input
            type="datetime-local"
            step={1}
            required
            value={value}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <label className={styles.field}>
          Time zone
          <select value={offset} onChange={(event) => setOffset(Number(event.target.value))}>
            {offsets.map((minutes) => (
              <option key={minutes} value={minutes}>
                UTC{formatOffset(minutes)}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className={styles.fieldError} role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

export interface EditLocationDialogProps extends DialogBase {
  latitude: number | null;
  longitude: number | null;
  onSave: (location: { latitude: number; longitude: number }) => void;
}

export function EditLocationDialog({
  open,
  onClose,
  pending,
  latitude,
  longitude,
  onSave,
}: EditLocationDialogProps) {
  const formId = useId();
  const [lat, setLat] = useState(latitude === null ? '' : String(latitude));
  const [lon, setLon] = useState(longitude === null ? '' : String(longitude));
  const [errors, setErrors] = useState<{ lat?: string; lon?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsedLat = parseCoordinate(lat, 90);
    const parsedLon = parseCoordinate(lon, 180);
    const next = {
      lat: parsedLat === null ? 'Enter a latitude between -90 and 90.' : undefined,
      lon: parsedLon === null ? 'Enter a longitude between -180 and 180.' : undefined,
    };
    setErrors(next);
    if (parsedLat === null || parsedLon === null) return;
    onSave({ latitude: parsedLat, longitude: parsedLon });
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Edit location"
      description="Decimal degrees: north and east are positive."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={formId} pending={pending}>
            Save
          </Button>
        </>
      }
    >
      <form id={formId} className={styles.form} onSubmit={submit} noValidate>
        <CoordinateField
          label="Latitude"
          value={lat}
          onChange={setLat}
          error={errors.lat}
          placeholder="48.8584"
        />
        <CoordinateField
          label="Longitude"
          value={lon}
          onChange={setLon}
          error={errors.lon}
          placeholder="2.2945"
        />
      </form>
    </Dialog>
  );
}

function CoordinateField({
  label,
  value,
  onChange,
  error,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder: string;
}) {
  const errorId = useId();
  return (
    <label className={styles.field}>
      {label}
      <input
        inputMode="decimal"
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <span id={errorId} className={styles.fieldError}>
          {error}
        </span>
      )}
    </label>
  );
}

export interface ConfirmDeleteDialogProps extends DialogBase {
  fileName: string;
  onConfirm: () => void;
}

export function ConfirmDeleteDialog({
  open,
  onClose,
  pending,
  fileName,
  onConfirm,
}: ConfirmDeleteDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title="Delete permanently?"
      description={`${fileName} will be deleted for good. This cannot be undone.`}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={onConfirm}>
            Delete permanently
          </Button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
