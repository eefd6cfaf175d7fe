import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaService, type MediaJob } from '../src/media/index.ts';
import { probeVideo } from '../src/media/video.ts';
import { storeOriginal, tempStorage } from './media-helpers.ts';

const TOOLS = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasFfmpeg) console.warn('media-video: ffmpeg is not installed; video tests are skipped');

let storage: ReturnType<typeof tempStorage>;
let clips: string;

/** Makes a test clip with ffmpeg's testsrc pattern (and a sine tone when `audio`). */
function makeClip(name: string, args: string[], seconds = 3, audio = true): string {
  const file = path.join(clips, name);
  const input = ['-f', 'lavfi', '-i', `testsrc=size=320x240:rate=25:duration=${seconds}`];
  if (audio) input.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...input, ...args, '-shortest', file]);
  return file;
}

async function store(file: string, overrides: Partial<MediaJob> = {}): Promise<MediaJob> {
  return storeOriginal(storage.paths, await fs.readFile(file), path.basename(file), {
    type: 'VIDEO',
    mimeType: 'video/mp4',
    ...overrides,
  });
}

/** Where the moov (index) box sits relative to mdat: "front" means fast start. */
async function moovPosition(file: string): Promise<'front' | 'back'> {
  const data = await fs.readFile(file);
  const moov = data.indexOf('moov');
  const mdat = data.indexOf('mdat');
  return moov >= 0 && moov < mdat ? 'front' : 'back';
}

describe.skipIf(!hasFfmpeg)('videos', () => {
  let h264: string;
  let hevc: string;
  let rotated: string;

  beforeAll(async () => {
    storage = tempStorage();
    clips = path.join(storage.dir, 'clips');
    await fs.mkdir(clips);
    h264 = makeClip('clip.mp4', [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-metadata',
      'creation_time=2024-05-06T07:08:09Z',
      '-metadata',
      'location=+48.8584+002.2945/',
    ]);
    hevc = makeClip(
      'clip.mov',
      [
        '-c:v',
        'libx265',
        '-preset',
        'ultrafast',
        '-x265-params',
        'log-level=error',
        '-tag:v',
        'hvc1',
        '-c:a',
        'aac',
      ],
      2,
    );
    const plain = makeClip(
      'plain.mp4',
      ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
      2,
      false,
    );
    rotated = path.join(clips, 'rotated.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      plain,
      '-c',
      'copy',
      '-metadata:s:v:0',
      'rotate=90',
      rotated,
    ]);
  });

  afterAll(() => storage.remove());

  it('reads an H.264 MP4: duration, size, date and place, a poster, and no transcode', async () => {
    const media = new MediaService({ paths: storage.paths, onResult: () => undefined });
    const job = await store(h264);
    const result = await media.enqueue(job);
    await media.close();

    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.duration).toBe('0:00:03.000000');
    expect([result.width, result.height]).toEqual([320, 240]);
    expect(result.dateTimeOriginal).toBe('2024-05-06T07:08:09.000Z');
    // Paris in May is UTC+2: the local time is two hours ahead of the UTC creation time.
    expect(result.timeZone).toBe('Europe/Paris');
    expect(result.localDateTime).toBe('2024-05-06T09:08:09.000Z');
    expect(result.exif.latitude).toBeCloseTo(48.8584, 4);
    expect(result.exif.longitude).toBeCloseTo(2.2945, 4);
    expect(result.exif.exifImageWidth).toBe(320);
    expect(result.encodedVideoPath).toBeNull();
    const thumb = await sharp(result.thumbnailPath ?? '').metadata();
    // 240 px is below the thumbnail's 250: frames are never enlarged.
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 320, 240]);
    const preview = await sharp(result.previewPath ?? '').metadata();
    expect([preview.format, preview.width, preview.height]).toEqual(['jpeg', 320, 240]);
    expect(result.thumbhash).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('transcodes an HEVC MOV to an H.264/AAC MP4 with fast start', async () => {
    const media = new MediaService({ paths: storage.paths, onResult: () => undefined });
    const job = await store(hevc, { mimeType: 'video/quicktime' });
    const result = await media.enqueue(job);
    await media.close();

    expect(result.error).toBeUndefined();
    expect(result.encodedVideoPath).toBe(storage.paths.encodedVideo(job.ownerId, job.assetId));
    const encoded = await probeVideo(TOOLS, result.encodedVideoPath ?? '');
    expect(encoded.videoCodec).toBe('h264');
    expect(encoded.audioCodec).toBe('aac');
    expect(encoded.pixelFormat).toBe('yuv420p');
    expect(encoded.container).toContain('mp4');
    expect(encoded.majorBrand?.trim()).not.toBe('qt');
    expect([encoded.width, encoded.height]).toEqual([320, 240]);
    expect(encoded.duration).toBeGreaterThan(1.9);
    expect(await moovPosition(result.encodedVideoPath ?? '')).toBe('front');
    expect(result.thumbnailPath).not.toBeNull();
    const leftovers = (await fs.readdir(path.dirname(result.encodedVideoPath ?? ''))).filter((f) =>
      f.includes('.tmp'),
    );
    expect(leftovers).toEqual([]);
  });

  it('honours the rotation of a portrait clip in its size and poster', async () => {
    const media = new MediaService({ paths: storage.paths, onResult: () => undefined });
    const result = await media.enqueue(await store(rotated));
    await media.close();

    expect(result.ok).toBe(true);
    expect([result.width, result.height]).toEqual([240, 320]);
    expect(result.exif.orientation).toBe('8');
    const preview = await sharp(result.previewPath ?? '').metadata();
    expect([preview.width, preview.height]).toEqual([240, 320]);
  });

  it('says what it cannot do without ffmpeg, and still dates the video', async () => {
    const media = new MediaService({
      paths: storage.paths,
      tools: { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' },
      onResult: () => undefined,
    });
    const capabilities = await media.capabilities();
    const job = await store(h264);
    const result = await media.enqueue(job);
    await media.close();

    expect(capabilities.video).toBe(false);
    expect(capabilities.warnings.join('\n')).toMatch(/ffmpeg/);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/ffmpeg/);
    expect(result.thumbnailPath).toBeNull();
    expect(result.dateTimeOriginal).toBe(job.fileCreatedAt);
    expect(result.exif.fileSizeInByte).toBeGreaterThan(0);
  });

  it('reports a file ffprobe cannot read', async () => {
    const media = new MediaService({ paths: storage.paths, onResult: () => undefined });
    const job = await storeOriginal(storage.paths, Buffer.from('not a video'), 'fake.mp4', {
      type: 'VIDEO',
    });
    const result = await media.enqueue(job);
    await media.close();

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/ffprobe cannot read/);
    expect(result.thumbnailPath).toBeNull();
  });

  it('kills a running transcode on close and leaves no partial file', async () => {
    const long = makeClip(
      'long.mov',
      ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-c:a', 'aac'],
      20,
    );
    const media = new MediaService({ paths: storage.paths, onResult: () => undefined });
    const job = await store(long, { mimeType: 'video/quicktime' });
    const pending = media.enqueue(job, ['transcode']);
    const target = storage.paths.encodedVideo(job.ownerId, job.assetId);
    // Wait until ffmpeg has started writing, then close.
    for (let i = 0; i < 200; i++) {
      const names = await fs.readdir(path.dirname(target)).catch(() => []);
      if (names.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await media.close();
    const result = await pending;

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/cancelled/);
    expect(await fs.readdir(path.dirname(target)).catch(() => [])).toEqual([]);
    const running = spawnSync('pgrep', ['-f', long]).stdout.toString().trim();
    expect(running).toBe('');
  });
});
