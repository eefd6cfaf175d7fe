import type { TimeBucketAssetResponseDto, TimeBucketsResponseDto } from '@/api/types';

/**
 * The viewer's previous and next asset, in the order the current view shows
 * them: months newest first, and within a month newest first by the time the
 * photo was taken where it was taken (the timeline's order). Crosses day and
 * month boundaries, loading an adjacent month only when needed.
 */

/** Where the buckets come from (the app reads them through React Query; tests pass a fake). */
export interface BucketSource {
  buckets(): Promise<readonly TimeBucketsResponseDto[]>;
  bucket(timeBucket: string): Promise<TimeBucketAssetResponseDto>;
}

export interface NeighbourAsset {
  id: string;
  thumbhash: string | null;
  isImage: boolean;
}

export interface Neighbours {
  previous: NeighbourAsset | null;
  next: NeighbourAsset | null;
  /** False when the asset is not part of the view (e.g. it was just moved out of it). */
  inView: boolean;
}

export interface NeighbourQuery {
  id: string;
  /** The asset's localDateTime: its month is the bucket to look in first. */
  localDateTime: string;
  /** Keep only videos (the Videos view; the timeline API has no type filter). */
  onlyVideos?: boolean;
}

const NONE: Neighbours = { previous: null, next: null, inView: false };

function utcMs(value: string): number {
  const hasZone = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(ms) ? 0 : ms;
}

/** One month's assets in display order (newest first by local time; ties keep the server's order). */
export function orderBucket(dto: TimeBucketAssetResponseDto, onlyVideos = false): NeighbourAsset[] {
  const rows: { asset: NeighbourAsset; local: number; position: number }[] = [];
  for (let i = 0; i < dto.id.length; i++) {
    const isImage = dto.isImage[i] !== false;
    if (onlyVideos && isImage) continue;
    const offset = dto.localOffsetHours[i] ?? 0;
    rows.push({
      asset: { id: dto.id[i] ?? '', thumbhash: dto.thumbhash[i] ?? null, isImage },
      local: utcMs(dto.fileCreatedAt[i] ?? '') + (Number.isFinite(offset) ? offset : 0) * 3_600_000,
      position: i,
    });
  }
  rows.sort((a, b) => b.local - a.local || a.position - b.position);
  return rows.map((row) => row.asset);
}

/** The bucket key a localDateTime falls in: its month ("2025-03"). */
export function monthOf(localDateTime: string): string {
  return localDateTime.slice(0, 7);
}

export async function findNeighbours(
  source: BucketSource,
  { id, localDateTime, onlyVideos = false }: NeighbourQuery,
): Promise<Neighbours> {
  const buckets = (await source.buckets()).filter((b) => b.count > 0);
  const month = monthOf(localDateTime);
  const exact = buckets.findIndex((b) => b.timeBucket.startsWith(month));
  // Where to look: the asset's month first, then (the server may bucket by another clock
  // than localDateTime near a month's edge) the months on either side of it.
  const candidates: number[] = [];
  if (exact >= 0) candidates.push(exact, exact - 1, exact + 1);
  else {
    // Buckets are newest first: the first one older than the month, and the one before it.
    const older = buckets.findIndex((b) => b.timeBucket.slice(0, 7) < month);
    const at = older < 0 ? buckets.length : older;
    candidates.push(at - 1, at);
  }
  let index = -1;
  let ordered: NeighbourAsset[] = [];
  let position = -1;
  for (const candidate of candidates) {
    const bucket = buckets[candidate];
    if (!bucket) continue;
    const list = orderBucket(await source.bucket(bucket.timeBucket), onlyVideos);
    const found = list.findIndex((a) => a.id === id);
    if (found >= 0) {
      index = candidate;
      ordered = list;
      position = found;
      break;
    }
  }
  if (position < 0) return NONE;

  const edge = async (step: -1 | 1): Promise<NeighbourAsset | null> => {
    const inMonth = ordered[position + step];
    if (inMonth) return inMonth;
    // Walk to the adjacent months until one has an asset of this view.
    for (let i = index + step; i >= 0 && i < buckets.length; i += step) {
      const list = orderBucket(await source.bucket(buckets[i]!.timeBucket), onlyVideos);
      const asset = step === -1 ? list[list.length - 1] : list[0];
      if (asset) return asset;
    }
    return null;
  };
  const [previous, next] = await Promise.all([edge(-1), edge(1)]);
  return { previous, next, inView: true };
}
