import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useLoaderData } from 'react-router';
import { ApiError, configureApi } from '@/api/client';
import { createQueryClient } from '@/lib/query-client';
import { createTestSession } from '@/testing/api-session';
import { RouteErrorBoundary } from './route-error-boundary';

beforeAll(async () => {
  // The unreachable notice pings the real local test server.
  await createTestSession('route-errors');
});

function Page() {
  const text = useLoaderData<string>();
  return <h1>{text}</h1>;
}

/** A router whose one page loader fails with `failures` in turn, then answers. */
function renderWithFailures(failures: Error[]) {
  const queue = [...failures];
  const router = createMemoryRouter(
    [
      {
        path: '/',
        loader: () => {
          const failure = queue.shift();
          if (failure) throw failure;
          return 'Loaded page';
        },
        Component: Page,
        ErrorBoundary: RouteErrorBoundary,
      },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retry: false } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe('RouteErrorBoundary', () => {
  it('shows the server’s message with Retry, and Retry loads the page again', async () => {
    const user = userEvent.setup();
    renderWithFailures([
      new ApiError({ status: 500, operation: 'getAssetInfo', messages: ['Database is locked'] }),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server ran into a problem');
    expect(alert.textContent).toContain('Database is locked');
    expect(screen.getByText('getAssetInfo · HTTP 500')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Photos' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Loaded page' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows "Page not found" for a 404 from the API', async () => {
    renderWithFailures([
      new ApiError({ status: 404, operation: 'getAssetInfo', messages: ['Asset not found'] }),
    ]);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('Asset not found')).toBeTruthy();
  });

  it('says the server is unreachable, and comes back when a ping answers', async () => {
    const user = userEvent.setup();
    renderWithFailures([
      new ApiError({ status: 0, operation: 'getMyUser', messages: ['Cannot reach the server.'] }),
    ]);
    expect(await screen.findByRole('heading', { name: 'Can’t reach the server' })).toBeTruthy();
    expect(screen.getByText(/Trying again in \d+ s\./)).toBeTruthy();

    // The server answers (the real test server): Retry now pings it, and the page reloads.
    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(await screen.findByRole('heading', { name: 'Loaded page' })).toBeTruthy();
  });

  it('stays on the notice while the server does not answer', async () => {
    const user = userEvent.setup();
    renderWithFailures([
      new ApiError({ status: 0, operation: 'getMyUser', messages: ['Cannot reach the server.'] }),
    ]);
    await screen.findByRole('heading', { name: 'Can’t reach the server' });
    configureApi({ baseUrl: 'http://127.0.0.1:9/api' });
    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(await screen.findByText(/Trying again in \d+ s\./)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Can’t reach the server' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Loaded page' })).toBeNull();
  });
});
