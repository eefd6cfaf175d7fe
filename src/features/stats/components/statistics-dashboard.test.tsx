// The dashboard against the real local server: seeded assets with known dates, the numbers on
// screen, a year chosen, a month opened, and a change elsewhere refreshing the cards.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { deleteAssets, updateAsset } from '@/api/assets';
import { AssetVisibility } from '@/api/types';
import { invalidateAssets } from '@/features/assets/asset-queries';
import { createTestSession } from '@/testing/api-session';
import { createTestQueryClient } from '@/testing/query-wrapper';
import { seedAsset } from '@/testing/seed';
import { StatisticsDashboard } from './statistics-dashboard';

// Real requests on a shared, busy machine: wait longer than Testing Library's 1 s.
configure({ asyncUtilTimeout: 15_000 });

function Where() {
  const { pathname, search } = useLocation();
  return <p data-testid="where">{`${pathname}${search}`}</p>;
}

function renderDashboard(client: QueryClient) {
  const router = createMemoryRouter(
    [
      {
        path: '/statistics',
        element: (
          <>
            <StatisticsDashboard emptyAction={<button type="button">Upload</button>} />
            <Where />
          </>
        ),
      },
      { path: '*', element: <Where /> },
    ],
    { initialEntries: ['/statistics'] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const card = (name: string) => screen.getByRole('region', { name });

/** The element whose whole text is `text` (Testing Library's text match reads only own text). */
const whole = (text: string) => (_: string, element: Element | null) =>
  element?.textContent === text &&
  ![...element.children].some((child) => child.textContent === text);

describe('StatisticsDashboard (empty library)', () => {
  beforeAll(async () => {
    await createTestSession('stats-empty');
  });

  it('says there is nothing to count, and offers the action it was given', async () => {
    renderDashboard(createTestQueryClient());
    expect(await screen.findByText('Nothing to count yet')).toBeDefined();
    expect(screen.getByRole('button', { name: 'Upload' })).toBeDefined();
  });
});

describe('StatisticsDashboard (known library)', { timeout: 30_000 }, () => {
  let ids: { july: string; march1: string; march2: string; november: string; trashed: string };

  beforeAll(async () => {
    await createTestSession('stats');
    const july = await seedAsset({ takenAt: '2019-07-04T12:00:00.000Z' });
    const march1 = await seedAsset({ takenAt: '2021-03-15T12:00:00.000Z', isFavorite: true });
    const march2 = await seedAsset({ takenAt: '2021-03-20T12:00:00.000Z' });
    const november = await seedAsset({ takenAt: '2021-11-02T12:00:00.000Z' });
    const trashed = await seedAsset({ takenAt: '2022-01-10T12:00:00.000Z' });
    await updateAsset({
      id: november.id,
      updateAssetDto: { visibility: AssetVisibility.Archive },
    });
    await deleteAssets({ assetBulkDeleteDto: { ids: [trashed.id] } });
    ids = {
      july: july.id,
      march1: march1.id,
      march2: march2.id,
      november: november.id,
      trashed: trashed.id,
    };
  });

  it('shows the totals, the years and the months, and opens a month in the right grid', async () => {
    const client = createTestQueryClient();
    renderDashboard(client);

    await waitFor(() => expect(within(card('All')).getByText(whole('4 items'))).toBeDefined());
    expect(
      within(card('All'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['4 photos', '0 videos']);
    expect(within(card('Favorites')).getByText(whole('1 item'))).toBeDefined();
    expect(within(card('Archive')).getByText(whole('1 item'))).toBeDefined();
    expect(within(card('Trash')).getByText(whole('1 item'))).toBeDefined();
    expect(screen.getByText(whole('25% of your photos and videos are favorites'))).toBeDefined();

    const years = await screen.findByRole('group', { name: 'Photos and videos per year' });
    expect(
      within(years)
        .getAllByRole('link')
        .map((l) => l.getAttribute('aria-label')),
    ).toEqual(['2019: 1 item', '2021: 3 items']);
    expect(within(years).getByRole('img', { name: '2020: 0 items' })).toBeDefined();

    // 2021 is the newest year with assets: shown by month at first.
    const months = screen.getByRole('group', { name: 'Photos and videos per month in 2021' });
    const march = within(months).getByRole('link', { name: 'March 2021: 2 items' });
    // The archived month opens the archive once the timeline's own list has arrived.
    await waitFor(() =>
      expect(
        within(months).getByRole('link', { name: 'November 2021: 1 item' }).getAttribute('href'),
      ).toBe('/archive?month=2021-11'),
    );

    fireEvent.click(within(years).getByRole('link', { name: '2019: 1 item' }));
    await waitFor(() =>
      expect(screen.getByTestId('where').textContent).toBe('/statistics?year=2019'),
    );
    const july = screen.getByRole('group', { name: 'Photos and videos per month in 2019' });
    expect(
      within(july)
        .getAllByRole('link')
        .map((l) => l.getAttribute('aria-label')),
    ).toEqual(['July 2019: 1 item']);
    expect(march.isConnected).toBe(false);

    fireEvent.click(within(july).getByRole('link', { name: 'July 2019: 1 item' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/?month=2019-07'));
  });

  it('refreshes the cards when asset data is invalidated after a change', async () => {
    const client = createTestQueryClient();
    renderDashboard(client);
    await waitFor(() => expect(within(card('Favorites')).getByText(whole('1 item'))).toBeDefined());

    await updateAsset({ id: ids.march2, updateAssetDto: { isFavorite: true } });
    await act(() => invalidateAssets(client));
    await waitFor(() =>
      expect(within(card('Favorites')).getByText(whole('2 items'))).toBeDefined(),
    );
    expect(screen.getByText(whole('50% of your photos and videos are favorites'))).toBeDefined();

    await updateAsset({ id: ids.march2, updateAssetDto: { isFavorite: false } });
    await act(() => invalidateAssets(client));
    await waitFor(() => expect(within(card('Favorites')).getByText(whole('1 item'))).toBeDefined());
  });
});
