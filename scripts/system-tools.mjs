// Finds the system programs the tests need (Chromium for Playwright, ffmpeg for
// test videos) and, where this user can, installs the missing ones from Debian.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const which = (name) => {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
};

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    which('chromium'),
  ];
  return candidates.find((c) => c && existsSync(c));
}

/** Ensures Chromium and ffmpeg exist; returns the Chromium path or exits with one line saying how. */
export function ensureSystemTools() {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (!which('ffmpeg') || !which('ffprobe')) missing.push('ffmpeg');
  if (missing.length === 0) return findChromium();

  const canInstall = process.getuid?.() === 0 && which('apt-get');
  if (canInstall) {
    console.log(`Installing ${missing.join(' and ')} from Debian's packages...`);
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // Fall through to the message below.
    }
  }
  if (findChromium() && which('ffmpeg')) return findChromium();
  console.error(
    `The tests need ${missing.join(' and ')}: run \`sudo apt-get install ${missing.join(' ')}\` (or set CHROMIUM_PATH to a Chromium binary).`,
  );
  process.exit(1);
}
