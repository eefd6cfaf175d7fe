import type { TimelineFilter } from '@/api/timeline';
import type { ApiConfig } from '@/api/client';
import type { AssetFilter, PackedMonthWire } from './packed-month';

/** Page → worker. */
export type MonthRequest =
  | {
      type: 'load';
      id: number;
      api: ApiConfig;
      filter: TimelineFilter;
      timeBucket: string;
      keep: AssetFilter;
    }
  | { type: 'cancel'; id: number };

/** Worker → page. */
export type MonthResponse =
  | { type: 'done'; id: number; month: PackedMonthWire }
  | {
      type: 'error';
      id: number;
      /** An ApiError's fields, or status -1 for anything else. */
      status: number;
      operation: string;
      messages: string[];
      body?: unknown;
    };
