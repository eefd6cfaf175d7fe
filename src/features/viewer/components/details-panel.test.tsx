import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { getAssetInfo } from '@/api/assets';
import type { AssetResponseDto } from '@/api/types';
import { createTestSession } from '@/testing/api-session';
import { seedAsset } from '@/testing/seed';
import { DetailsPanel } from './details-panel';

// The details panel's rating, on an asset of the real local server.

let asset: AssetResponseDto;

beforeAll(async () => {
  await createTestSession('details-panel');
  const seeded = await seedAsset({ name: 'rated.png' });
  asset = await getAssetInfo({ id: seeded.id });
});

function panel(rating: number | null, onRate = vi.fn()) {
  const withRating = { ...asset, exifInfo: { ...asset.exifInfo, rating } };
  return (
    <DetailsPanel
      asset={withRating}
      readOnly={false}
      onClose={() => undefined}
      onSaveDescription={() => Promise.resolve(true)}
      onRate={onRate}
      onEditDate={() => undefined}
      onEditLocation={() => undefined}
    />
  );
}

const star = (name: string) => screen.getByRole<HTMLInputElement>('radio', { name });

describe('DetailsPanel rating', () => {
  it('shows the star clicked at once, then whatever the asset says', () => {
    const onRate = vi.fn();
    const { rerender } = render(panel(null, onRate));
    expect(star('No rating').checked).toBe(true);

    fireEvent.click(star('4 stars'));
    // In the click's own render, before the asset has changed.
    expect(onRate).toHaveBeenCalledWith(4);
    expect(star('4 stars').checked).toBe(true);

    // The optimistic update, then a rollback (the save failed): the asset's value wins.
    rerender(panel(4, onRate));
    expect(star('4 stars').checked).toBe(true);
    rerender(panel(null, onRate));
    expect(star('No rating').checked).toBe(true);
    expect(star('4 stars').checked).toBe(false);
  });
});
