import { describe, expect, it } from 'vitest';
import {
  aggregateBuckets,
  formatShare,
  fraction,
  monthKey,
  monthsWithAssets,
  parseDeviceAssetId,
  parseTimeBucket,
  pickYear,
} from './aggregate';

describe('parseTimeBucket', () => {
  it('reads the year and month of both shapes Immich has used', () => {
    expect(parseTimeBucket('2024-03-01')).toEqual({ year: 2024, month: 3 });
    expect(parseTimeBucket('1999-12-01T00:00:00.000Z')).toEqual({ year: 1999, month: 12 });
  });

  it('refuses what is not a month', () => {
    expect(parseTimeBucket('')).toBeNull();
    expect(parseTimeBucket('2024-13-01')).toBeNull();
    expect(parseTimeBucket('2024-00-01')).toBeNull();
    expect(parseTimeBucket('March 2024')).toBeNull();
  });
});

describe('aggregateBuckets', () => {
  it('is empty for no buckets', () => {
    expect(aggregateBuckets([])).toEqual({ years: [], total: 0, unreadable: 0 });
  });

  it('groups months into years, oldest first, with each month in its place', () => {
    const activity = aggregateBuckets([
      { timeBucket: '2024-11-01', count: 4 },
      { timeBucket: '2024-01-01', count: 2 },
      { timeBucket: '2023-06-01', count: 7 },
    ]);
    expect(activity.total).toBe(13);
    expect(activity.years.map((y) => [y.year, y.total])).toEqual([
      [2023, 7],
      [2024, 6],
    ]);
    expect(activity.years[0]?.months).toEqual([0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0]);
    expect(activity.years[1]?.months).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0]);
  });

  it('fills the years between with zeros', () => {
    const { years } = aggregateBuckets([
      { timeBucket: '2020-05-01', count: 1 },
      { timeBucket: '2023-02-01', count: 1 },
    ]);
    expect(years.map((y) => [y.year, y.total])).toEqual([
      [2020, 1],
      [2021, 0],
      [2022, 0],
      [2023, 1],
    ]);
    expect(years[1]?.months).toHaveLength(12);
  });

  it('adds a month listed twice, and counts what it cannot read apart', () => {
    const activity = aggregateBuckets([
      { timeBucket: '2022-08-01', count: 3 },
      { timeBucket: '2022-08-01T00:00:00.000Z', count: 2 },
      { timeBucket: 'garbage', count: 9 },
      { timeBucket: '2022-09-01', count: -1 },
    ]);
    expect(activity.years).toHaveLength(1);
    expect(activity.years[0]?.months[7]).toBe(5);
    expect(activity.total).toBe(5);
    expect(activity.unreadable).toBe(2);
  });

  it('keeps every count: the years add up to the total', () => {
    const buckets = Array.from({ length: 40 }, (_, i) => ({
      timeBucket: `${2000 + Math.floor(i / 3)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
      count: (i * 7) % 11,
    }));
    const activity = aggregateBuckets(buckets);
    const sum = buckets.reduce((s, b) => s + b.count, 0);
    expect(activity.total).toBe(sum);
    expect(activity.years.reduce((s, y) => s + y.total, 0)).toBe(sum);
    for (const y of activity.years) expect(y.months.reduce((s, n) => s + n, 0)).toBe(y.total);
  });
});

describe('months and shares', () => {
  it('formats month keys for the timeline', () => {
    expect(monthKey(2021, 3)).toBe('2021-03');
    expect(monthKey(987, 12)).toBe('0987-12');
  });

  it('lists the months that have assets', () => {
    const months = monthsWithAssets([
      { timeBucket: '2021-03-01', count: 2 },
      { timeBucket: '2021-04-01', count: 0 },
      { timeBucket: 'nope', count: 1 },
    ]);
    expect([...months]).toEqual(['2021-03']);
  });

  it('computes fractions safely', () => {
    expect(fraction(1, 4)).toBe(0.25);
    expect(fraction(3, 0)).toBe(0);
    expect(fraction(0, 10)).toBe(0);
    expect(fraction(12, 10)).toBe(1);
  });

  it('never rounds a little to nothing or almost all to everything', () => {
    expect(formatShare(0, 10, 'en-US')).toBe('0%');
    expect(formatShare(1, 500, 'en-US')).toBe('<1%');
    expect(formatShare(1, 4, 'en-US')).toBe('25%');
    expect(formatShare(499, 500, 'en-US')).toBe('>99%');
    expect(formatShare(5, 5, 'en-US')).toBe('100%');
    expect(formatShare(2, 3, 'en-US')).toBe('67%');
  });
});

describe('parseDeviceAssetId', () => {
  it('reads the name and time of a web upload, dashes in the name included', () => {
    expect(parseDeviceAssetId('web-my-holiday-photo.jpg-1714557600000')).toEqual({
      deviceAssetId: 'web-my-holiday-photo.jpg-1714557600000',
      name: 'my-holiday-photo.jpg',
      lastModified: 1714557600000,
    });
  });

  it('keeps other devices’ ids as they are', () => {
    expect(parseDeviceAssetId('IMG_0001-123')).toEqual({
      deviceAssetId: 'IMG_0001-123',
      name: null,
      lastModified: null,
    });
    expect(parseDeviceAssetId('web--')).toMatchObject({ name: null });
  });
});

describe('pickYear', () => {
  const { years } = aggregateBuckets([
    { timeBucket: '2019-07-01', count: 2 },
    { timeBucket: '2021-03-01', count: 1 },
  ]);

  it('takes the asked year when it has assets', () => {
    expect(pickYear(years, '2019')?.year).toBe(2019);
  });

  it('falls back to the newest year with assets', () => {
    expect(pickYear(years, null)?.year).toBe(2021);
    expect(pickYear(years, '2020')?.year).toBe(2021); // empty year
    expect(pickYear(years, '1850')?.year).toBe(2021); // absent
    expect(pickYear(years, '2019x')?.year).toBe(2021); // not a year
  });

  it('is null without any assets', () => {
    expect(pickYear([], '2020')).toBeNull();
  });
});
