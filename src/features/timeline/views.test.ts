import { describe, expect, it } from 'vitest';
import { viewAtPath } from './views';

describe('viewAtPath', () => {
  it('finds the grid view a page path shows', () => {
    expect(viewAtPath('/')).toBe('timeline');
    expect(viewAtPath('/favorites')).toBe('favorites');
    expect(viewAtPath('/videos/')).toBe('videos');
    expect(viewAtPath('/archive')).toBe('archive');
    expect(viewAtPath('/trash')).toBe('trash');
  });

  it('is null for every other page', () => {
    for (const path of [
      '/statistics',
      '/photos/abc',
      '/auth/login',
      '/share/key',
      '/trash/x',
      '',
    ]) {
      expect(viewAtPath(path)).toBeNull();
    }
  });
});
