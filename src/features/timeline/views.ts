import { AssetVisibility } from '@/api/types';
import type { TimelineFilter } from '@/api/timeline';
import type { AssetFilter } from './months/packed-month';

export type TimelineViewName = 'timeline' | 'favorites' | 'archive' | 'trash' | 'videos';

export interface TimelineView {
  name: TimelineViewName;
  /** The grid's accessible name and the page title. */
  title: string;
  /** Where the view lives (the shell's routes). */
  path: string;
  /** The filter sent to GET /timeline/buckets and GET /timeline/bucket. */
  filter: TimelineFilter;
  /** Which assets of each month the view keeps (the timeline API has no type filter). */
  keep: AssetFilter;
  emptyTitle: string;
  emptyText: string;
  /** The empty state offers the upload page. */
  offersUpload: boolean;
}

/**
 * The views over the one grid, with the filters Immich's own web app uses for them:
 * the timeline shows `visibility=timeline`; favourites are every favourite (archived ones
 * too, as in Immich); the trash is `isTrashed=true`. Videos: Immich 1.135's timeline API
 * cannot filter by type, so the view reads the timeline's months and keeps the videos.
 */
export const timelineViews: Record<TimelineViewName, TimelineView> = {
  timeline: {
    name: 'timeline',
    title: 'Photos',
    path: '/',
    filter: { visibility: AssetVisibility.Timeline },
    keep: 'all',
    emptyTitle: 'No photos yet',
    emptyText: 'Upload photos and videos and they will appear here, newest first.',
    offersUpload: true,
  },
  favorites: {
    name: 'favorites',
    title: 'Favorites',
    path: '/favorites',
    filter: { isFavorite: true },
    keep: 'all',
    emptyTitle: 'No favorites yet',
    emptyText: 'Mark photos with the heart to find them here.',
    offersUpload: false,
  },
  archive: {
    name: 'archive',
    title: 'Archive',
    path: '/archive',
    filter: { visibility: AssetVisibility.Archive },
    keep: 'all',
    emptyTitle: 'The archive is empty',
    emptyText: 'Archived photos are hidden from the timeline and kept here.',
    offersUpload: false,
  },
  trash: {
    name: 'trash',
    title: 'Trash',
    path: '/trash',
    filter: { isTrashed: true },
    keep: 'all',
    emptyTitle: 'The trash is empty',
    emptyText: 'Deleted photos stay here for a while before they are gone for good.',
    offersUpload: false,
  },
  videos: {
    name: 'videos',
    title: 'Videos',
    path: '/videos',
    filter: { visibility: AssetVisibility.Timeline },
    keep: 'videos',
    emptyTitle: 'No videos yet',
    emptyText: 'Upload videos and they will appear here, newest first.',
    offersUpload: true,
  },
};

export function isTimelineViewName(value: unknown): value is TimelineViewName {
  return typeof value === 'string' && Object.hasOwn(timelineViews, value);
}

/**
 * The viewer's URL for an asset. The view it was opened from travels in the history
 * state (`{ view }`, which survives a reload), so previous/next follow that view's order.
 */
export function viewerPath(id: string): string {
  return `/photos/${encodeURIComponent(id)}`;
}

/** The grid view a page path shows ('/favorites' → favorites), or null for any other page. */
export function viewAtPath(pathname: string): TimelineViewName | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return Object.values(timelineViews).find((view) => view.path === path)?.name ?? null;
}
