// The Timeline API: how Immich lists a library (months with counts, then one month's columns).
import { apiFetch } from './client';
import type {
  AssetOrder,
  AssetVisibility,
  TimeBucketAssetResponseDto,
  TimeBucketsResponseDto,
} from './types';

/** The filters both timeline operations share. */
export interface TimelineFilter {
  albumId?: string;
  isFavorite?: boolean;
  isTrashed?: boolean;
  /** Shared-link key. */
  key?: string;
  order?: AssetOrder;
  personId?: string;
  tagId?: string;
  userId?: string;
  visibility?: AssetVisibility;
  withPartners?: boolean;
  withStacked?: boolean;
}

/** The month to load ('YYYY-MM-01', as getTimeBuckets lists it) and the filters. */
export interface TimeBucketQuery extends TimelineFilter {
  timeBucket: string;
}

/** GET /timeline/buckets: every month that has assets, `{ timeBucket: 'YYYY-MM-01', count }`, newest first. */
export const getTimeBuckets = (filter: TimelineFilter, signal?: AbortSignal) =>
  apiFetch<TimeBucketsResponseDto[]>('/timeline/buckets', {
    operation: 'getTimeBuckets',
    query: { ...filter },
    signal,
  });

/** GET /timeline/bucket: one month's assets as parallel arrays (id[], ratio[], thumbhash[], …). */
export const getTimeBucket = ({ timeBucket, ...filter }: TimeBucketQuery, signal?: AbortSignal) =>
  apiFetch<TimeBucketAssetResponseDto>('/timeline/bucket', {
    operation: 'getTimeBucket',
    query: { ...filter, timeBucket },
    signal,
  });
