import { describe, expect, it } from 'vitest';
import { formatDay, formatDuration, formatMonth, kindOf, tileLabel } from './format';
import { DAY_MS, FLAG_FAVORITE, FLAG_IMAGE, FLAG_LIVE } from './months/packed-month';
import { PLACEHOLDER_DELAY_MS, paintPlaceholder, thumbhashColour, thumbhashUrl } from './thumbhash';

const friday = Date.UTC(2025, 2, 14, 10, 32);

describe('format', () => {
  it('names days and months in the given locale, in the time zone where the photo was taken', () => {
    const day = Math.floor(friday / DAY_MS);
    expect(formatDay(day, 'en-GB')).toMatch(/^Friday,? 14 March 2025$/);
    expect(formatDay(day, 'en-US')).toBe('Friday, March 14, 2025');
    expect(formatDay(day, 'de-DE')).toBe('Freitag, 14. März 2025');
    expect(formatMonth(2025, 3, 'en-GB')).toBe('March 2025');
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(65.4)).toBe('1:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(NaN)).toBe('');
  });

  it('says what a tile is, when and where it was taken, and its state', () => {
    expect(kindOf(FLAG_IMAGE)).toBe('Photo');
    expect(kindOf(FLAG_IMAGE | FLAG_LIVE)).toBe('Live photo');
    expect(kindOf(0)).toBe('Video');
    expect(tileLabel(FLAG_IMAGE, friday, '', NaN, 'en-GB')).toMatch(
      /^Photo taken Friday,? 14 March 2025,? at 10:32$/,
    );
    expect(tileLabel(FLAG_FAVORITE, friday, 'Paris', 15, 'en-GB')).toMatch(
      /^Video taken Friday,? 14 March 2025,? at 10:32 in Paris, 0:15, favorite$/,
    );
  });
});

describe('thumbhash placeholders', () => {
  // A thumbhash of a plain red 8×8 image.
  const red = '1fsDBwBYiT9yeHiLh6eIiHeNktIIKY0A';

  it('gives the average colour at once and the blurred image as a data URL', () => {
    expect(thumbhashColour(red)).toMatch(/^rgb\((2[3-5]\d) (\d{1,2}) (\d{1,2})\)$/);
    expect(thumbhashUrl(red)).toMatch(/^data:image\/png;base64,/);
    expect(thumbhashUrl('')).toBe('');
    expect(thumbhashColour('not base64!')).toBe('');
  });

  it('paints tiles in a moment, skipping those no longer in the document or already shown', async () => {
    const other = '1QcSHQRnh493V4dIh4eXh1h4kJUI';
    const tile = document.createElement('div');
    const gone = document.createElement('div');
    const shown = document.createElement('div');
    const image = document.createElement('img');
    // A thumbnail that has arrived: complete, with pixels.
    Object.defineProperty(image, 'complete', { value: true });
    Object.defineProperty(image, 'naturalWidth', { value: 250 });
    shown.append(image);
    document.body.append(tile, shown);
    paintPlaceholder(tile, other);
    paintPlaceholder(gone, other);
    paintPlaceholder(shown, other);
    expect(tile.style.backgroundImage).toBe('');
    await new Promise((resolve) => setTimeout(resolve, PLACEHOLDER_DELAY_MS + 100));
    expect(tile.style.backgroundImage).toContain('data:image/png');
    expect(gone.style.backgroundImage).toBe('');
    expect(shown.style.backgroundImage).toBe('');
    tile.remove();
    shown.remove();
  });
});
