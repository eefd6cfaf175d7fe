import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  inspectDataDir,
  makeFile,
  originalSha1,
  printFigures,
  sha1Hex,
  signIn,
  startServer,
  storedIds,
  totalAssets,
  upload,
  waitForThumbnail,
  type ServerProcess,
} from './stress-helpers.ts';

const SEEDED = 20;
const UPLOADS = 50;
const THUMBNAIL_REQUESTS = 200;

interface ThumbnailAnswer {
  status: number;
  sha1: string;
  contentType: string | null;
  message?: string;
}

async function getThumbnail(url: string, token: string, id: string): Promise<ThumbnailAnswer> {
  const res = await fetch(`${url}/api/assets/${id}/thumbnail`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    sha1: sha1Hex(body),
    contentType: res.headers.get('content-type'),
    message:
      res.status === 200
        ? undefined
        : String((JSON.parse(body.toString()) as { message?: unknown }).message),
  };
}

describe('many requests at once', () => {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-stress-load-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes 50 concurrent uploads and 200 concurrent thumbnail requests with no error', async () => {
    server = await startServer(dataDir);
    const { url } = server;
    const token = await signIn(url, true);

    // Photos already in the library, with their thumbnails made.
    const seeded = await Promise.all(
      Array.from({ length: SEEDED }, (_, i) => makeFile(5000 + i, 64 * 1024)),
    );
    const seededIds: string[] = [];
    for (const file of seeded) {
      const answer = await upload(url, token, file);
      expect(answer.status).toBe(201);
      seededIds.push(answer.body.id!);
    }
    const thumbnails = new Map<string, string>();
    for (const id of seededIds) thumbnails.set(id, sha1Hex(await waitForThumbnail(url, token, id)));

    // At once: 50 uploads, 200 thumbnail requests for the seeded photos, and for each new upload
    // a thumbnail request the moment it is answered (its thumbnail is then still being made).
    const files = await Promise.all(
      Array.from({ length: UPLOADS }, (_, i) => makeFile(6000 + i, 512 * 1024)),
    );
    const failures: string[] = [];
    const fresh: ThumbnailAnswer[] = [];
    const uploads = files.map((file) =>
      upload(url, token, file).then(async (answer) => {
        if (answer.status === 201) fresh.push(await getThumbnail(url, token, answer.body.id!));
        return answer;
      }),
    );
    const thumbnailRequests = Array.from({ length: THUMBNAIL_REQUESTS }, (_, i) => {
      const id = seededIds[i % SEEDED]!;
      return getThumbnail(url, token, id).then((answer) => ({ id, answer }));
    });
    const [uploadResults, thumbnailResults] = await Promise.all([
      Promise.allSettled(uploads),
      Promise.allSettled(thumbnailRequests),
    ]);

    const uploadIds = new Set<string>();
    for (const result of uploadResults) {
      if (result.status === 'rejected') failures.push(`upload: ${String(result.reason)}`);
      else if (result.value.status !== 201) failures.push(`upload: ${result.value.status}`);
      else uploadIds.add(result.value.body.id!);
    }
    for (const result of thumbnailResults) {
      if (result.status === 'rejected') failures.push(`thumbnail: ${String(result.reason)}`);
      else if (result.value.answer.status !== 200)
        failures.push(`thumbnail: ${result.value.answer.status}`);
      else {
        expect(result.value.answer.contentType).toBe('image/webp');
        // The same bytes as before the load.
        expect(result.value.answer.sha1).toBe(thumbnails.get(result.value.id));
      }
    }
    const serverErrors =
      uploadResults.filter((r) => r.status === 'fulfilled' && r.value.status >= 500).length +
      thumbnailResults.filter((r) => r.status === 'fulfilled' && r.value.answer.status >= 500)
        .length +
      fresh.filter((answer) => answer.status >= 500).length;
    expect(failures).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(uploadIds.size).toBe(UPLOADS);

    // A thumbnail asked for while it is being made: 200, or Immich's 404 "Asset media not found"
    // when it is not ready yet; never a 5xx.
    expect(fresh).toHaveLength(UPLOADS);
    const freshNotReady = fresh.filter((answer) => answer.status !== 200);
    for (const answer of freshNotReady) {
      expect(answer.status).toBe(404);
      expect(answer.message).toMatch(/^Asset media not found/);
    }

    // All 50 stored, byte-identical, and their thumbnails made.
    const stored = await storedIds(url, token, files);
    expect(stored.size).toBe(UPLOADS);
    for (const file of files) {
      const id = stored.get(file.sha1)!;
      expect(uploadIds.has(id)).toBe(true);
      expect(await originalSha1(url, token, id)).toBe(file.sha1);
      await waitForThumbnail(url, token, id);
    }
    expect(await totalAssets(url, token)).toBe(SEEDED + UPLOADS);

    expect(await server.stop()).toBe('0');
    server = undefined;
    const state = inspectDataDir(dataDir);
    expect(state.integrity).toBe('ok');
    expect(state.assets).toHaveLength(SEEDED + UPLOADS);
    expect(state.orphans).toEqual([]);
    expect(state.missing).toEqual([]);

    printFigures('Concurrency', {
      requests: UPLOADS + THUMBNAIL_REQUESTS + UPLOADS,
      uploads: UPLOADS,
      'thumbnail requests (made thumbnails)': THUMBNAIL_REQUESTS,
      'thumbnail requests (just uploaded)': UPLOADS,
      'of which 404 not made yet': freshNotReady.length,
      errors: failures.length,
      '5xx answers': serverErrors,
      'assets lost': UPLOADS - stored.size,
    });
  });
});
