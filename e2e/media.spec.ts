import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';

// An HEVC clip in a QuickTime container, which Chromium cannot decode: the server must
// serve an H.264 copy from /video/playback, and that copy must decode in the browser.
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lightbox-e2e-media-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ffmpeg(args: string[]): void {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
}

function videoCodec(file: string): string {
  const result = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  return result.stdout.trim();
}

test('an HEVC MOV plays in Chromium through its H.264 playback stream', async ({
  page,
  api,
  signedIn,
}) => {
  void signedIn;
  test.setTimeout(180_000);
  const source = path.join(dir, 'clip.mov');
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=2:size=320x240:rate=15',
    '-c:v',
    'libx265',
    '-preset',
    'ultrafast',
    '-tag:v',
    'hvc1',
    '-pix_fmt',
    'yuv420p',
    source,
  ]);
  expect(videoCodec(source)).toBe('hevc');

  const taken = '2024-06-01T12:00:00.000Z';
  const uploaded = await api.post('/api/assets', {
    multipart: {
      assetData: { name: 'clip.mov', mimeType: 'video/quicktime', buffer: readFileSync(source) },
      deviceAssetId: 'e2e-hevc',
      deviceId: 'e2e',
      fileCreatedAt: taken,
      fileModifiedAt: taken,
    },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const { id } = (await uploaded.json()) as { id: string };

  // The transcode runs off the request path: wait until the playback stream is H.264.
  const playback = path.join(dir, 'playback.mp4');
  await expect
    .poll(
      async () => {
        const response = await api.get(`/api/assets/${id}/video/playback`);
        if (!response.ok()) return `HTTP ${response.status()}`;
        writeFileSync(playback, await response.body());
        return videoCodec(playback);
      },
      { timeout: 150_000, intervals: [1_000, 2_000, 5_000] },
    )
    .toBe('h264');

  // Decoded frames, not only a moving clock: videoWidth > 0 and frames counted.
  await page.goto('/');
  const decoded = await page.evaluate(async (assetId) => {
    const video = document.createElement('video');
    video.muted = true;
    video.src = `/api/assets/${assetId}/video/playback`;
    document.body.append(video);
    await video.play();
    // Resolves when a frame has been presented: a decoded frame, not only a moving clock.
    await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));
    const frames = video.getVideoPlaybackQuality().totalVideoFrames;
    return { width: video.videoWidth, height: video.videoHeight, frames };
  }, id);
  expect(decoded.width).toBe(320);
  expect(decoded.height).toBe(240);
  expect(decoded.frames).toBeGreaterThan(0);
});
