// Vitest global setup for the web project: the fetch layer and hooks are tested
// against the real local server (not mocks), started once on a free port with a
// temporary data folder and an in-memory database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import 'vitest';
import { buildApp } from '../src/app.ts';


export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lightbox-web-test-'));
  const app = await buildApp({ dataDir, dbFile: ':memory:' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('apiUrl', `${address}/api`);
  return async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
  }
}
