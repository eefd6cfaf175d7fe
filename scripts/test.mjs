// `npm test`: type check, lint, unit and integration tests, build, bundle budget, end-to-end tests.
// Each step runs in order and the first failure stops the run with its exit code.
import { spawnSync } from 'node:child_process';
import { ensureSystemTools } from './system-tools.mjs';

const chromium = ensureSystemTools();
const env = { ...process.env, CHROMIUM_PATH: chromium };

const steps = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['bundle budget', 'node', ['scripts/check-bundle.mjs']],
  ['end-to-end tests', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']],
];

for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (${seconds} s)`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds} s)`);
}
