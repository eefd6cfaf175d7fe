// `npm run bench`: builds the gallery, runs every benchmark, and writes
// docs/benchmarks.md (medians with min/max, the machine, the date) and
// bench-results.json (medians) at the repository root.
//
// Each benchmark module exports an async function returning
// { figures: { key: number | { median, min, max, runs } }, detail?, notes? }.
// `npm run bench -- timeline upload` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { round } from './bench/stats.mjs';

const all = {
  bundle: async () => (await import('./bench/bundle.mjs')).benchBundle(),
  server: async () => (await import('./bench/server.mjs')).benchServer(),
  firstLoad: async () => (await import('./bench/first-load.mjs')).benchFirstLoad(),
  timeline: async () => (await import('./bench/timeline.mjs')).benchTimeline(),
  upload: async () => (await import('./bench/upload.mjs')).benchUpload(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(all);
for (const name of names) {
  if (!all[name]) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
}

console.log('Building the gallery...');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const previous = existsSync('bench-results.json')
  ? JSON.parse(readFileSync('bench-results.json', 'utf8'))
  : {};
const results = { ...previous };
const sections = [];
const started = Date.now();
let failed = false;

for (const name of names) {
  console.log(`\n=== ${name}`);
  const t0 = Date.now();
  try {
    const { figures, detail, notes } = await all[name]();
    const medians = {};
    const rows = [];
    for (const [key, value] of Object.entries(figures)) {
      if (typeof value === 'number') {
        medians[key] = round(value, 2);
        rows.push(`| ${key} | ${round(value, 2)} | | | 1 |`);
      } else {
        medians[key] = round(value.median, 2);
        rows.push(
          `| ${key} | ${round(value.median, 2)} | ${round(value.min, 2)} | ${round(value.max, 2)} | ${value.runs} |`,
        );
      }
    }
    results[name] = medians;
    console.log(medians);
    sections.push({ name, rows, detail, notes, seconds: (Date.now() - t0) / 1000 });
  } catch (error) {
    failed = true;
    console.error(`${name} failed:`, error);
    sections.push({
      name,
      rows: [],
      notes: [`This benchmark failed in this run: ${String(error?.message ?? error)}`],
      seconds: (Date.now() - t0) / 1000,
    });
  }
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
const date = new Date().toISOString();
results.meta = { date, machine };
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);

// Each section keeps its own file, so running a subset leaves the others' last figures in place.
mkdirSync('docs/benchmarks', { recursive: true });
for (const s of sections) {
  const lines = [
    `## ${s.name}`,
    '',
    `Measured ${date} in ${round(s.seconds, 0)} s (\`npm run bench -- ${s.name}\`).`,
    '',
  ];
  if (s.rows.length)
    lines.push('| figure | median | min | max | runs |', '|---|---|---|---|---|', ...s.rows, '');
  for (const note of s.notes ?? []) lines.push(`- ${note}`);
  if (s.notes?.length) lines.push('');
  if (s.detail)
    lines.push(
      '<details><summary>detail</summary>',
      '',
      '```json',
      JSON.stringify(s.detail, null, 2),
      '```',
      '</details>',
      '',
    );
  writeFileSync(`docs/benchmarks/${s.name}.md`, `${lines.join('\n')}\n`);
}
const md = [
  '# Benchmarks',
  '',
  `Last written by \`npm run bench\` on ${date.slice(0, 10)}.`,
  `Machine: ${machine}.`,
  'Reproduce: `npm run bench` (all sections) or `npm run bench -- NAME` (one section).',
  'Figures are medians of several runs with the minimum and maximum; timings on a shared 2-core machine are noisy, so compare ratios measured in the same run.',
  '',
];
for (const name of Object.keys(all)) {
  const file = `docs/benchmarks/${name}.md`;
  if (existsSync(file)) md.push(readFileSync(file, 'utf8'));
}
writeFileSync('docs/benchmarks.md', `${md.join('\n')}\n`);
console.log(
  `\nWrote bench-results.json and docs/benchmarks.md in ${round((Date.now() - started) / 1000, 0)} s.`,
);
process.exit(failed ? 1 : 0);
