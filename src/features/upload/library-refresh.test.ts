import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLibraryRefresh } from './library-refresh';

describe('createLibraryRefresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes at once and again after each delay', () => {
    const invalidate = vi.fn();
    const refresh = createLibraryRefresh(invalidate, [100, 500]);
    refresh();
    expect(invalidate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(99);
    expect(invalidate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(invalidate).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(400);
    expect(invalidate).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(10_000);
    expect(invalidate).toHaveBeenCalledTimes(3);
  });

  it('starts the follow-ups over when another batch finishes', () => {
    const invalidate = vi.fn();
    const refresh = createLibraryRefresh(invalidate, [100, 500]);
    refresh();
    vi.advanceTimersByTime(300);
    refresh();
    // 1 + 1 (at 100) + 1 (the second call); the first schedule's 500 never fires.
    expect(invalidate).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(250);
    expect(invalidate).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(10_000);
    expect(invalidate).toHaveBeenCalledTimes(5);
  });
});
