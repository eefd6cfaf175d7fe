import type { FastifyInstance } from 'fastify';
import type { AssetVisibility, BucketFilter, BucketRow } from '../../db/assets.ts';
import {
  requireElevatedPermission,
  requirePermission,
  requireTimelineAccess,
} from '../../lib/access.ts';
import { badRequest } from '../../lib/http-errors.ts';
import type { AuthContext } from '../../plugins/auth.ts';
import { uuid, visibility } from './asset-input.ts';

interface TimelineQuery {
  albumId?: string;
  isFavorite?: boolean;
  isTrashed?: boolean;
  key?: string;
  order?: 'asc' | 'desc';
  personId?: string;
  tagId?: string;
  userId?: string;
  visibility?: AssetVisibility;
  withPartners?: boolean;
  withStacked?: boolean;
}

const timelineProperties = {
  albumId: uuid,
  isFavorite: { type: 'boolean' },
  isTrashed: { type: 'boolean' },
  key: { type: 'string' },
  order: { type: 'string', enum: ['asc', 'desc'] },
  personId: uuid,
  tagId: uuid,
  userId: uuid,
  visibility,
  withPartners: { type: 'boolean' },
  withStacked: { type: 'boolean' },
} as const;

/**
 * Immich's timeBucketChecks, for a server without albums, people, tags or partners: an album id
 * can name no album the caller may read, and a person or tag filter matches nothing.
 */
function bucketFilter(auth: AuthContext, query: TimelineQuery): BucketFilter | null {
  if (query.visibility === 'locked') requireElevatedPermission();
  if (query.albumId) throw badRequest('Not found or no album.read access');
  const userId = query.userId ?? auth.user.id;
  requireTimelineAccess(auth, userId);
  if (query.withPartners) {
    const archived = query.visibility === 'archive' || query.visibility === undefined;
    if (archived || query.isFavorite !== undefined || query.isTrashed === true) {
      throw badRequest(
        'withPartners is only supported for non-archived, non-trashed, non-favorited assets',
      );
    }
  }
  if (query.personId || query.tagId) return null;
  return {
    ownerIds: [userId],
    isFavorite: query.isFavorite,
    isTrashed: query.isTrashed,
    visibility: query.visibility,
    order: query.order,
  };
}

/** 'YYYY-MM' of a bucket parameter ('2024-01-01', or a full ISO date-time as older clients send). */
function parseBucket(value: string): { month: string; next: string } {
  const match = /^(\d{4})-(\d{2})(?:-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?$/.exec(
    value.trim(),
  );
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    throw badRequest(['timeBucket must be a date like 2024-01-01']);
  }
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return { month: `${pad(year, 4)}-${pad(month)}`, next: `${pad(nextYear, 4)}-${pad(nextMonth)}` };
}

/** Displayed width / height, from the decoded size, else the exif size and orientation, else 1. */
function ratioOf(row: BucketRow): number {
  let width = row.width;
  let height = row.height;
  if (!width || !height) {
    width = row.exif_image_width;
    height = row.exif_image_height;
    if (width && height && ['5', '6', '7', '8', '-90', '90'].includes(row.orientation ?? '')) {
      [width, height] = [height, width];
    }
  }
  if (!width || !height) return 1;
  return Math.round((width / height) * 1000) / 1000;
}

/** Immich sends fileCreatedAt as a UTC timestamp without its zone suffix. */
function withoutZone(iso: string): string {
  return iso.replace(/\.000Z$|Z$/, '');
}

function offsetHours(row: BucketRow): number {
  const local = Date.parse(row.local_date_time);
  const created = Date.parse(row.file_created_at);
  if (Number.isNaN(local) || Number.isNaN(created)) return 0;
  return Math.round(((local - created) / 3_600_000) * 100) / 100;
}

export async function timelineRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.get<{ Querystring: TimelineQuery }>(
    '/timeline/buckets',
    { schema: { querystring: { type: 'object', properties: timelineProperties } } },
    async (request) => {
      const auth = requirePermission(request, 'asset.read');
      const filter = bucketFilter(auth, request.query);
      if (!filter) return [];
      return repos.assets
        .timeBuckets(filter)
        .map(({ month, count }) => ({ timeBucket: `${month}-01`, count }));
    },
  );

  app.get<{ Querystring: TimelineQuery & { timeBucket: string } }>(
    '/timeline/bucket',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { ...timelineProperties, timeBucket: { type: 'string' } },
          required: ['timeBucket'],
        },
      },
    },
    async (request) => {
      const auth = requirePermission(request, 'asset.read');
      const { month, next } = parseBucket(request.query.timeBucket);
      const filter = bucketFilter(auth, request.query);
      const rows = filter ? repos.assets.timeBucket(filter, month, next) : [];
      const response = {
        id: rows.map((r) => r.id),
        ownerId: rows.map((r) => r.owner_id),
        ratio: rows.map(ratioOf),
        isFavorite: rows.map((r) => r.owner_id === auth.user.id && r.is_favorite === 1),
        visibility: rows.map((r) => r.visibility),
        isTrashed: rows.map((r) => r.deleted_at !== null),
        isImage: rows.map((r) => r.type === 'IMAGE'),
        thumbhash: rows.map((r) => r.thumbhash),
        fileCreatedAt: rows.map((r) => withoutZone(r.file_created_at)),
        localOffsetHours: rows.map(offsetHours),
        duration: rows.map((r) => r.duration),
        projectionType: rows.map((r) => r.projection_type),
        livePhotoVideoId: rows.map((r) => r.live_photo_video_id),
        city: rows.map((r) => r.city),
        country: rows.map((r) => r.country),
      };
      // Stacks exist only when asked for; this server has none, so every entry is null.
      return request.query.withStacked ? { ...response, stack: rows.map(() => null) } : response;
    },
  );
}
