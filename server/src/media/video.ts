import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDateTime } from './dates.ts';
import { DATE_RANK, type DateCandidate, type TagSet } from './metadata.ts';
import { runCommand } from './tools.ts';

/** The system's ffmpeg and ffprobe (or others, by path). */
export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
}

export interface VideoProbe {
  /** Seconds; null when the container does not say. */
  duration: number | null;
  /** Stored frame size (before rotation). */
  width: number | null;
  height: number | null;
  /** Degrees the player turns the picture (ffprobe's display matrix). */
  rotation: number;
  videoCodec: string | null;
  audioCodec: string | null;
  pixelFormat: string | null;
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm". */
  container: string;
  /** The ISO base media major brand: "qt  " for QuickTime, "isom"/"mp42" for MP4. */
  majorBrand: string | null;
  tags: Record<string, string>;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  duration?: string;
  tags?: Record<string, string>;
  side_data_list?: Array<{ rotation?: number }>;
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
}

/** Reads a video's streams and container tags. Throws when ffprobe cannot read the file. */
export async function probeVideo(
  tools: VideoTools,
  file: string,
  signal?: AbortSignal,
): Promise<VideoProbe> {
  const { stdout } = await runCommand(
    tools.ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
    { signal, maxStdout: 16 << 20, timeoutMs: 120_000 },
  );
  const data = JSON.parse(stdout.toString('utf8')) as FfprobeOutput;
  const streams = data.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new Error('no audio or video stream');
  const formatTags = lowerKeys(data.format?.tags ?? {});
  const rotationValue =
    video?.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ??
    Number(video?.tags?.rotate ?? 0);
  const duration = Number(data.format?.duration ?? video?.duration ?? NaN);
  return {
    duration: Number.isFinite(duration) && duration >= 0 ? duration : null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    rotation: Number.isFinite(rotationValue) ? normaliseRotation(rotationValue) : 0,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    pixelFormat: video?.pix_fmt ?? null,
    container: data.format?.format_name ?? '',
    majorBrand: formatTags.major_brand ?? null,
    tags: { ...lowerKeys(video?.tags ?? {}), ...formatTags },
  };
}

function lowerKeys(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
}

