import type { Db } from './database.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  avatar_color: string;
  storage_label: string | null;
  should_change_password: number;
  quota_size_in_bytes: number | null;
  created_at: string;
  updated_at: string;
  profile_changed_at: string;
  deleted_at: string | null;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
  }

  hasAdmin(): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE is_admin = 1 LIMIT 1').get() !== undefined;
  }

  byId(id: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ? AND deleted_at IS NULL').get(id) as
      | UserRow
      | undefined;
  }

  byEmail(email: string): UserRow | undefined {
    return this.db
      .prepare('SELECT * FROM users WHERE email = ? AND deleted_at IS NULL')
      .get(email) as UserRow | undefined;
  }

  /** Whether any user, deleted ones included, has this email (emails are unique). */
  emailTaken(email: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE email = ?').get(email) !== undefined;
  }

  storageLabelTaken(label: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE storage_label = ?').get(label) !== undefined;
  }

  /** Users for the admin list, newest first; deleted ones only when asked. */
  list(filter: { id?: string; withDeleted?: boolean } = {}): UserRow[] {
    const clauses: string[] = [];
    const params: string[] = [];
    if (filter.id) {
      clauses.push('id = ?');
      params.push(filter.id);
    }
    if (!filter.withDeleted) clauses.push('deleted_at IS NULL');
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    return this.db
      .prepare(`SELECT * FROM users ${where} ORDER BY created_at DESC, rowid DESC`)
      .all(...params) as UserRow[];
  }

  /** Bytes of originals the user stores (Immich's quota usage). */
  usageInBytes(userId: string): number {
    return this.db
      .prepare('SELECT COALESCE(SUM(file_size_in_byte), 0) FROM assets WHERE owner_id = ?')
      .pluck()
      .get(userId) as number;
  }

  insert(user: UserRow): void {
    this.db
      .prepare(
        `INSERT INTO users (id, email, name, password_hash, is_admin, avatar_color, storage_label,
          should_change_password, quota_size_in_bytes, created_at, updated_at, profile_changed_at, deleted_at)
         VALUES (@id, @email, @name, @password_hash, @is_admin, @avatar_color, @storage_label,
          @should_change_password, @quota_size_in_bytes, @created_at, @updated_at, @profile_changed_at, @deleted_at)`,
      )
      .run(user);
  }
}
