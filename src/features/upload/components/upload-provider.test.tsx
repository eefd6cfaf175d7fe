import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, queryWrapper } from '@/testing/query-wrapper';
import { uploadQueries } from '../upload-queries';
import { UploadButton } from './upload-button';
import { UploadProvider } from './upload-provider';

/** A drag's data as the drag events carry it (only the types are readable before the drop). */
const carrying = (...types: string[]) => ({ dataTransfer: { types, items: [], files: [] } });

function renderProvider() {
  const client = createTestQueryClient();
  // The accepted extensions are known: nothing asks the server.
  client.setQueryData(uploadQueries.mediaTypes().queryKey, {
    image: ['.jpg'],
    video: ['.mp4'],
    sidecar: ['.xmp'],
  });
  const Wrapper = queryWrapper(client);
  return render(
    <Wrapper>
      <UploadProvider>
        <main>
          <section aria-label="Outer">
            <p>Inner</p>
          </section>
          <UploadButton />
        </main>
      </UploadProvider>
    </Wrapper>,
  );
}

describe('UploadProvider', () => {
  it('shows the drop overlay while files are dragged over the app, across nested elements', () => {
    renderProvider();
    const outer = screen.getByRole('region', { name: 'Outer' });
    const inner = screen.getByText('Inner');
    expect(screen.queryByText('Drop to upload')).toBeNull();

    fireEvent.dragEnter(outer, carrying('Files'));
    expect(screen.getByText('Drop to upload')).toBeTruthy();
    // Moving onto a child: the child is entered before the parent is left.
    fireEvent.dragEnter(inner, carrying('Files'));
    fireEvent.dragLeave(outer, carrying('Files'));
    expect(screen.getByText('Drop to upload')).toBeTruthy();
    // Off the last element: the overlay goes.
    fireEvent.dragLeave(inner, carrying('Files'));
    expect(screen.queryByText('Drop to upload')).toBeNull();
  });

  it('lets the drop happen only for files, and hides the overlay when they are dropped', () => {
    renderProvider();
    const outer = screen.getByRole('region', { name: 'Outer' });

    // Dragged text is not an upload: no overlay, and the browser keeps its own handling.
    fireEvent.dragEnter(outer, carrying('text/plain'));
    expect(screen.queryByText('Drop to upload')).toBeNull();
    expect(fireEvent.dragOver(outer, carrying('text/plain'))).toBe(true);

    fireEvent.dragEnter(outer, carrying('Files'));
    // dragover's default is prevented, which is what allows the drop.
    expect(fireEvent.dragOver(outer, carrying('Files'))).toBe(false);
    expect(fireEvent.drop(outer, carrying('Files'))).toBe(false);
    expect(screen.queryByText('Drop to upload')).toBeNull();
  });

  it('has the file and folder pickers (the files one limited to the accepted extensions) that the Upload buttons open', () => {
    renderProvider();
    const files = screen.getByLabelText<HTMLInputElement>('Upload files');
    expect(files.type).toBe('file');
    expect(files.multiple).toBe(true);
    expect(files.accept).toBe('.jpg,.mp4,.xmp');
    const folder = screen.getByLabelText<HTMLInputElement>('Choose a folder to upload');
    expect(folder.hasAttribute('webkitdirectory')).toBe(true);

    // The header's buttons open them.
    const opened: string[] = [];
    for (const input of [files, folder])
      input.addEventListener('click', (event) => {
        event.preventDefault();
        opened.push(input.getAttribute('aria-label') ?? '');
      });
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    fireEvent.click(screen.getByRole('button', { name: 'Upload folder' }));
    expect(opened).toEqual(['Upload files', 'Choose a folder to upload']);
  });
});