/** -90, 270 → 270; 90 → 90; 180/-180 → 180. */
function normaliseRotation(degrees: number): number {
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

/** Immich's duration text: "H:MM:SS.ffffff". */
export function formatDuration(seconds: number): string {
  const micros = Math.round(seconds * 1_000_000);
  const hours = Math.floor(micros / 3_600_000_000);
  const minutes = Math.floor((micros % 3_600_000_000) / 60_000_000);
  const wholeSeconds = Math.floor((micros % 60_000_000) / 1_000_000);
  const fraction = micros % 1_000_000;
  return `${hours}:${pad(minutes, 2)}:${pad(wholeSeconds, 2)}.${pad(fraction, 6)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The picture as played: rotation by ±90° swaps width and height. */
export function displayedSize(probe: VideoProbe): { width: number; height: number } | null {
  if (!probe.width || !probe.height) return null;
  const sideways = probe.rotation === 90 || probe.rotation === 270;
  return sideways
    ? { width: probe.height, height: probe.width }
    : { width: probe.width, height: probe.height };
}

/**
 * Metadata from the container, as tags for the metadata step: the capture date (Apple's
 * creationdate carries the local time and offset; creation_time is UTC), the ISO 6709 location,
 * make and model, frame size and orientation (Immich maps rotation to an EXIF orientation).
 */
export function videoTags(probe: VideoProbe): TagSet {
  const t = probe.tags;
  const dates: DateCandidate[] = [];
  // Apple's creationdate has the local time and its offset; creation_time is UTC only.
  const local = parseDateTime(t['com.apple.quicktime.creationdate']);
  if (local && local.offsetMinutes !== null)
    dates.push({ ...local, rank: DATE_RANK.quickTimeCreationDate });
  const utc = parseDateTime(t.creation_time);
  // A zero epoch (1904 or 1970) means the camera did not set it.
  if (utc && utc.year > 1970) {
    dates.push({ ...utc, offsetMinutes: 0, utcOnly: true, rank: DATE_RANK.quickTimeCreateDate });
  }
  const location = parseIso6709(
    t['com.apple.quicktime.location.iso6709'] ?? t.location ?? t['location-eng'],
  );
  return {
    dates,
    make: t['com.apple.quicktime.make'] ?? t['com.android.manufacturer'] ?? t.make ?? null,
    model: t['com.apple.quicktime.model'] ?? t['com.android.model'] ?? t.model ?? null,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    width: probe.width,
    height: probe.height,
    orientation: rotationToOrientation(probe.rotation),
  };
}

/** ffprobe's rotation (counter-clockwise degrees) as the EXIF orientation Immich stores. */
function rotationToOrientation(rotation: number): number {
  switch (rotation) {
    case 90:
      return 8;
    case 180:
      return 3;
    case 270:
      return 6;
    default:
      return 1;
  }
}

/** "+37.7749-122.4194/" or "+37.7749-122.4194+012.3/" → degrees. */
export function parseIso6709(
  value: string | undefined,
): { latitude: number; longitude: number } | null {
  if (!value) return null;
  const match = /^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)/.exec(value.trim());
  if (!match) return null;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0))
    return null;
  return { latitude, longitude };
}

const PLAYABLE_VIDEO = new Set(['h264', 'vp8', 'vp9', 'av1']);
const PLAYABLE_AUDIO = new Set(['aac', 'mp3', 'opus', 'vorbis', 'flac']);
const PLAYABLE_PIXELS = new Set(['yuv420p', 'yuvj420p']);

/**
 * Whether Chromium plays the file as it is: MP4 (not QuickTime) or WebM, with H.264, VP8, VP9 or
 * AV1 video in 8-bit 4:2:0 and AAC, MP3, Opus, Vorbis or FLAC audio (or none). Everything else
 * (HEVC, MOV, AVI, MKV with H.264, 10-bit H.264…) needs a transcode.
 */
export function needsTranscode(probe: VideoProbe): boolean {
  const isMp4 = probe.container.includes('mp4') && probe.majorBrand?.trim() !== 'qt';
  const isWebm = probe.container.includes('webm');
  if (!isMp4 && !isWebm) return true;
  if (probe.videoCodec && !PLAYABLE_VIDEO.has(probe.videoCodec)) return true;
  if (probe.audioCodec && !PLAYABLE_AUDIO.has(probe.audioCodec)) return true;
  if (probe.videoCodec === 'h264' && probe.pixelFormat && !PLAYABLE_PIXELS.has(probe.pixelFormat))
    return true;
  if (isWebm && probe.videoCodec === 'h264') return true;
  return false;
}

/**
 * One still frame as PNG, upright (ffmpeg applies the rotation): a second in, or the first
 * frame of a shorter clip.
 */
export async function extractPoster(
  tools: VideoTools,
  file: string,
  probe: VideoProbe,
  signal?: AbortSignal,
): Promise<Buffer> {
  const offsets = probe.duration !== null && probe.duration > 2 ? [1, 0] : [0];
  let lastError: unknown = new Error('no video frame');
  for (const offset of offsets) {
    try {
      const { stdout } = await runCommand(
        tools.ffmpeg,
        [
          '-nostdin',
          '-v',
          'error',
          '-ss',
          String(offset),
          '-i',
          file,
          '-map',
          '0:v:0',
          '-frames:v',
          '1',
          '-pix_fmt',
          'rgb24',
          '-f',
          'image2pipe',
          '-c:v',
          'png',
          '-',
        ],
        { signal, maxStdout: 512 << 20, timeoutMs: 300_000 },
      );
      if (stdout.length > 0) return stdout;
    } catch (error) {
      signal?.throwIfAborted();
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** Immich's default target: the shorter side at most 720 px. */
export const TRANSCODE_MAX_SHORT_SIDE = 720;

/**
 * Transcodes to H.264 (yuv420p, CRF 23) and AAC in an MP4 with the index at the front
 * (+faststart) so playback and seeking start at once. Writes next to `target` and renames, so
 * a cancelled or failed run leaves nothing behind.
 */
export async function transcodeToMp4(
  tools: VideoTools,
  file: string,
  target: string,
  signal?: AbortSignal,
): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp.mp4`;
  const max = TRANSCODE_MAX_SHORT_SIDE;
  // After rotation, scale the shorter side down to `max` (never up), keeping sizes even.
  const even = (side: string) => `trunc(min(${max},${side})/2)*2`;
  const scale = `scale=w='if(gte(iw,ih),-2,${even('iw')})':h='if(gte(iw,ih),${even('ih')},-2)'`;
  const args = ['-nostdin', '-v', 'error', '-y', '-i', file, '-map', '0:v:0', '-map', '0:a:0?'];
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    '-vf',
    scale,
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-ac',
    '2',
    '-movflags',
    '+faststart',
    '-map_metadata',
    '-1',
    '-f',
    'mp4',
    tmp,
  );
  try {
    await runCommand(tools.ffmpeg, args, { signal, maxStdout: 1 << 20 });
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}
