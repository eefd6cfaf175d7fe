import { describe, expect, it } from 'vitest';
import { monthFromSearch, monthIndexFor } from './month-param';

describe('monthFromSearch', () => {
  it('reads ?month=YYYY-MM as a timeBucket', () => {
    expect(monthFromSearch('?month=2021-03')).toBe('2021-03-01');
    expect(monthFromSearch('?view=x&month=1999-12')).toBe('1999-12-01');
  });

  it('ignores anything else', () => {
    expect(monthFromSearch('')).toBeNull();
    expect(monthFromSearch('?month=2021-13')).toBeNull();
    expect(monthFromSearch('?month=2021-3')).toBeNull();
    expect(monthFromSearch('?month=2021-03-01')).toBeNull();
  });
});

describe('monthIndexFor', () => {
  const months = [
    { timeBucket: '2024-02-01' },
    { timeBucket: '2021-03-01' },
    { timeBucket: '2019-07-01' },
  ];

  it('finds the month itself', () => {
    expect(monthIndexFor(months, '2021-03-01')).toBe(1);
    expect(monthIndexFor(months, '2024-02-01')).toBe(0);
  });

  it('falls back to the nearest older month, or the oldest', () => {
    expect(monthIndexFor(months, '2022-06-01')).toBe(1);
    expect(monthIndexFor(months, '2030-01-01')).toBe(0);
    expect(monthIndexFor(months, '2001-01-01')).toBe(2);
  });

  it('is -1 without months', () => {
    expect(monthIndexFor([], '2021-03-01')).toBe(-1);
  });
});
