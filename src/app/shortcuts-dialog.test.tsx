import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useShortcuts } from '@/lib/shortcuts';
import { ShortcutsDialog } from './shortcuts-dialog';

function Timeline({ onFavorite, onNext }: { onFavorite: () => void; onNext: () => void }) {
  useShortcuts([
    { key: 'f', group: 'Timeline', description: 'Add to favorites', handler: onFavorite },
    { key: 'ArrowRight', group: 'Timeline', description: 'Next photo', handler: onNext },
  ]);
  return <input aria-label="Search" />;
}

function Viewer({ onNext }: { onNext: () => void }) {
  useShortcuts([{ key: 'ArrowRight', group: 'Viewer', description: 'Next', handler: onNext }]);
  return null;
}

function Harness(props: {
  onFavorite?: () => void;
  onTimelineNext?: () => void;
  onViewerNext?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [timeline, setTimeline] = useState(true);
  const [viewer, setViewer] = useState(false);
  useShortcuts([
    {
      key: '?',
      group: 'General',
      description: 'Show keyboard shortcuts',
      handler: () => setOpen(true),
    },
  ]);
  return (
    <>
      <button type="button" onClick={() => setTimeline((v) => !v)}>
        Toggle timeline
      </button>
      <button type="button" onClick={() => setViewer((v) => !v)}>
        Toggle viewer
      </button>
      {timeline && (
        <Timeline
          onFavorite={props.onFavorite ?? (() => {})}
          onNext={props.onTimelineNext ?? (() => {})}
        />
      )}
      {viewer && <Viewer onNext={props.onViewerNext ?? (() => {})} />}
      <ShortcutsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

describe('keyboard shortcuts', () => {
  it('? opens a dialog that lists what is registered now, by group', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('heading', { name: 'General' })).toBeTruthy();
    expect(within(dialog).getByRole('heading', { name: 'Timeline' })).toBeTruthy();
    const favorite = within(dialog).getByText('Add to favorites').parentElement;
    expect(favorite?.textContent).toContain('F');
    expect(within(dialog).getByText('Next photo').parentElement?.textContent).toContain('→');

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    // A feature that leaves the screen takes its shortcuts with it.
    await user.click(screen.getByRole('button', { name: 'Toggle timeline' }));
    await user.keyboard('?');
    const again = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(again).queryByText('Add to favorites')).toBeNull();
    expect(within(again).queryByRole('heading', { name: 'Timeline' })).toBeNull();
  });

  it('runs handlers, but not while typing in a field', async () => {
    const user = userEvent.setup();
    const onFavorite = vi.fn();
    render(<Harness onFavorite={onFavorite} />);

    await user.click(screen.getByRole('textbox', { name: 'Search' }));
    await user.keyboard('f?');
    expect(onFavorite).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(document.body);
    await user.keyboard('f');
    expect(onFavorite).toHaveBeenCalledTimes(1);
    await user.keyboard('{Shift>}F{/Shift}');
    expect(onFavorite).toHaveBeenCalledTimes(1);
  });

  it('gives a key to the shortcut registered last, and back when it goes', async () => {
    const user = userEvent.setup();
    const onTimelineNext = vi.fn();
    const onViewerNext = vi.fn();
    render(<Harness onTimelineNext={onTimelineNext} onViewerNext={onViewerNext} />);

    await user.click(screen.getByRole('button', { name: 'Toggle viewer' }));
    await user.keyboard('{ArrowRight}');
    expect(onViewerNext).toHaveBeenCalledTimes(1);
    expect(onTimelineNext).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Toggle viewer' }));
    await user.keyboard('{ArrowRight}');
    expect(onTimelineNext).toHaveBeenCalledTimes(1);
    expect(onViewerNext).toHaveBeenCalledTimes(1);
  });
});
