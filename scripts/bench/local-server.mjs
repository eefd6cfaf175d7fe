// Starts the local server (server/src/main.ts) on a free port and a new data folder,
// for benchmarks; and a signed-in API client for it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function startServer({ dataDir, env = {} } = {}) {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'lightbox-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LIGHTBOX_DATA: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /running on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir: dir,
    pid: child.pid,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs up the admin (first run) and returns fetch helpers authenticated with its token. */
export async function signIn(url) {
  const admin = { email: 'bench@example.com', password: 'bench-password', name: 'Bench' };
  await fetch(`${url}/api/auth/admin-sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };
  return {
    token: accessToken,
    headers,
    async json(method, route, body) {
      const response = await fetch(`${url}/api${route}`, {
        method,
        headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok)
        throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? undefined : response.json();
    },
    /** Uploads a Blob as an asset with Immich's multipart fields. */
    async upload(blob, fileName, { date = new Date(), deviceAssetId = fileName } = {}) {
      const form = new FormData();
      form.set('deviceAssetId', deviceAssetId);
      form.set('deviceId', 'bench');
      form.set('fileCreatedAt', date.toISOString());
      form.set('fileModifiedAt', date.toISOString());
      form.set('assetData', blob, fileName);
      const response = await fetch(`${url}/api/assets`, { method: 'POST', headers, body: form });
      if (!response.ok)
        throw new Error(`upload ${fileName}: ${response.status} ${await response.text()}`);
      return response.json();
    },
  };
}
