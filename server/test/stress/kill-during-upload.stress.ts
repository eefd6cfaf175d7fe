import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  filesUnder,
  inspectDataDir,
  makeFile,
  originalSha1,
  printFigures,
  signIn,
  startServer,
  storedIds,
  totalAssets,
  upload,
  waitForThumbnail,
  type ServerProcess,
  type TestFile,
  type UploadAnswer,
} from './stress-helpers.ts';

const UPLOADS = 20;
/** Uploads per round whose last chunk is held back, so they are surely mid-body at the kill. */
const HELD = 5;
/** The kill comes as soon as this many uploads of the round were answered (one per round). */
const ANSWERS_BEFORE_KILL = [5, 1, 10];
/** Random bytes after each JPEG: a few megabytes per upload. */
const EXTRA_BYTES = 3 * 1024 * 1024;

type Outcome = { answer: UploadAnswer } | { error: unknown };

describe('SIGKILL while 20 uploads are in flight', () => {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-stress-kill-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every upload whole or absent, leaves no orphans, and the client retries complete the rest', async () => {
    server = await startServer(dataDir);
    let token = await signIn(server.url, true);
    const figures = {
      rounds: ANSWERS_BEFORE_KILL.length,
      'uploads tried': 0,
      'faults injected (SIGKILL)': 0,
      'uploads answered before the kill': 0,
      'uploads in flight at the kill': 0,
      'partial files left by the kill': 0,
      'in-flight uploads found stored after restart': 0,
      'uploads re-sent by the client': 0,
      'orphan files removed at start-up': 0,
      'assets lost': 0,
    };
    const everyFile: TestFile[] = [];
    const outputs: string[][] = [];

    for (const [round, killAfter] of ANSWERS_BEFORE_KILL.entries()) {
      const files = await Promise.all(
        Array.from({ length: UPLOADS }, (_, i) => makeFile(1000 * (round + 1) + i, EXTRA_BYTES)),
      );
      everyFile.push(...files);
      const running = server;

      // Start 20 uploads; HELD of them stop before their last chunk. The process is killed the
      // moment `killAfter` uploads were answered and every held one is waiting.
      let answered = 0;
      let held = 0;
      let killed = false;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let onKill!: () => void;
      const killedNow = new Promise<void>((resolve) => (onKill = resolve));
      const check = () => {
        if (killed || answered < killAfter || held < HELD) return;
        killed = true;
        running.child.kill('SIGKILL');
        onKill();
      };
      const pending = files.map((file, i) =>
        upload(running.url, token, file, {
          holdLastChunk: i % (UPLOADS / HELD) === 0 ? gate : undefined,
          onHeld: () => {
            held += 1;
            check();
          },
        }).then(
          (answer): Outcome => {
            answered += 1;
            check();
            return { answer };
          },
          (error: unknown): Outcome => ({ error }),
        ),
      );
      await killedNow;
      outputs.push(running.output);
      expect(await running.stop()).toBe('SIGKILL');
      figures['faults injected (SIGKILL)'] += 1;
      figures['uploads tried'] += UPLOADS;
      // The held uploads fail: their connection is gone.
      release();
      const outcomes = await Promise.all(pending);
      figures['partial files left by the kill'] += filesUnder(
        path.join(dataDir, 'upload-tmp'),
        dataDir,
      ).length;

      // Answers the client got before the kill: a new asset, never an error.
      const confirmed = new Map<string, string>();
      outcomes.forEach((outcome, i) => {
        if ('answer' in outcome) {
          expect(outcome.answer.status, JSON.stringify(outcome.answer.body)).toBe(201);
          confirmed.set(files[i]!.sha1, outcome.answer.body.id!);
        }
      });
      expect(confirmed.size).toBeGreaterThanOrEqual(killAfter);
      figures['uploads answered before the kill'] += confirmed.size;
      figures['uploads in flight at the kill'] += UPLOADS - confirmed.size;

      // Restart on the same data folder.
      server = await startServer(dataDir);
      token = await signIn(server.url, false);
      expect(filesUnder(path.join(dataDir, 'upload-tmp'), dataDir)).toEqual([]);

      // Every upload is either whole (listed, byte-identical) or absent.
      const stored = await storedIds(server.url, token, files);
      for (const [sha1, id] of confirmed) expect(stored.get(sha1)).toBe(id);
      for (const [sha1, id] of stored) {
        expect(await originalSha1(server.url, token, id)).toBe(sha1);
        if (!confirmed.has(sha1)) figures['in-flight uploads found stored after restart'] += 1;
      }
      expect(await totalAssets(server.url, token)).toBe(round * UPLOADS + stored.size);

      // The client retries what is missing until the server has it.
      const missing = files.filter((f) => !stored.has(f.sha1));
      for (const file of missing) {
        let answer: UploadAnswer | undefined;
        for (let attempt = 0; attempt < 3 && answer?.status !== 201; attempt++) {
          answer = await upload(server.url, token, file);
          figures['uploads re-sent by the client'] += 1;
        }
        expect(answer?.status).toBe(201);
      }
      const after = await storedIds(server.url, token, files);
      expect(after.size).toBe(UPLOADS);
      expect(await totalAssets(server.url, token)).toBe((round + 1) * UPLOADS);
    }

    // Everything once, byte-identical, with its thumbnail.
    const final = await storedIds(server.url, token, everyFile);
    for (const file of everyFile) {
      const id = final.get(file.sha1);
      if (!id || (await originalSha1(server.url, token, id)) !== file.sha1) {
        figures['assets lost'] += 1;
        continue;
      }
      await waitForThumbnail(server.url, token, id);
    }
    expect(new Set(final.values()).size).toBe(everyFile.length);

    // A clean stop, then the data folder is checked with the server down.
    expect(await server.stop()).toBe('0');
    outputs.push(server.output);
    const cleanUps = outputs.flat().filter((line) => line.startsWith('Start-up clean-up'));
    for (const line of cleanUps) console.log(line);
    figures['orphan files removed at start-up'] = cleanUps
      .map((line) => Number(/removed (\d+) file/.exec(line)?.[1] ?? 0))
      .reduce((sum, n) => sum + n, 0);
    const state = inspectDataDir(dataDir);
    expect(state.integrity).toBe('ok');
    expect(state.assets).toHaveLength(everyFile.length);
    expect(new Set(state.assets.map((a) => a.checksum))).toEqual(
      new Set(everyFile.map((f) => f.sha1)),
    );
    expect(state.orphans).toEqual([]);
    expect(state.missing).toEqual([]);
    expect(state.temporary).toEqual([]);
    server = undefined;

    printFigures('SIGKILL during uploads', figures);
    expect(figures['assets lost']).toBe(0);
  });
});
