// Times the server's own image pipeline (server/src/media/image.ts) on one file:
// the 1440 px preview and 250 px thumbnail, as the media queue makes them.
// Usage: node --import tsx scripts/bench/media-entry.ts SOURCE OUT_DIR RUNS  → JSON array of ms
import path from 'node:path';
import { generateImageOutputs } from '../../server/src/media/image.ts';

const [source, outDir, runsArg] = process.argv.slice(2);
if (!source || !outDir) throw new Error('usage: media-entry.ts SOURCE OUT_DIR RUNS');
const times: number[] = [];
for (let i = 0; i < Number(runsArg ?? 3); i++) {
  const t0 = performance.now();
  await generateImageOutputs(
    { kind: 'file', path: source },
    {
      thumbnail: path.join(outDir, `thumb-${i}.webp`),
      preview: path.join(outDir, `preview-${i}.jpeg`),
    },
  );
  times.push(performance.now() - t0);
}
console.log(JSON.stringify(times));
