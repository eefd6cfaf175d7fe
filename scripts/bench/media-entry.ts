// Times the server's own media job on one image, as the upload path runs it: a MediaService
// (the bounded queue, the decoder choice, the header read, the 1440 px JPEG preview, the 250 px
// WebP thumbnail and the thumbhash). A long-lived child process, so the parent can interleave
// these runs with the reference tool's: it prints "ready", then answers each line on stdin
// ("thumbnails" or "all", the latter adding the EXIF/XMP metadata read) with one JSON line
// {"ms": …} once the job's result is in.
// Usage: node --import tsx scripts/bench/media-entry.ts SOURCE OUT_DIR
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { MediaService, type MediaJob, type MediaKind } from '../../server/src/media/index.ts';
import { StoragePaths } from '../../server/src/storage/paths.ts';

const [sourceArg, outDir] = process.argv.slice(2);
if (!sourceArg || !outDir) throw new Error('usage: media-entry.ts SOURCE OUT_DIR');
const source = sourceArg;

const paths = new StoragePaths(outDir);
const media = new MediaService({ paths, onResult: () => undefined });
const ownerId = randomUUID();

async function runJob(
  kinds: MediaKind[],
): Promise<{ ms: number; thumbnail: string | null; preview: string | null }> {
  const now = new Date().toISOString();
  const job: MediaJob = {
    assetId: randomUUID(),
    ownerId,
    originalPath: source,
    originalFileName: 'bench.jpg',
    mimeType: 'image/jpeg',
    type: 'IMAGE',
    fileCreatedAt: now,
    fileModifiedAt: now,
  };
  const t0 = performance.now();
  const result = await media.enqueue(job, kinds);
  const ms = performance.now() - t0;
  if (!result.ok || !result.thumbhash) throw new Error(`media job failed: ${result.error}`);
  return { ms, thumbnail: result.thumbnailPath, preview: result.previewPath };
}

console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command !== 'thumbnails' && command !== 'all') throw new Error(`unknown command ${command}`);
  const kinds: MediaKind[] = command === 'all' ? ['metadata', 'thumbnails'] : ['thumbnails'];
  console.log(JSON.stringify(await runJob(kinds)));
}
await media.close();
// The metadata reader's worker thread must not keep a finished benchmark waiting.
process.exit(0);
