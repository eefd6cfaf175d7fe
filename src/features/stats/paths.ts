// The app's URLs the dashboard links to. They are part of the app's contract (a reload or a
// shared address opens the same place), so they are written here rather than imported from
// the features that own those pages.

/**
 * Where a month ('YYYY-MM') opens: the timeline, or the archive when the timeline has nothing
 * that month (its assets are all archived). Both grids read `?month=`.
 */
export function monthPath(month: string, inTimeline: boolean): string {
  return `${inTimeline ? '/' : '/archive'}?month=${month}`;
}

/** The viewer for one asset. */
export function photoPath(id: string): string {
  return `/photos/${encodeURIComponent(id)}`;
}
