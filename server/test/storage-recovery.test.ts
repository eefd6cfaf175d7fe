import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { storageFullError } from '../src/lib/http-errors.ts';
import { removeOrphanFiles } from '../src/storage/orphans.ts';
import { injectUpload, makeJpeg } from './assets-helpers.ts';
import { signUpAdmin } from './helpers.ts';

function write(file: string, content = 'left behind'): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('start-up clean-up of asset files', () => {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-recovery-test-'));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('removes files no row names (a killed run’s), keeping every file of a live asset', async () => {
    const first = await buildApp({ dataDir });
    const token = await signUpAdmin(first);
    const res = await injectUpload(first, token, await makeJpeg(300));
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    await first.assetMedia.service.idle();
    const asset = first.repos.assets.byId(id)!;
    const userId = asset.owner_id;
    const kept = [asset.original_path, asset.thumbnail_path!, asset.preview_path!];
    await first.close();

    // As a killed run leaves them: an original moved in before its row was written, and the
    // generated files of an asset whose row is gone. A generated file of a live asset stays
    // (its pending job rewrites it).
    const ghost = randomUUID();
    const orphanOriginal = write(first.paths.original(userId, randomUUID(), '.jpg'));
    const orphanThumbnail = write(first.paths.thumbnail(userId, ghost));
    const orphanVideo = write(first.paths.encodedVideo(userId, ghost));
    const liveExtra = write(first.paths.fullsize(userId, id));
    await new Promise((resolve) => setTimeout(resolve, 20));

    const second = await buildApp({ dataDir });
    await second.ready();
    await second.close(); // waits for the clean-up

    for (const file of [orphanOriginal, orphanThumbnail, orphanVideo]) {
      expect(fs.existsSync(file), file).toBe(false);
    }
    expect(fs.existsSync(liveExtra)).toBe(true);
    for (const file of kept) expect(fs.existsSync(path.join(dataDir, file)), file).toBe(true);
  });

  it('never touches a file made after the server started', async () => {
    const app = await buildApp({ dataDir });
    await app.ready();
    const fresh = write(app.paths.original(randomUUID(), randomUUID(), '.jpg'));
    const { removed } = await removeOrphanFiles(app.db, app.paths, Date.now() - 60_000);
    expect(removed).toEqual([]);
    expect(fs.existsSync(fresh)).toBe(true);
    await app.close();
  });
});

describe('storageFullError', () => {
  it('turns a full disk, a quota or a size limit into 507 Insufficient Storage, nothing else', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']) {
      const error = storageFullError(Object.assign(new Error('no room'), { code }));
      expect(error?.statusCode).toBe(507);
      expect(error?.reason).toBe('Insufficient Storage');
      expect(error?.message).toMatch(/^Insufficient Storage: /);
    }
    for (const other of [new Error('x'), { code: 'EACCES' }, null, 'ENOSPC']) {
      expect(storageFullError(other)).toBeUndefined();
    }
  });
});
