import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { ImageLoader, ImageSize } from './image-loader';
import { useProgressiveImage, type ProgressiveSources } from './use-progressive-image';

/** A loader whose loads the test settles by hand, in any order. */
function manualLoader() {
  const pending = new Map<
    string,
    { resolve: (size: ImageSize) => void; reject: (e: Error) => void; signal: AbortSignal }
  >();
  const loader: ImageLoader = (url, signal) =>
    new Promise<ImageSize>((resolve, reject) => {
      pending.set(url, { resolve, reject, signal });
    });
  const settle = async (url: string, outcome: ImageSize | Error) => {
    const load = pending.get(url);
    if (!load) throw new Error(`no load started for ${url}`);
    await act(async () => {
      if (outcome instanceof Error) load.reject(outcome);
      else load.resolve(outcome);
      await Promise.resolve();
    });
  };
  return { loader, pending, settle };
}

const asset = (id: string): ProgressiveSources => ({
  key: id,
  preview: `/api/assets/${id}/thumbnail?size=preview`,
  full: `/api/assets/${id}/thumbnail?size=fullsize`,
});
const size = { width: 1440, height: 960 };

describe('useProgressiveImage', () => {
  it('shows nothing until the preview is decoded, then the preview', async () => {
    const { loader, settle } = manualLoader();
    const { result } = renderHook(() => useProgressiveImage(asset('a'), false, loader));
    expect(result.current.src).toBeNull();
    expect(result.current.loading).toBe(true);
    await settle(asset('a').preview, size);
    expect(result.current.src).toBe(asset('a').preview);
    expect(result.current.isFull).toBe(false);
    expect(result.current.size).toEqual(size);
    expect(result.current.loading).toBe(false);
  });

  it('keeps the preview on screen until the full size is decoded, then keeps the full size', async () => {
    const { loader, settle, pending } = manualLoader();
    const { result, rerender } = renderHook(
      ({ zoomed }) => useProgressiveImage(asset('a'), zoomed, loader),
      { initialProps: { zoomed: false } },
    );
    await settle(asset('a').preview, size);
    rerender({ zoomed: true });
    expect(pending.has(asset('a').full!)).toBe(true);
    // While the full size loads, the preview stays (no blank frame).
    expect(result.current.src).toBe(asset('a').preview);
    await settle(asset('a').full!, { width: 6000, height: 4000 });
    expect(result.current.src).toBe(asset('a').full);
    expect(result.current.isFull).toBe(true);
    // Zooming out does not go back to the lower resolution.
    rerender({ zoomed: false });
    expect(result.current.src).toBe(asset('a').full);
    expect(result.current.loading).toBe(false);
  });

  it('aborts and ignores a late answer for an asset the user has left', async () => {
    const { loader, settle, pending } = manualLoader();
    const { result, rerender } = renderHook(
      ({ sources }) => useProgressiveImage(sources, false, loader),
      { initialProps: { sources: asset('a') } },
    );
    rerender({ sources: asset('b') });
    rerender({ sources: asset('c') });
    expect(pending.get(asset('a').preview)?.signal.aborted).toBe(true);
    expect(pending.get(asset('b').preview)?.signal.aborted).toBe(true);
    expect(pending.get(asset('c').preview)?.signal.aborted).toBe(false);
    // The answers for a and b arrive late, after c was asked for: none of them is shown.
    await settle(asset('a').preview, size);
    await settle(asset('b').preview, size);
    expect(result.current.src).toBeNull();
    await settle(asset('c').preview, size);
    expect(result.current.src).toBe(asset('c').preview);
  });

  it('does not show the previous asset while the next one loads', async () => {
    const { loader, settle } = manualLoader();
    const { result, rerender } = renderHook(
      ({ sources }) => useProgressiveImage(sources, false, loader),
      { initialProps: { sources: asset('a') } },
    );
    await settle(asset('a').preview, size);
    rerender({ sources: asset('b') });
    expect(result.current.src).toBeNull();
    expect(result.current.loading).toBe(true);
  });

  it('ignores a late full size of a previous asset', async () => {
    const { loader, settle } = manualLoader();
    const { result, rerender } = renderHook(
      ({ sources, zoomed }) => useProgressiveImage(sources, zoomed, loader),
      { initialProps: { sources: asset('a'), zoomed: false } },
    );
    await settle(asset('a').preview, size);
    rerender({ sources: asset('a'), zoomed: true });
    rerender({ sources: asset('b'), zoomed: false });
    await settle(asset('a').full!, size);
    expect(result.current.src).toBeNull();
    await settle(asset('b').preview, size);
    expect(result.current.src).toBe(asset('b').preview);
  });

  it('reports a failed preview and loads it again on retry', async () => {
    const { loader, settle, pending } = manualLoader();
    const { result } = renderHook(() => useProgressiveImage(asset('a'), false, loader));
    await settle(asset('a').preview, new Error('Could not load the image'));
    expect(result.current.error?.message).toBe('Could not load the image');
    expect(result.current.loading).toBe(false);
    pending.clear();
    act(() => result.current.retry());
    expect(pending.has(asset('a').preview)).toBe(true);
    await settle(asset('a').preview, size);
    expect(result.current.error).toBeNull();
    expect(result.current.src).toBe(asset('a').preview);
  });

  it('keeps the preview when the full size fails', async () => {
    const { loader, settle } = manualLoader();
    const { result, rerender } = renderHook(
      ({ zoomed }) => useProgressiveImage(asset('a'), zoomed, loader),
      { initialProps: { zoomed: false } },
    );
    await settle(asset('a').preview, size);
    rerender({ zoomed: true });
    await settle(asset('a').full!, new Error('Could not load the image'));
    expect(result.current.src).toBe(asset('a').preview);
    expect(result.current.fullError).not.toBeNull();
    expect(result.current.loading).toBe(false);
  });
});
