import type { Db } from './database.ts';

export type SharedLinkType = 'ALBUM' | 'INDIVIDUAL';

export interface SharedLinkRow {
  id: string;
  user_id: string;
  /** The secret of the link's URL, base64url, as Immich shows it (`key` in the DTO). */
  key: string;
  type: SharedLinkType;
  description: string | null;
  /** Immich keeps the link's password readable so its owner can see and edit it. */
  password: string | null;
  expires_at: string | null;
  allow_upload: number;
  allow_download: number;
  show_exif: number;
  created_at: string;
}

export interface SharedLinkChanges {
  description?: string | null;
  password?: string | null;
  expires_at?: string | null;
  allow_upload?: number;
  allow_download?: number;
  show_exif?: number;
}

const CHANGEABLE: readonly (keyof SharedLinkChanges)[] = [
  'description',
  'password',
  'expires_at',
  'allow_upload',
  'allow_download',
  'show_exif',
];

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** SQLite allows 32766 bound values; stay well under it. */
function* chunks<T>(items: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Shared links and the assets they share. Of the assets table only `id`, `deleted_at` and
 * `live_photo_video_id` are used.
 */
export class SharedLinkRepository {
  constructor(private readonly db: Db) {}

  /** Creates the link with its assets in one transaction. */
  create(link: SharedLinkRow, assetIds: readonly string[]): void {
    const insertLink = this.db.prepare(
      `INSERT INTO shared_links (id, user_id, key, type, description, password, expires_at,
         allow_upload, allow_download, show_exif, created_at)
       VALUES (@id, @user_id, @key, @type, @description, @password, @expires_at,
         @allow_upload, @allow_download, @show_exif, @created_at)`,
    );
    this.db.transaction(() => {
      insertLink.run(link);
      this.insertAssets(link.id, assetIds);
    })();
  }

  byId(userId: string, id: string): SharedLinkRow | undefined {
    return this.db
      .prepare('SELECT * FROM shared_links WHERE id = ? AND user_id = ?')
      .get(id, userId) as SharedLinkRow | undefined;
  }

  byKey(key: string): SharedLinkRow | undefined {
    return this.db.prepare('SELECT * FROM shared_links WHERE key = ?').get(key) as
      SharedLinkRow | undefined;
  }

  /** The user's links, newest first. */
  listByUser(userId: string): SharedLinkRow[] {
    return this.db
      .prepare('SELECT * FROM shared_links WHERE user_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(userId) as SharedLinkRow[];
  }

  /** The ids of the link's assets, in the order they were added. */
  assetIds(linkId: string): string[] {
    return this.db
      .prepare('SELECT asset_id FROM shared_link_assets WHERE shared_link_id = ? ORDER BY position')
      .pluck()
      .all(linkId) as string[];
  }

  /**
   * The ids among `ids` that the link shares, with the motion part of a shared live photo;
   * trashed assets are no longer shared.
   */
  sharedAssetIds(linkId: string, ids: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (const part of chunks(ids)) {
      const list = placeholders(part.length);
      const rows = this.db
        .prepare(
          `SELECT a.id FROM shared_link_assets s JOIN assets a ON a.id = s.asset_id
             WHERE s.shared_link_id = ? AND a.deleted_at IS NULL AND a.id IN (${list})
           UNION
           SELECT a.live_photo_video_id FROM shared_link_assets s JOIN assets a ON a.id = s.asset_id
             WHERE s.shared_link_id = ? AND a.deleted_at IS NULL AND a.live_photo_video_id IN (${list})`,
        )
        .pluck()
        .all(linkId, ...part, linkId, ...part) as string[];
      for (const id of rows) found.add(id);
    }
    return found;
  }

  /** Adds assets (already shared ones are kept once); returns the ids that were added. */
  addAssets(linkId: string, assetIds: readonly string[]): string[] {
    return this.db.transaction(() => this.insertAssets(linkId, assetIds))();
  }

  /** Removes assets from the link; returns the ids that were removed. */
  removeAssets(linkId: string, assetIds: readonly string[]): string[] {
    const remove = this.db.prepare(
      'DELETE FROM shared_link_assets WHERE shared_link_id = ? AND asset_id = ?',
    );
    return this.db.transaction(() =>
      assetIds.filter((assetId) => remove.run(linkId, assetId).changes > 0),
    )();
  }

  update(userId: string, id: string, changes: SharedLinkChanges): SharedLinkRow | undefined {
    const columns = CHANGEABLE.filter((column) => changes[column] !== undefined);
    if (columns.length > 0) {
      const values = columns.map((column) => changes[column] ?? null);
      this.db
        .prepare(
          `UPDATE shared_links SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND user_id = ?`,
        )
        .run(...values, id, userId);
    }
    return this.byId(userId, id);
  }

  delete(userId: string, id: string): boolean {
    return (
      this.db.prepare('DELETE FROM shared_links WHERE id = ? AND user_id = ?').run(id, userId)
        .changes > 0
    );
  }

  private insertAssets(linkId: string, assetIds: readonly string[]): string[] {
    const next = this.db.prepare(
      'SELECT COALESCE(MAX(position), -1) + 1 FROM shared_link_assets WHERE shared_link_id = ?',
    );
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO shared_link_assets (shared_link_id, asset_id, position) VALUES (?, ?, ?)`,
    );
    let position = next.pluck().get(linkId) as number;
    const added: string[] = [];
    for (const assetId of new Set(assetIds)) {
      if (insert.run(linkId, assetId, position).changes > 0) {
        added.push(assetId);
        position += 1;
      }
    }
    return added;
  }
}
