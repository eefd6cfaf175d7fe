import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clearToasts, toast } from './toast';
import { Toaster } from './toaster';

afterEach(() => act(() => clearToasts()));

describe('toasts', () => {
  it('Undo runs the action once and hides the toast', async () => {
    const user = userEvent.setup();
    const undo = vi.fn();
    render(<Toaster />);
    act(() => {
      toast({ message: 'Moved to trash', action: { label: 'Undo', onAction: undo } });
    });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Moved to trash');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Moved to trash')).toBeNull();
  });

  it('errors are alerts; the same id replaces instead of stacking; Dismiss hides', async () => {
    const user = userEvent.setup();
    render(<Toaster />);
    act(() => {
      toast.error('Could not load May 2024', { id: 'bucket' });
      toast.error('Could not load May 2024 (again)', { id: 'bucket' });
    });
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textContent).toContain('(again)');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hides by itself, but not while the pointer rests on it', async () => {
    const user = userEvent.setup();
    render(<Toaster />);
    act(() => {
      toast({ message: 'Saved', duration: 300 });
      toast({ message: 'Held', duration: 300 });
    });
    await user.hover(screen.getByText('Held'));
    await waitFor(() => expect(screen.queryByText('Saved')).toBeNull());
    expect(screen.getByText('Held')).toBeTruthy();
    await user.unhover(screen.getByText('Held'));
    await waitFor(() => expect(screen.queryByText('Held')).toBeNull(), { timeout: 3000 });
  });
});
