import type { Db } from './database.ts';
import type { ApiKeyRow } from './sessions.ts';

/** A user's API keys. The secret itself is never stored, only its SHA-256 (`key_hash`). */
export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  insert(key: ApiKeyRow): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (id, user_id, name, key_hash, permissions, created_at, updated_at)
         VALUES (@id, @user_id, @name, @key_hash, @permissions, @created_at, @updated_at)`,
      )
      .run(key);
  }

  /** The user's keys, newest first. */
  listByUser(userId: string): ApiKeyRow[] {
    return this.db
      .prepare('SELECT * FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(userId) as ApiKeyRow[];
  }

  /** A key of this user (another user's key is "not found" as well). */
  byId(userId: string, id: string): ApiKeyRow | undefined {
    return this.db
      .prepare('SELECT * FROM api_keys WHERE id = ? AND user_id = ?')
      .get(id, userId) as ApiKeyRow | undefined;
  }

  update(
    userId: string,
    id: string,
    changes: { name?: string; permissions?: string[] },
    now = new Date().toISOString(),
  ): ApiKeyRow | undefined {
    this.db
      .prepare(
        `UPDATE api_keys SET name = COALESCE(@name, name), permissions = COALESCE(@permissions, permissions),
           updated_at = @now WHERE id = @id AND user_id = @userId`,
      )
      .run({
        id,
        userId,
        now,
        name: changes.name ?? null,
        permissions: changes.permissions ? JSON.stringify(changes.permissions) : null,
      });
    return this.byId(userId, id);
  }

  /** Deletes the key; it stops working at once (every request looks the key up). */
  delete(userId: string, id: string): boolean {
    return (
      this.db.prepare('DELETE FROM api_keys WHERE id = ? AND user_id = ?').run(id, userId).changes >
      0
    );
  }
}
