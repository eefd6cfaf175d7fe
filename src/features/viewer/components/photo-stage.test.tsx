import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ImageLoader, ImageSize } from '../image-loader';
import { PhotoStage } from './photo-stage';

// happy-dom lays nothing out: give every element a 1000×500 box so the stage can be measured.
const box = { width: 1000, height: 500 };
beforeAll(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(box.width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(box.height);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ x: 0, y: 0, ...box }),
  );
});
afterAll(() => vi.restoreAllMocks());

function manualLoader() {
  const pending = new Map<string, (size: ImageSize) => void>();
  const loader: ImageLoader = (url) =>
    new Promise<ImageSize>((resolve) => {
      pending.set(url, resolve);
    });
  const settle = async (url: string, size: ImageSize) => {
    const resolve = pending.get(url);
    if (!resolve) throw new Error(`no load started for ${url}`);
    await act(async () => {
      resolve(size);
      await Promise.resolve();
    });
  };
  return { loader, pending, settle };
}

const urls = {
  thumbnailUrl: '/api/assets/a/thumbnail?size=thumbnail',
  previewUrl: '/api/assets/a/thumbnail?size=preview',
  fullUrl: '/api/assets/a/thumbnail?size=fullsize',
};

describe('PhotoStage', () => {
  it('shows the blurred thumbnail, then the preview, and loads the full size on zoom', async () => {
    const { loader, pending, settle } = manualLoader();
    render(<PhotoStage assetKey="a" alt="beach.jpg" loader={loader} {...urls} />);
    // Before the preview is decoded: only the decorative thumbnail, no named image.
    expect(screen.queryByRole('img', { name: 'beach.jpg' })).toBeNull();
    await settle(urls.previewUrl, { width: 1440, height: 1440 });
    const photo = screen.getByRole('img', { name: 'beach.jpg' });
    expect(photo.getAttribute('src')).toBe(urls.previewUrl);
    // A square photo in a 1000×500 stage is fitted to 500×500, centred.
    expect(photo.style.width).toBe('500px');
    expect(photo.style.left).toBe('250px');
    expect(pending.has(urls.fullUrl)).toBe(false);

    fireEvent.doubleClick(screen.getByTestId('photo-stage'), { clientX: 500, clientY: 250 });
    const canvas = photo.parentElement!;
    expect(canvas.style.transform).toContain('scale(2.5)');
    expect(pending.has(urls.fullUrl)).toBe(true);
    // The preview stays until the full size is decoded.
    expect(screen.getByRole('img', { name: 'beach.jpg' }).getAttribute('src')).toBe(
      urls.previewUrl,
    );
    await settle(urls.fullUrl, { width: 6000, height: 6000 });
    expect(screen.getByRole('img', { name: 'beach.jpg' }).getAttribute('src')).toBe(urls.fullUrl);

    // `z` zooms back out; the full size stays.
    fireEvent.keyDown(window, { key: 'z' });
    expect(canvas.style.transform).toContain('scale(1)');
    expect(screen.getByRole('img', { name: 'beach.jpg' }).getAttribute('src')).toBe(urls.fullUrl);
  });

  it('zooms with the wheel around the cursor and pans only while zoomed', async () => {
    const { loader, settle } = manualLoader();
    render(<PhotoStage assetKey="a" alt="beach.jpg" loader={loader} {...urls} />);
    await settle(urls.previewUrl, { width: 1440, height: 1440 });
    const stage = screen.getByTestId('photo-stage');
    const canvas = () => screen.getByRole('img', { name: 'beach.jpg' }).parentElement!;
    fireEvent.wheel(stage, { deltaY: -200, clientX: 500, clientY: 250 });
    const zoomed = canvas().style.transform;
    expect(zoomed).not.toContain('scale(1)');
    fireEvent.pointerDown(stage, { pointerId: 1, button: 0, clientX: 500, clientY: 250 });
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: 520, clientY: 260 });
    fireEvent.pointerUp(stage, { pointerId: 1, clientX: 520, clientY: 260 });
    expect(canvas().style.transform).not.toBe(zoomed);
  });

  it('zooms with a two-finger pinch', async () => {
    const { loader, pending, settle } = manualLoader();
    render(<PhotoStage assetKey="a" alt="beach.jpg" loader={loader} {...urls} />);
    await settle(urls.previewUrl, { width: 1440, height: 1440 });
    const stage = screen.getByTestId('photo-stage');
    const scale = () => {
      const match = /scale\(([\d.]+)\)/.exec(
        screen.getByRole('img', { name: 'beach.jpg' }).parentElement!.style.transform,
      );
      return Number(match?.[1]);
    };
    fireEvent.pointerDown(stage, { pointerId: 1, button: 0, clientX: 450, clientY: 250 });
    fireEvent.pointerDown(stage, { pointerId: 2, button: 0, clientX: 550, clientY: 250 });
    // The fingers move apart to three times their distance.
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: 350, clientY: 250 });
    fireEvent.pointerMove(stage, { pointerId: 2, clientX: 650, clientY: 250 });
    expect(scale()).toBeCloseTo(3);
    fireEvent.pointerUp(stage, { pointerId: 1, clientX: 350, clientY: 250 });
    fireEvent.pointerUp(stage, { pointerId: 2, clientX: 650, clientY: 250 });
    expect(scale()).toBeCloseTo(3);
    expect(pending.has(urls.fullUrl)).toBe(true);
  });

  it('starts over at 1× for another asset and reports a swipe', async () => {
    const { loader, settle } = manualLoader();
    const onSwipe = vi.fn();
    const { rerender } = render(
      <PhotoStage assetKey="a" alt="beach.jpg" loader={loader} onSwipe={onSwipe} {...urls} />,
    );
    await settle(urls.previewUrl, { width: 1440, height: 1440 });
    const stage = screen.getByTestId('photo-stage');
    fireEvent.pointerDown(stage, { pointerId: 1, button: 0, clientX: 600, clientY: 250 });
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: 450, clientY: 260 });
    fireEvent.pointerUp(stage, { pointerId: 1, clientX: 450, clientY: 260 });
    expect(onSwipe).toHaveBeenCalledWith('next');

    fireEvent.doubleClick(stage, { clientX: 500, clientY: 250 });
    const next = {
      thumbnailUrl: '/api/assets/b/thumbnail?size=thumbnail',
      previewUrl: '/api/assets/b/thumbnail?size=preview',
      fullUrl: '/api/assets/b/thumbnail?size=fullsize',
    };
    rerender(<PhotoStage assetKey="b" alt="dunes.jpg" loader={loader} {...next} />);
    // The previous photo is gone at once; the new one starts unzoomed from its preview.
    expect(screen.queryByRole('img', { name: 'beach.jpg' })).toBeNull();
    await settle(next.previewUrl, { width: 1440, height: 960 });
    const photo = screen.getByRole('img', { name: 'dunes.jpg' });
    expect(photo.getAttribute('src')).toBe(next.previewUrl);
    expect(photo.parentElement!.style.transform).toContain('scale(1)');
  });
});
