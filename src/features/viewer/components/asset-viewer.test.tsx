import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { AssetVisibility } from '@/api/types';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient } from '@/testing/query-wrapper';
import { seedAsset, type SeededAsset } from '@/testing/seed';
import type { ViewerViewName } from '../use-viewer-actions';
import type { ViewerScope } from '../viewer-queries';
import { AssetViewer } from './asset-viewer';

// The viewer against the real local server: which asset it shows when the user moves
// faster than the server answers, its neighbours, and a missing asset.

const timeline: ViewerScope = {
  filter: { visibility: AssetVisibility.Timeline },
  onlyVideos: false,
};
const scopes: Record<ViewerViewName, ViewerScope> = {
  timeline,
  favorites: { filter: { isFavorite: true }, onlyVideos: false },
  archive: { filter: { visibility: AssetVisibility.Archive }, onlyVideos: false },
  trash: { filter: { isTrashed: true }, onlyVideos: false },
  videos: { filter: { visibility: AssetVisibility.Timeline }, onlyVideos: true },
};

let newest: SeededAsset;
let middle: SeededAsset;
let oldest: SeededAsset;

beforeAll(async () => {
  await createTestSession('viewer');
  newest = await seedAsset({ name: 'newest.png', takenAt: '2023-05-20T10:00:00.000Z' });
  middle = await seedAsset({ name: 'middle.png', takenAt: '2023-05-01T10:00:00.000Z' });
  // A month earlier: previous/next cross the month boundary.
  oldest = await seedAsset({ name: 'oldest.png', takenAt: '2023-04-28T10:00:00.000Z' });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function renderViewer(assetId: string, onNavigate = vi.fn()) {
  const client = createTestQueryClient();
  const view = (id: string) => (
    <QueryClientProvider client={client}>
      <AssetViewer
        assetId={id}
        view="timeline"
        scopes={scopes}
        onNavigate={onNavigate}
        onClose={vi.fn()}
      />
    </QueryClientProvider>
  );
  const result = render(view(assetId));
  return { ...result, show: (id: string) => result.rerender(view(id)), onNavigate };
}

const dialogName = () => screen.getByRole('dialog').getAttribute('aria-label');

describe('AssetViewer', () => {
  it('never shows an asset the user has left, however late its answer comes', async () => {
    // The server answers slowly for the first two assets (as a busy server would).
    const realFetch = globalThis.fetch;
    const slow = new Set([newest.id, middle.id]);
    const signals: { id: string; signal: AbortSignal | null | undefined }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const match = /\/assets\/([0-9a-f-]{36})(?:\?|$)/.exec(url);
      const id = match?.[1];
      if (id && slow.has(id)) {
        signals.push({ id, signal: init?.signal });
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return realFetch(input, init);
    });

    const { show } = renderViewer(newest.id);
    show(middle.id);
    show(oldest.id);
    await waitFor(() => expect(dialogName()).toBe('oldest.png'));
    // The late answers arrive (or are aborted) after the last asset was shown: it stays.
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(dialogName()).toBe('oldest.png');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('oldest.png');
    // The requests for the assets the user left were aborted (a later prefetch of a
    // neighbour is a request of its own).
    const first = (id: string) => signals.find((s) => s.id === id);
    expect(first(newest.id)?.signal?.aborted).toBe(true);
    expect(first(middle.id)?.signal?.aborted).toBe(true);
  });

  it('goes to the previous and next asset in the view, across months', async () => {
    const { onNavigate } = renderViewer(middle.id);
    await waitFor(() => expect(dialogName()).toBe('middle.png'));
    const next = await screen.findByRole('button', { name: 'Next' });
    await waitFor(() => expect(next.getAttribute('aria-disabled')).toBeNull());
    next.click();
    expect(onNavigate).toHaveBeenLastCalledWith(oldest.id);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect(onNavigate).toHaveBeenLastCalledWith(newest.id);
  });

  it('has no previous at the newest asset', async () => {
    renderViewer(newest.id);
    await waitFor(() => expect(dialogName()).toBe('newest.png'));
    await screen.findByRole('button', { name: 'Next' });
    expect(screen.queryByRole('button', { name: 'Previous' })).toBeNull();
  });

  it('says when the asset does not exist, with a way back', async () => {
    renderViewer('00000000-0000-4000-8000-000000000000');
    expect(await screen.findByText('This photo is not available')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Back to the photos' })).toBeTruthy();
  });
});
