import { ASSET_VISIBILITIES, type AssetVisibility } from '../../db/assets.ts';
import { badRequest } from '../../lib/http-errors.ts';

/** JSON-schema pieces shared by the asset, timeline and trash routes. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const visibility = { type: 'string', enum: [...ASSET_VISIBILITIES] } as const;
export const idParams = {
  type: 'object',
  properties: { id: uuid },
  required: ['id'],
} as const;
export const keyQuery = { type: 'object', properties: { key: { type: 'string' } } } as const;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The multipart fields of AssetMediaCreateDto / AssetMediaReplaceDto, validated as Immich does. */
export interface UploadFields {
  deviceAssetId: string | null;
  deviceId: string | null;
  fileCreatedAt: string;
  fileModifiedAt: string;
  duration: string | null;
  filename: string | undefined;
  isFavorite: boolean;
  visibility: AssetVisibility;
  livePhotoVideoId: string | undefined;
}

/** An ISO 8601 date-time (or date) as a normalised UTC instant, or undefined when not one. */
export function parseInstant(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) {
    return undefined;
  }
  // A date-time without a zone is read as UTC (never as the server's local time).
  const zoned =
    /[T ]\d{2}:\d{2}/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? `${value}Z` : value;
  const time = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Validates the text fields of an upload. `deviceAssetId` and `deviceId` may be absent (newer
 * Immich servers accept that, and the official CLI 3.x sends neither); when sent they must not be
 * empty, as in 1.135. Every problem is reported, in one 400.
 */
export function parseUploadFields(
  fields: Map<string, string>,
  kind: 'create' | 'replace',
): UploadFields {
  const errors: string[] = [];
  const optionalText = (name: string): string | null => {
    const value = fields.get(name);
    if (value === undefined) return null;
    if (value.trim() === '') errors.push(`${name} should not be empty`);
    return value;
  };
  const date = (name: string): string => {
    const value = fields.get(name);
    const parsed = value === undefined ? undefined : parseInstant(value);
    if (!parsed) errors.push(`${name} must be a Date instance`);
    return parsed ?? '';
  };
  const deviceAssetId = optionalText('deviceAssetId');
  const deviceId = optionalText('deviceId');
  const fileCreatedAt = date('fileCreatedAt');
  const fileModifiedAt = date('fileModifiedAt');
  const duration = fields.get('duration') ?? null;
  const filename = fields.get('filename');

  let isFavorite = false;
  let vis: AssetVisibility = 'timeline';
  let livePhotoVideoId: string | undefined;
  if (kind === 'create') {
    const favorite = fields.get('isFavorite');
    if (favorite !== undefined) {
      if (favorite === 'true' || favorite === 'false') isFavorite = favorite === 'true';
      else errors.push('isFavorite must be a boolean value');
    }
    const v = fields.get('visibility');
    if (v !== undefined) {
      if ((ASSET_VISIBILITIES as readonly string[]).includes(v)) vis = v as AssetVisibility;
      else
        errors.push(
          `visibility must be one of the following values: ${ASSET_VISIBILITIES.join(', ')}`,
        );
    }
    const live = fields.get('livePhotoVideoId');
    if (live !== undefined && live !== '') {
      if (UUID_PATTERN.test(live)) livePhotoVideoId = live.toLowerCase();
      else errors.push('livePhotoVideoId must be a UUID');
    }
  }
  if (errors.length > 0) throw badRequest(errors);
  return {
    deviceAssetId,
    deviceId,
    fileCreatedAt,
    fileModifiedAt,
    duration: duration === '' ? null : duration,
    filename,
    isFavorite,
    visibility: vis,
    livePhotoVideoId,
  };
}

/** What a user's date-time edit means for the asset: the instant, the local wall clock, the zone. */
export interface DateEdit {
  instant: string;
  localDateTime: string;
  timeZone: string;
}

/**
 * Reads `dateTimeOriginal` of UpdateAssetDto: with an offset (…+02:00) the wall clock there
 * becomes the local date-time and the zone "UTC+2"; with Z or none, UTC.
 */
export function parseDateEdit(value: string): DateEdit | undefined {
  const instant = parseInstant(value);
  if (!instant) return undefined;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!offset || !/[T ]\d{2}:\d{2}/.test(value)) {
    return { instant, localDateTime: instant, timeZone: 'UTC' };
  }
  const [, sign = '+', hh = '00', mm = '00'] = offset;
  const minutes = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  const local = new Date(Date.parse(instant) + minutes * 60_000).toISOString();
  const zone = minutes === 0 ? 'UTC' : `UTC${sign}${Number(hh)}${mm === '00' ? '' : `:${mm}`}`;
  return { instant, localDateTime: local, timeZone: zone };
}
