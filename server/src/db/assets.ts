import type { Db } from './database.ts';

export type AssetType = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'OTHER';
export type AssetVisibility = 'archive' | 'timeline' | 'hidden' | 'locked';
export type MediaStatus = 'pending' | 'ready' | 'failed';

export const ASSET_VISIBILITIES: readonly AssetVisibility[] = [
  'archive',
  'timeline',
  'hidden',
  'locked',
];

export interface AssetRow {
  id: string;
  owner_id: string;
  device_asset_id: string | null;
  device_id: string | null;
  type: AssetType;
  /** Relative to the data folder. */
  original_path: string;
  original_file_name: string;
  original_mime_type: string;
  checksum: Buffer;
  file_size_in_byte: number;
  file_created_at: string;
  file_modified_at: string;
  local_date_time: string;
  created_at: string;
  updated_at: string;
  is_favorite: number;
  visibility: AssetVisibility;
  deleted_at: string | null;
  duration: string | null;
  live_photo_video_id: string | null;
  duplicate_id: string | null;
  thumbhash: string | null;
  thumbnail_path: string | null;
  preview_path: string | null;
  fullsize_path: string | null;
  encoded_video_path: string | null;
  sidecar_path: string | null;
  width: number | null;
  height: number | null;
  media_status: MediaStatus;
  media_error: string | null;
}

export interface ExifRow {
  asset_id: string;
  make: string | null;
  model: string | null;
  exif_image_width: number | null;
  exif_image_height: number | null;
  file_size_in_byte: number | null;
  orientation: string | null;
  date_time_original: string | null;
  modify_date: string | null;
  time_zone: string | null;
  lens_model: string | null;
  f_number: number | null;
  focal_length: number | null;
  iso: number | null;
  exposure_time: string | null;
  latitude: number | null;
  longitude: number | null;
  city: string | null;
  state: string | null;
  country: string | null;
  description: string | null;
  projection_type: string | null;
  rating: number | null;
  /** JSON array of the exif columns a user set; metadata extraction does not overwrite them. */
  locked_properties: string;
}

export type ExifValues = Partial<Omit<ExifRow, 'asset_id' | 'locked_properties'>>;

export const EXIF_COLUMNS = [
  'make',
  'model',
  'exif_image_width',
  'exif_image_height',
  'file_size_in_byte',
  'orientation',
  'date_time_original',
  'modify_date',
  'time_zone',
  'lens_model',
  'f_number',
  'focal_length',
  'iso',
  'exposure_time',
  'latitude',
  'longitude',
  'city',
  'state',
  'country',
  'description',
  'projection_type',
  'rating',
] as const satisfies readonly (keyof ExifValues)[];

/** Columns a caller may change after creation (never id, owner or checksum through this path). */
export type AssetChanges = Partial<
  Pick<
    AssetRow,
    | 'device_asset_id'
    | 'device_id'
    | 'type'
    | 'original_path'
    | 'original_file_name'
    | 'original_mime_type'
    | 'checksum'
    | 'file_size_in_byte'
    | 'file_created_at'
    | 'file_modified_at'
    | 'local_date_time'
    | 'is_favorite'
    | 'visibility'
    | 'deleted_at'
    | 'duration'
    | 'live_photo_video_id'
    | 'duplicate_id'
    | 'thumbhash'
    | 'thumbnail_path'
    | 'preview_path'
    | 'fullsize_path'
    | 'encoded_video_path'
    | 'sidecar_path'
    | 'width'
    | 'height'
    | 'media_status'
    | 'media_error'
  >
>;

const CHANGEABLE = new Set<string>([
  'device_asset_id',
  'device_id',
  'type',
  'original_path',
  'original_file_name',
  'original_mime_type',
  'checksum',
  'file_size_in_byte',
  'file_created_at',
  'file_modified_at',
  'local_date_time',
  'is_favorite',
  'visibility',
  'deleted_at',
  'duration',
  'live_photo_video_id',
  'duplicate_id',
  'thumbhash',
  'thumbnail_path',
  'preview_path',
  'fullsize_path',
  'encoded_video_path',
  'sidecar_path',
  'width',
  'height',
  'media_status',
  'media_error',
]);

