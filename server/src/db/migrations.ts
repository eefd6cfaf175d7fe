/**
 * Versioned schema migrations, applied in order, each in its own transaction.
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'users, sessions and api keys',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0,
        avatar_color TEXT NOT NULL DEFAULT 'primary',
        storage_label TEXT,
        should_change_password INTEGER NOT NULL DEFAULT 0,
        quota_size_in_bytes INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        profile_changed_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        device_type TEXT NOT NULL DEFAULT '',
        device_os TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        permissions TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'assets and their exif',
    sql: `
      CREATE TABLE assets (
        id TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        device_asset_id TEXT,
        device_id TEXT,
        type TEXT NOT NULL CHECK (type IN ('IMAGE', 'VIDEO', 'AUDIO', 'OTHER')),
        original_path TEXT NOT NULL,
        original_file_name TEXT NOT NULL,
        original_mime_type TEXT NOT NULL,
        checksum BLOB NOT NULL,
        file_size_in_byte INTEGER NOT NULL,
        file_created_at TEXT NOT NULL,
        file_modified_at TEXT NOT NULL,
        local_date_time TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        is_favorite INTEGER NOT NULL DEFAULT 0,
        visibility TEXT NOT NULL DEFAULT 'timeline'
          CHECK (visibility IN ('archive', 'timeline', 'hidden', 'locked')),
        deleted_at TEXT,
        duration TEXT,
        live_photo_video_id TEXT REFERENCES assets(id) ON DELETE SET NULL,
        duplicate_id TEXT,
        thumbhash TEXT,
        thumbnail_path TEXT,
        preview_path TEXT,
        fullsize_path TEXT,
        encoded_video_path TEXT,
        sidecar_path TEXT,
        width INTEGER,
        height INTEGER,
        media_status TEXT NOT NULL DEFAULT 'pending' CHECK (media_status IN ('pending', 'ready', 'failed')),
        media_error TEXT,
        UNIQUE (owner_id, checksum)
      );
      CREATE INDEX assets_timeline ON assets (owner_id, visibility, deleted_at, local_date_time, is_favorite);
      CREATE INDEX assets_trash ON assets (owner_id, deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX assets_device ON assets (owner_id, device_id, device_asset_id);
      CREATE INDEX assets_live_photo ON assets (live_photo_video_id) WHERE live_photo_video_id IS NOT NULL;
      CREATE TABLE asset_exif (
        asset_id TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
        make TEXT,
        model TEXT,
        exif_image_width INTEGER,
        exif_image_height INTEGER,
        file_size_in_byte INTEGER,
        orientation TEXT,
        date_time_original TEXT,
        modify_date TEXT,
        time_zone TEXT,
        lens_model TEXT,
        f_number REAL,
        focal_length REAL,
        iso INTEGER,
        exposure_time TEXT,
        latitude REAL,
        longitude REAL,
        city TEXT,
        state TEXT,
        country TEXT,
        description TEXT,
        projection_type TEXT,
        rating INTEGER,
        -- JSON array of the columns a user edited: metadata extraction leaves them alone.
        locked_properties TEXT NOT NULL DEFAULT '[]'
      );
    `,
  },
  {
    version: 3,
    name: 'shared links',
    sql: `
      CREATE TABLE shared_links (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('ALBUM', 'INDIVIDUAL')),
        description TEXT,
        password TEXT,
        expires_at TEXT,
        allow_upload INTEGER NOT NULL DEFAULT 1,
        allow_download INTEGER NOT NULL DEFAULT 1,
        show_exif INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
      );
      CREATE INDEX shared_links_user ON shared_links (user_id, created_at);
      CREATE TABLE shared_link_assets (
        shared_link_id TEXT NOT NULL REFERENCES shared_links(id) ON DELETE CASCADE,
        asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (shared_link_id, asset_id)
      );
      CREATE INDEX shared_link_assets_asset ON shared_link_assets (asset_id);
    `,
  },
];
