// Fast seeding for benchmarks: a library of N assets written straight into the local
// server's database, sharing a few real thumbnail and preview files, so that 100,000
// assets take seconds instead of hours of uploads. The server is started once to create
// the schema and the user, stopped while the rows are written, and started again.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { signIn, startServer } from './local-server.mjs';

const SHARED_FILES = 24;
const RATIOS = [4 / 3, 3 / 4, 3 / 2, 16 / 9, 1, 2 / 3];

async function sharedMedia(dir) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < SHARED_FILES; i++) {
    const ratio = RATIOS[i % RATIOS.length];
    const width = ratio >= 1 ? 1440 : Math.round(1440 * ratio);
    const height = ratio >= 1 ? Math.round(1440 / ratio) : 1440;
    const hue = (i * 360) / SHARED_FILES;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="hsl(${hue},60%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},50%,30%)"/>
      </linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 5}" fill="hsl(${(hue + 180) % 360},70%,70%)"/></svg>`;
    const image = sharp(Buffer.from(svg));
    const preview = path.join(dir, `preview-${i}.jpeg`);
    const thumbnail = path.join(dir, `thumbnail-${i}.webp`);
    await image.clone().jpeg({ quality: 80 }).toFile(preview);
    await image
      .clone()
      .resize(250, 250, { fit: 'outside' })
      .webp({ quality: 80 })
      .toFile(thumbnail);
    const { data, info } = await image
      .clone()
      .resize(100, 100, { fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const thumbhash = Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString(
      'base64',
    );
    // Stored relative to the data folder, as the server stores its own media paths.
    const rel = (file) => path.relative(path.dirname(dir), file);
    files.push({ preview: rel(preview), thumbnail: rel(thumbnail), thumbhash, width, height });
  }
  return files;
}

/**
 * Seeds `count` assets over the last `years` years (newest first in the timeline), or, with
 * `bigMonth`, puts that many of them into one single month. Returns the running server and a
 * signed-in API client for its only user.
 */
export async function seedLibrary({
  count,
  years = 15,
  bigMonth = 0,
  videoEvery = 20,
  favoriteEvery = 15,
}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-seed-'));
  let server = await startServer({ dataDir });
  const api = await signIn(server.url);
  const me = await api.json('GET', '/users/me');
  await server.stop({ keepData: true });

  const media = await sharedMedia(path.join(dataDir, 'bench-shared'));
  const db = new Database(path.join(dataDir, 'lightbox.db'));
  db.pragma('journal_mode = WAL');
  const insertAsset =
    db.prepare(`INSERT INTO assets (id, owner_id, device_asset_id, device_id, type, original_path,
      original_file_name, original_mime_type, checksum, file_size_in_byte, file_created_at, file_modified_at,
      local_date_time, created_at, updated_at, is_favorite, visibility, duration, thumbhash, thumbnail_path,
      preview_path, width, height, media_status)
    VALUES (@id, @owner, @deviceAssetId, 'bench', @type, @preview, @name, @mime, @checksum, 100000, @date, @date,
      @date, @date, @date, @favorite, 'timeline', @duration, @thumbhash, @thumbnail, @preview, @width, @height, 'ready')`);
  const insertExif =
    db.prepare(`INSERT INTO asset_exif (asset_id, exif_image_width, exif_image_height, date_time_original, time_zone)
    VALUES (?, ?, ?, ?, 'UTC')`);
  const now = Date.now();
  const span = years * 365.25 * 24 * 3600 * 1000;
  const bigMonthStart = Date.UTC(2020, 4, 1);
  const bigMonthSpan = 30 * 24 * 3600 * 1000;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const inBigMonth = i < bigMonth;
      const t = inBigMonth
        ? bigMonthStart + (i / bigMonth) * bigMonthSpan
        : now - ((i + 1) / (count - bigMonth + 1)) * span;
      const date = new Date(t)
        .toISOString()
        .replace('Z', '+00:00')
        .replace(/\.\d+\+/, '.000+');
      const file = media[i % media.length];
      const isVideo = videoEvery > 0 && i % videoEvery === videoEvery - 1;
      const id = randomUUID();
      insertAsset.run({
        id,
        owner: me.id,
        deviceAssetId: `seed-${i}`,
        type: isVideo ? 'VIDEO' : 'IMAGE',
        preview: file.preview,
        name: isVideo ? `VID_${i}.mp4` : `IMG_${i}.jpg`,
        mime: isVideo ? 'video/mp4' : 'image/jpeg',
        checksum: randomBytes(20),
        date,
        favorite: favoriteEvery > 0 && i % favoriteEvery === 0 ? 1 : 0,
        duration: isVideo ? '0:00:12.000000' : '0:00:00.00000',
        thumbhash: file.thumbhash,
        thumbnail: file.thumbnail,
        width: file.width,
        height: file.height,
      });
      insertExif.run(id, file.width, file.height, date);
    }
  })();
  db.close();

  server = await startServer({ dataDir });
  const session = await signIn(server.url);
  return { server, api: session, dataDir, userId: me.id };
}