/** Filters shared by statistics and the timeline, as Immich applies them. */
export interface AssetFilter {
  ownerIds: string[];
  isFavorite?: boolean;
  isTrashed?: boolean;
  /** undefined: Immich's default, archive and timeline. */
  visibility?: AssetVisibility;
}

export interface BucketFilter extends AssetFilter {
  order?: 'asc' | 'desc';
}

/** One row of a timeline bucket: the asset columns plus the exif ones the bucket shows. */
export interface BucketRow {
  id: string;
  owner_id: string;
  type: AssetType;
  is_favorite: number;
  visibility: AssetVisibility;
  deleted_at: string | null;
  thumbhash: string | null;
  file_created_at: string;
  local_date_time: string;
  duration: string | null;
  live_photo_video_id: string | null;
  width: number | null;
  height: number | null;
  exif_image_width: number | null;
  exif_image_height: number | null;
  orientation: string | null;
  projection_type: string | null;
  city: string | null;
  country: string | null;
}

export interface ChecksumMatch {
  id: string;
  checksum: Buffer;
  deleted_at: string | null;
}

export interface StoredFiles {
  id: string;
  owner_id: string;
  original_path: string;
  thumbnail_path: string | null;
  preview_path: string | null;
  fullsize_path: string | null;
  encoded_video_path: string | null;
  sidecar_path: string | null;
}

const FILE_COLUMNS =
  'id, owner_id, original_path, thumbnail_path, preview_path, fullsize_path, encoded_video_path, sidecar_path';

