import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import type { StoragePaths } from './paths.ts';

/** Folders under the data folder that hold asset files (originals, sidecars, generated media). */
const ASSET_FOLDERS = ['library', 'thumbs', 'encoded-video'] as const;
/** Generated files are named after their asset: `<asset id>-thumbnail.webp`, `<asset id>.mp4`… */
const GENERATED_FOLDERS = new Set<string>(['thumbs', 'encoded-video']);
const UUID_PREFIX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export interface OrphanSweep {
  /** Files removed, relative to the data folder. */
  removed: string[];
}

/**
 * Removes the asset files an interrupted run left behind: a process killed after an upload was
 * moved into the library but before its row was written, or after a row was deleted but before
 * its files were. A file is kept when the database names it, or (for generated media) when it
 * belongs to an asset that still exists, since that asset's pending job rewrites it. Only files
 * last changed before `startedAt` are considered, so an upload or a thumbnail this run is making
 * at the same moment is never touched.
 */
export async function removeOrphanFiles(
  db: Db,
  paths: StoragePaths,
  startedAt: number,
): Promise<OrphanSweep> {
  const referenced = new Set<string>();
  const assetIds = new Set<string>();
  const rows = db
    .prepare(
      `SELECT id, original_path, sidecar_path, thumbnail_path, preview_path, fullsize_path,
              encoded_video_path
         FROM assets`,
    )
    .raw()
    .iterate() as IterableIterator<(string | null)[]>;
  for (const [id, ...files] of rows) {
    if (id) assetIds.add(id);
    for (const file of files) if (file) referenced.add(path.normalize(file));
  }

  const removed: string[] = [];
  for (const folder of ASSET_FOLDERS) {
    const root = path.join(paths.dataDir, folder);
    let entries;
    try {
      entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const absolute = path.join(entry.parentPath, entry.name);
      const relative = path.relative(paths.dataDir, absolute);
      if (referenced.has(relative)) continue;
      const owner = UUID_PREFIX.exec(entry.name)?.[0];
      if (GENERATED_FOLDERS.has(folder) && owner && assetIds.has(owner.toLowerCase())) continue;
      const stat = await fs.stat(absolute).catch(() => undefined);
      if (!stat || stat.ctimeMs >= startedAt) continue;
      await fs.rm(absolute, { force: true });
      removed.push(relative);
    }
  }
  return { removed };
}
