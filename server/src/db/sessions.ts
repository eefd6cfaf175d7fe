import type { Db } from './database.ts';

export interface SessionRow {
  id: string;
  user_id: string;
  token_hash: string;
  device_type: string;
  device_os: string;
  created_at: string;
  updated_at: string;
}

export interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  permissions: string;
  created_at: string;
  updated_at: string;
}

export class SessionRepository {
  constructor(private readonly db: Db) {}

  insert(session: SessionRow): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, token_hash, device_type, device_os, created_at, updated_at)
         VALUES (@id, @user_id, @token_hash, @device_type, @device_os, @created_at, @updated_at)`,
      )
      .run(session);
  }

  byTokenHash(tokenHash: string): SessionRow | undefined {
    return this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as
      | SessionRow
      | undefined;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  apiKeyByHash(keyHash: string): ApiKeyRow | undefined {
    return this.db.prepare('SELECT * FROM api_keys WHERE key_hash = ?').get(keyHash) as
      | ApiKeyRow
      | undefined;
  }
}