/** SQLite allows 32766 bound parameters; stay far below it. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

function filterSql(filter: AssetFilter, alias = 'a'): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  clauses.push(`${alias}.owner_id IN (${placeholders(filter.ownerIds.length)})`);
  params.push(...filter.ownerIds);
  if (filter.visibility === undefined) {
    clauses.push(`${alias}.visibility IN ('archive', 'timeline')`);
  } else {
    clauses.push(`${alias}.visibility = ?`);
    params.push(filter.visibility);
  }
  clauses.push(
    filter.isTrashed ? `${alias}.deleted_at IS NOT NULL` : `${alias}.deleted_at IS NULL`,
  );
  if (filter.isFavorite !== undefined) {
    clauses.push(`${alias}.is_favorite = ?`);
    params.push(filter.isFavorite ? 1 : 0);
  }
  return { sql: clauses.join(' AND '), params };
}

export class AssetRepository {
  constructor(private readonly db: Db) {}

  /** False once the database is closed (the server is shutting down). */
  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * Inserts an asset and its first exif row in one transaction. Returns false (and stores nothing)
   * when the owner already has an asset with this checksum.
   */
  create(asset: AssetRow, exif: ExifValues = {}): boolean {
    const columns = Object.keys(asset);
    const insertAsset = this.db.prepare(
      `INSERT INTO assets (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    try {
      this.db.transaction(() => {
        insertAsset.run(asset);
        this.upsertExif(asset.id, exif);
      })();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  byId(id: string): AssetRow | undefined {
    return this.db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as AssetRow | undefined;
  }

  byIds(ids: readonly string[]): AssetRow[] {
    const out: AssetRow[] = [];
    for (const part of chunks(ids)) {
      out.push(
        ...(this.db
          .prepare(`SELECT * FROM assets WHERE id IN (${placeholders(part.length)})`)
          .all(...part) as AssetRow[]),
      );
    }
    return out;
  }

  exif(assetId: string): ExifRow | undefined {
    return this.db.prepare('SELECT * FROM asset_exif WHERE asset_id = ?').get(assetId) as
      ExifRow | undefined;
  }

  /** The ids among `ids` that `ownerId` owns; locked assets only with elevated permission. */
  ownedIds(ownerId: string, ids: readonly string[], elevated = false): Set<string> {
    const found = new Set<string>();
    const locked = elevated ? '' : " AND visibility != 'locked'";
    for (const part of chunks(ids)) {
      const rows = this.db
        .prepare(
          `SELECT id FROM assets WHERE owner_id = ? AND id IN (${placeholders(part.length)})${locked}`,
        )
        .pluck()
        .all(ownerId, ...part) as string[];
      for (const id of rows) found.add(id);
    }
    return found;
  }

  byChecksum(ownerId: string, checksum: Buffer): ChecksumMatch | undefined {
    return this.db
      .prepare('SELECT id, checksum, deleted_at FROM assets WHERE owner_id = ? AND checksum = ?')
      .get(ownerId, checksum) as ChecksumMatch | undefined;
  }

  byChecksums(ownerId: string, checksums: readonly Buffer[]): ChecksumMatch[] {
    const out: ChecksumMatch[] = [];
    for (const part of chunks(checksums)) {
      out.push(
        ...(this.db
          .prepare(
            `SELECT id, checksum, deleted_at FROM assets WHERE owner_id = ? AND checksum IN (${placeholders(part.length)})`,
          )
          .all(ownerId, ...part) as ChecksumMatch[]),
      );
    }
    return out;
  }

  /** Applies `changes` to each asset and bumps updated_at; throws on a checksum clash. */
  update(ids: readonly string[], changes: AssetChanges, now = new Date().toISOString()): number {
    const entries = Object.entries(changes).filter(([key, value]) => {
      if (!CHANGEABLE.has(key)) throw new Error(`not a changeable asset column: ${key}`);
      return value !== undefined;
    });
    const sets = [...entries.map(([key]) => `${key} = ?`), 'updated_at = ?'];
    const values = [...entries.map(([, value]) => value as unknown), now];
    let changed = 0;
    this.db.transaction(() => {
      for (const part of chunks(ids)) {
        changed += this.db
          .prepare(
            `UPDATE assets SET ${sets.join(', ')} WHERE id IN (${placeholders(part.length)})`,
          )
          .run(...values, ...part).changes;
      }
    })();
    return changed;
  }

  /** Writes the given exif columns (others keep their values), creating the row if needed. */
  upsertExif(assetId: string, values: ExifValues): void {
    const entries = Object.entries(values).filter(
      ([key, value]) => value !== undefined && (EXIF_COLUMNS as readonly string[]).includes(key),
    );
    this.db.prepare('INSERT OR IGNORE INTO asset_exif (asset_id) VALUES (?)').run(assetId);
    if (entries.length === 0) return;
    this.db
      .prepare(
        `UPDATE asset_exif SET ${entries.map(([key]) => `${key} = ?`).join(', ')} WHERE asset_id = ?`,
      )
      .run(...entries.map(([, value]) => value as unknown), assetId);
  }

  upsertExifMany(assetIds: readonly string[], values: ExifValues): void {
    this.db.transaction(() => {
      for (const id of assetIds) this.upsertExif(id, values);
    })();
  }

  /** A user's edit: writes the values and locks those columns against metadata extraction. */
  editExif(assetIds: readonly string[], values: ExifValues, now = new Date().toISOString()): void {
    const keys = Object.keys(values).filter((key) => values[key as keyof ExifValues] !== undefined);
    if (keys.length === 0) return;
    const readLocks = this.db.prepare(
      'SELECT locked_properties FROM asset_exif WHERE asset_id = ?',
    );
    const writeLocks = this.db.prepare(
      'UPDATE asset_exif SET locked_properties = ? WHERE asset_id = ?',
    );
    const touch = this.db.prepare('UPDATE assets SET updated_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const id of assetIds) {
        this.upsertExif(id, values);
        const locks = new Set(JSON.parse(readLocks.pluck().get(id) as string) as string[]);
        for (const key of keys) locks.add(key);
        writeLocks.run(JSON.stringify([...locks]), id);
        touch.run(now, id);
      }
    })();
  }

  /** Extracted metadata: writes every column except the ones a user locked. */
  writeExtractedExif(assetId: string, values: ExifValues): void {
    const locked = this.db
      .prepare('SELECT locked_properties FROM asset_exif WHERE asset_id = ?')
      .pluck()
      .get(assetId) as string | undefined;
    const locks = new Set(locked ? (JSON.parse(locked) as string[]) : []);
    const open = Object.fromEntries(Object.entries(values).filter(([key]) => !locks.has(key)));
    this.upsertExif(assetId, open);
  }

  lockedExif(assetId: string): Set<string> {
    const locked = this.db
      .prepare('SELECT locked_properties FROM asset_exif WHERE asset_id = ?')
      .pluck()
      .get(assetId) as string | undefined;
    return new Set(locked ? (JSON.parse(locked) as string[]) : []);
  }

  /** Moves assets to the trash (again: a second trash keeps them there with a new date). */
  trash(ids: readonly string[], now = new Date().toISOString()): number {
    return this.update(ids, { deleted_at: now }, now);
  }

  /** Restores the given trashed assets of `ownerId`; returns how many left the trash. */
  restore(ownerId: string, ids: readonly string[], now = new Date().toISOString()): number {
    let count = 0;
    this.db.transaction(() => {
      for (const part of chunks(ids)) {
        count += this.db
          .prepare(
            `UPDATE assets SET deleted_at = NULL, updated_at = ?
             WHERE owner_id = ? AND deleted_at IS NOT NULL AND id IN (${placeholders(part.length)})`,
          )
          .run(now, ownerId, ...part).changes;
      }
    })();
    return count;
  }

  restoreAll(ownerId: string, now = new Date().toISOString()): number {
    return this.db
      .prepare(
        'UPDATE assets SET deleted_at = NULL, updated_at = ? WHERE owner_id = ? AND deleted_at IS NOT NULL',
      )
      .run(now, ownerId).changes;
  }

  trashedIds(ownerId: string): string[] {
    return this.db
      .prepare('SELECT id FROM assets WHERE owner_id = ? AND deleted_at IS NOT NULL')
      .pluck()
      .all(ownerId) as string[];
  }

  /** Deletes the rows for good and returns their file paths, for the caller to remove. */
  remove(ids: readonly string[]): StoredFiles[] {
    const removed: StoredFiles[] = [];
    this.db.transaction(() => {
      for (const part of chunks(ids)) {
        const list = placeholders(part.length);
        removed.push(
          ...(this.db
            .prepare(`SELECT ${FILE_COLUMNS} FROM assets WHERE id IN (${list})`)
            .all(...part) as StoredFiles[]),
        );
        this.db.prepare(`DELETE FROM assets WHERE id IN (${list})`).run(...part);
      }
    })();
    return removed;
  }

  statistics(filter: AssetFilter): Record<AssetType, number> {
    const where = filterSql(filter);
    const rows = this.db
      .prepare(
        `SELECT a.type AS type, COUNT(*) AS count FROM assets a WHERE ${where.sql} GROUP BY a.type`,
      )
      .all(...where.params) as { type: AssetType; count: number }[];
    const stats: Record<AssetType, number> = { IMAGE: 0, VIDEO: 0, AUDIO: 0, OTHER: 0 };
    for (const row of rows) stats[row.type] = row.count;
    return stats;
  }

  random(ownerId: string, count: number): AssetRow[] {
    return this.db
      .prepare(
        `SELECT * FROM assets WHERE owner_id = ? AND deleted_at IS NULL
         AND visibility IN ('archive', 'timeline') ORDER BY random() LIMIT ?`,
      )
      .all(ownerId, count) as AssetRow[];
  }

  /** Device asset ids of a device's visible, untrashed assets. */
  deviceAssetIds(ownerId: string, deviceId: string): string[] {
    return this.db
      .prepare(
        `SELECT device_asset_id FROM assets WHERE owner_id = ? AND device_id = ?
         AND visibility != 'hidden' AND deleted_at IS NULL AND device_asset_id IS NOT NULL`,
      )
      .pluck()
      .all(ownerId, deviceId) as string[];
  }

  existingDeviceAssetIds(
    ownerId: string,
    deviceId: string,
    deviceAssetIds: readonly string[],
  ): string[] {
    const out: string[] = [];
    for (const part of chunks(deviceAssetIds)) {
      out.push(
        ...(this.db
          .prepare(
            `SELECT device_asset_id FROM assets WHERE owner_id = ? AND device_id = ?
             AND device_asset_id IN (${placeholders(part.length)})`,
          )
          .pluck()
          .all(ownerId, deviceId, ...part) as string[]),
      );
    }
    return out;
  }

  /** Bucket counts by filter, valid until the next write to the database. */
  private readonly bucketCache = new Map<string, { month: string; count: number }[]>();
  private bucketCacheStamp = '';

  /**
   * Changes since the connection opened (any table, any code on this connection) plus SQLite's
   * data_version (commits by other connections): equal stamps mean no asset can have changed.
   */
  private writeStamp(): string {
    const changes = this.db.prepare('SELECT total_changes()').pluck().get() as number;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    return `${changes}:${version}`;
  }

  /**
   * Months (YYYY-MM) of local date-time with their asset counts. Counting reads every index entry
   * of the user's timeline (no table rows), so repeated calls between writes are served from memory.
   */
  timeBuckets(filter: BucketFilter): { month: string; count: number }[] {
    const stamp = this.writeStamp();
    if (stamp !== this.bucketCacheStamp) {
      this.bucketCache.clear();
      this.bucketCacheStamp = stamp;
    }
    const key = JSON.stringify([
      filter.ownerIds,
      filter.isFavorite,
      filter.isTrashed,
      filter.visibility,
      filter.order,
    ]);
    const cached = this.bucketCache.get(key);
    if (cached) return cached.map((b) => ({ ...b }));
    const where = filterSql(filter);
    const order = filter.order === 'asc' ? 'ASC' : 'DESC';
    const rows = this.db
      .prepare(
        `SELECT substr(a.local_date_time, 1, 7) AS month, COUNT(*) AS count FROM assets a
         WHERE ${where.sql} GROUP BY month ORDER BY month ${order}`,
      )
      .all(...where.params) as { month: string; count: number }[];
    if (this.bucketCache.size >= 64) this.bucketCache.clear();
    this.bucketCache.set(key, rows);
    return rows.map((b) => ({ ...b }));
  }

  /** The assets of one month ('YYYY-MM'), by their local date-time range, so the index serves it. */
  timeBucket(filter: BucketFilter, month: string, nextMonth: string): BucketRow[] {
    const where = filterSql(filter);
    const order = filter.order === 'asc' ? 'ASC' : 'DESC';
    return this.db
      .prepare(
        `SELECT a.id, a.owner_id, a.type, a.is_favorite, a.visibility, a.deleted_at, a.thumbhash,
           a.file_created_at, a.local_date_time, a.duration, a.live_photo_video_id, a.width, a.height,
           e.exif_image_width, e.exif_image_height, e.orientation, e.projection_type, e.city, e.country
         FROM assets a LEFT JOIN asset_exif e ON e.asset_id = a.id
         WHERE ${where.sql} AND a.local_date_time >= ? AND a.local_date_time < ?
         ORDER BY a.file_created_at ${order}, a.id ${order}`,
      )
      .all(...where.params, `${month}-01`, `${nextMonth}-01`) as BucketRow[];
  }

  /** Whether any asset still plays `videoId` as its live-photo motion part. */
  isLinkedMotionPart(videoId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM assets WHERE live_photo_video_id = ? LIMIT 1').get(videoId) !==
      undefined
    );
  }

  /** Assets whose generated files are still to be made (after a restart, for instance). */
  pendingMedia(limit = 1000): AssetRow[] {
    return this.db
      .prepare("SELECT * FROM assets WHERE media_status = 'pending' LIMIT ?")
      .all(limit) as AssetRow[];
  }
}
