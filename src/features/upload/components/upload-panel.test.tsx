import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import type { Hasher } from '../hashing/hash-pool';
import { UploadQueue, type UploadPort } from '../queue/upload-queue';
import { UploadPanel } from './upload-panel';

const hasher: Hasher = {
  hash: (file) => Promise.resolve(`sha-${(file as File).name}`),
  dispose: () => undefined,
};

function makeQueue(upload: UploadPort['upload']) {
  const port: UploadPort = {
    mediaTypes: () => Promise.resolve({ image: ['.jpg'], video: ['.mp4'], sidecar: ['.xmp'] }),
    checkExisting: () => Promise.resolve([]),
    checkBulk: (items) =>
      Promise.resolve(
        items.map((i) =>
          i.checksum === 'sha-dup.jpg'
            ? { id: i.id, action: 'reject' as const, reason: 'duplicate' as const, assetId: 'a1' }
            : { id: i.id, action: 'accept' as const },
        ),
      ),
    upload,
  };
  return new UploadQueue({
    port,
    hasher,
    deviceId: 'WEB-test',
    retryDelayMs: () => 0,
    maxAttempts: 1,
  });
}

const files = (...names: string[]) =>
  names.map((name) => ({ file: new File(['1234567890'], name), path: name }));

const renderPanel = (queue: UploadQueue) =>
  render(
    <MemoryRouter>
      <UploadPanel queue={queue} />
    </MemoryRouter>,
  );

/** The queue tells React about changes at most every 100 ms. */
const settle = async (queue: UploadQueue) => {
  await act(async () => {
    await queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 150));
  });
};

describe('UploadPanel', () => {
  it('shows each outcome, the overall progress and a summary in a live region', async () => {
    const queue = makeQueue((request) =>
      request.filename === 'bad.jpg'
        ? Promise.reject(
            new ApiError({ status: 400, operation: 'uploadAsset', messages: ['Unsupported file'] }),
          )
        : Promise.resolve({ id: `id-${request.filename}`, status: 'created' }),
    );
    renderPanel(queue);
    expect(screen.queryByRole('region', { name: 'Uploads' })).toBeNull();

    await act(() => queue.add(files('a.jpg', 'dup.jpg', 'bad.jpg', 'notes.txt')));
    await settle(queue);

    const panel = screen.getByRole('region', { name: 'Uploads' });
    const row = (name: string) => within(panel).getByRole('listitem', { name });
    expect(row('a.jpg').textContent).toContain('Uploaded');
    expect(row('dup.jpg').textContent).toContain('Already in the library');
    expect(row('bad.jpg').textContent).toContain('Unsupported file');
    expect(row('notes.txt').textContent).toContain('Unsupported file type (.txt)');
    expect(
      within(row('a.jpg')).getByRole('link', { name: 'View a.jpg' }).getAttribute('href'),
    ).toBe('/photos/id-a.jpg');
    expect(within(panel).getByRole('status').textContent).toContain(
      'Upload finished: 1 uploaded, 1 duplicate, 1 skipped, 1 failed.',
    );
    expect(within(panel).getByRole('list', { name: 'Failed uploads' }).textContent).toContain(
      'bad.jpg: Unsupported file',
    );
    const overall = within(panel).getByRole('progressbar', { name: 'Overall upload progress' });
    expect(overall.getAttribute('aria-valuenow')).toBe('100');

    // Retry puts the failed file back to work; Close clears the finished ones.
    expect(within(row('bad.jpg')).getByRole('button', { name: 'Retry bad.jpg' })).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Close uploads' }));
    await settle(queue);
    expect(screen.queryByRole('region', { name: 'Uploads' })).toBeNull();
  });

  it('renders only the rows in view for a queue of 5,000 files, and can be minimised', async () => {
    const queue = makeQueue(() => new Promise(() => undefined));
    renderPanel(queue);
    await act(() => queue.add(files(...Array.from({ length: 5000 }, (_, i) => `IMG_${i}.jpg`))));
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));

    const list = screen.getByRole('list', { name: 'Files' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(20);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('5000');

    await userEvent.click(screen.getByRole('button', { name: 'Minimise uploads' }));
    expect(screen.queryByRole('list', { name: 'Files' })).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Expand uploads' }).getAttribute('aria-expanded'),
    ).toBe('false');
    expect(screen.getByRole('progressbar', { name: 'Overall upload progress' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    await settle(queue);
    expect(screen.getByRole('status').textContent).toContain('5,000 cancelled');
  });
});
