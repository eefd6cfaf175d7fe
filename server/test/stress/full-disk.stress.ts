import { execFileSync } from 'node:child_process';
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
  type UploadAnswer,
} from './stress-helpers.ts';

const MB = 1024 * 1024;
/** Uploads sent at once into the full disk. */
const REFUSED = 5;

interface Scenario {
  name: string;
  dataDir: string;
  start(): Promise<ServerProcess>;
  /** Leaves less room than a big upload needs (but enough for a small one). */
  fill(): void;
  /** Gives the room back, when the scenario can. */
  free?(): void;
  bigExtraBytes: number;
}

function expectInsufficientStorage(answer: UploadAnswer): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(507);
  expect(answer.body).toMatchObject({ error: 'Insufficient Storage', statusCode: 507 });
  expect(String(answer.body.message)).toMatch(/^Insufficient Storage: /);
}

/**
 * Uploads into a full disk: each is refused with a 507, nothing of it remains (no original, no
 * row, no temporary file), what was stored before is intact, and the server keeps serving.
 */
async function runScenario(scenario: Scenario): Promise<void> {
  const { dataDir } = scenario;
  const figures = {
    'requests tried': 0,
    'faults injected (uploads past the limit)': 0,
    'answered 507': 0,
    'half-written files left': 0,
    'assets lost': 0,
  };
  const server = await scenario.start();
  try {
    const token = await signIn(server.url, true);
    const before = await makeFile(1, 100 * 1024);
    const stored = await upload(server.url, token, before);
    figures['requests tried'] += 1;
    expect(stored.status).toBe(201);
    await waitForThumbnail(server.url, token, stored.body.id!);
    const filesBefore = filesUnder(path.join(dataDir, 'library'), dataDir);

    scenario.fill();
    const big = await Promise.all(
      Array.from({ length: REFUSED }, (_, i) => makeFile(10 + i, scenario.bigExtraBytes)),
    );
    const answers = await Promise.all(big.map((file) => upload(server.url, token, file)));
    figures['requests tried'] += REFUSED;
    figures['faults injected (uploads past the limit)'] += REFUSED;
    for (const answer of answers) {
      expectInsufficientStorage(answer);
      figures['answered 507'] += 1;
    }
    // Nothing half-written: no temporary file, no new original, no row.
    const leftovers = [
      ...filesUnder(path.join(dataDir, 'upload-tmp'), dataDir),
      ...filesUnder(path.join(dataDir, 'library'), dataDir).filter((f) => !filesBefore.includes(f)),
    ];
    figures['half-written files left'] = leftovers.length;
    expect(leftovers).toEqual([]);
    expect((await storedIds(server.url, token, big)).size).toBe(0);
    expect(await totalAssets(server.url, token)).toBe(1);
    expect(await originalSha1(server.url, token, stored.body.id!)).toBe(before.sha1);

    // The server keeps serving: a small upload that fits is stored.
    const small = await makeFile(2, 10 * 1024);
    const smallAnswer = await upload(server.url, token, small);
    figures['requests tried'] += 1;
    expect(smallAnswer.status).toBe(201);
    await waitForThumbnail(server.url, token, smallAnswer.body.id!);

    // With room again, the refused uploads go through when the client sends them again.
    let expected = 2;
    if (scenario.free) {
      scenario.free();
      for (const file of big) {
        const again = await upload(server.url, token, file);
        figures['requests tried'] += 1;
        expect(again.status).toBe(201);
        expect(await originalSha1(server.url, token, again.body.id!)).toBe(file.sha1);
      }
      expected += big.length;
    }
    expect(await totalAssets(server.url, token)).toBe(expected);

    expect(await server.stop()).toBe('0');
    const state = inspectDataDir(dataDir);
    expect(state.integrity).toBe('ok');
    expect(state.assets).toHaveLength(expected);
    expect(state.orphans).toEqual([]);
    expect(state.missing).toEqual([]);
    expect(state.temporary).toEqual([]);
    printFigures(scenario.name, figures);
    expect(figures['assets lost']).toBe(0);
  } finally {
    await server.stop('SIGKILL');
  }
}

/** Mounts a small tmpfs (needs root); returns why not when it cannot. */
function mountTmpfs(dir: string, size: string): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root, so no tmpfs can be mounted';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

describe('a full disk', () => {
  const mountPoint = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-stress-tmpfs-'));
  const notMounted = mountTmpfs(mountPoint, '48m');
  if (notMounted) console.warn(`Full disk on a small tmpfs (ENOSPC): skipped, ${notMounted}`);
  const fsizeDir = fs.mkdtempSync(path.join(tmpdir(), 'lightbox-stress-fsize-'));
  afterAll(() => {
    if (!notMounted) execFileSync('umount', [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
    fs.rmSync(fsizeDir, { recursive: true, force: true });
  });

  it.skipIf(notMounted !== undefined)(
    'answers 507 when the disk is full (ENOSPC on a 48 MB tmpfs), keeps nothing of it, and recovers',
    async () => {
      const dataDir = path.join(mountPoint, 'data');
      const filler = path.join(mountPoint, 'filler');
      await runScenario({
        name: 'Full disk (ENOSPC, tmpfs)',
        dataDir,
        start: () => startServer(dataDir),
        fill() {
          const { bavail, bsize } = fs.statfsSync(mountPoint);
          fs.writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 2 * MB)));
        },
        free() {
          fs.rmSync(filler);
        },
        bigExtraBytes: 3 * MB,
      });
    },
  );

  it('answers 507 when a file outgrows the process file-size limit (EFBIG), keeps nothing of it', async () => {
    const dataDir = path.join(fsizeDir, 'data');
    await runScenario({
      name: 'File-size limit (EFBIG, prlimit --fsize)',
      dataDir,
      start: () => startServer(dataDir, { maxFileSize: 4 * MB }),
      fill() {},
      bigExtraBytes: 5 * MB,
    });
  });
});
