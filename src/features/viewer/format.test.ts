import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCamera,
  formatCoordinates,
  formatDimensions,
  formatDuration,
  formatExposure,
  formatOffset,
  formatTakenAt,
  mapUrl,
  offsetMinutes,
  parseCoordinate,
  parseOffset,
  toDateTimeLocalValue,
  toDateTimeOriginal,
} from './format';

describe('time zones', () => {
  it('derives the offset from localDateTime and fileCreatedAt', () => {
    expect(offsetMinutes('2012-08-05T11:39:59.000Z', '2012-08-05T09:39:59.000Z')).toBe(120);
    expect(offsetMinutes('2024-01-01T00:00:00.000Z', '2024-01-01T09:30:00.000Z')).toBe(-570);
    expect(offsetMinutes('nope', '2024-01-01T00:00:00.000Z')).toBeNull();
  });

  it('formats and parses offsets', () => {
    expect(formatOffset(120)).toBe('+02:00');
    expect(formatOffset(-570)).toBe('-09:30');
    expect(formatOffset(0)).toBe('+00:00');
    expect(parseOffset('UTC+2')).toBe(120);
    expect(parseOffset('-09:30')).toBe(-570);
    expect(parseOffset('UTC')).toBe(0);
    expect(parseOffset('Europe/Berlin')).toBeNull();
    expect(parseOffset('+15:00')).toBeNull();
  });

  it('shows the wall time where the photo was taken, with its zone', () => {
    const text = formatTakenAt(
      {
        localDateTime: '2012-08-05T11:39:59.000Z',
        fileCreatedAt: '2012-08-05T09:39:59.000Z',
        timeZone: 'Europe/Madrid',
      },
      'en-GB',
    );
    expect(text).toContain('5 August 2012');
    expect(text).toContain('11:39:59');
    expect(text).toContain('(Europe/Madrid, UTC+02:00)');
    const noZone = formatTakenAt(
      { localDateTime: '2012-08-05T11:39:59.000Z', fileCreatedAt: '2012-08-05T11:39:59.000Z' },
      'en-GB',
    );
    expect(noZone).toContain('(UTC+00:00)');
  });

  it('builds dateTimeOriginal with the chosen offset', () => {
    expect(toDateTimeLocalValue('2012-08-05T11:39:59.000Z')).toBe('2012-08-05T11:39:59');
    expect(toDateTimeOriginal('2012-08-05T11:39:59', 120)).toBe('2012-08-05T11:39:59.000+02:00');
    expect(toDateTimeOriginal('2012-08-05T11:39', -570)).toBe('2012-08-05T11:39:00.000-09:30');
    expect(toDateTimeOriginal('', 0)).toBeNull();
    expect(toDateTimeOriginal('2012-13-45T11:39', 0)).toBeNull();
  });
});

describe('details', () => {
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(5 * 1024 * 1024 + 1)).toBe('5.0 MiB');
    expect(formatBytes(null)).toBeNull();
  });

  it('formats dimensions with megapixels', () => {
    expect(formatDimensions(6000, 4000)).toBe('6000 × 4000 (24.0 MP)');
    expect(formatDimensions(null, 4000)).toBeNull();
  });

  it('formats exposure and camera', () => {
    expect(formatExposure({ fNumber: 2.8, exposureTime: '1/200', focalLength: 50, iso: 100 })).toBe(
      'ƒ/2.8 · 1/200 s · 50 mm · ISO 100',
    );
    expect(formatExposure({})).toBeNull();
    expect(formatCamera({ make: 'Canon', model: 'Canon EOS R5' })).toBe('Canon EOS R5');
    expect(formatCamera({ make: 'SONY', model: 'DSLR-A550' })).toBe('SONY DSLR-A550');
    expect(formatCamera({})).toBeNull();
  });

  it('formats coordinates and links them to a map', () => {
    expect(formatCoordinates(39.115, -108.40097)).toBe('39.11500° N, 108.40097° W');
    const url = new URL(mapUrl(39.115, -108.40097));
    expect(url.hostname).toBe('www.openstreetmap.org');
    expect(url.searchParams.get('mlat')).toBe('39.115000');
    expect(url.searchParams.get('mlon')).toBe('-108.400970');
  });

  it('parses coordinates within range only', () => {
    expect(parseCoordinate('39.115', 90)).toBe(39.115);
    expect(parseCoordinate('-108,4', 180)).toBe(-108.4);
    expect(parseCoordinate('91', 90)).toBeNull();
    expect(parseCoordinate('abc', 180)).toBeNull();
    expect(parseCoordinate(' ', 180)).toBeNull();
  });

  it('formats video durations', () => {
    expect(formatDuration('0:00:05.000000')).toBe('0:05');
    expect(formatDuration('1:02:03.5')).toBe('1:02:03');
    expect(formatDuration('0:00:00.00000')).toBeNull();
  });
});
