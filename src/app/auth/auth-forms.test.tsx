import type { ReactNode } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { configureApi } from '@/api/client';
import { createQueryClient } from '@/lib/query-client';
import { createTestSession, type TestSession } from '@/testing/api-session';
import { SignInForm } from './sign-in-form';
import { SignUpForm } from './sign-up-form';

// The forms talk to the real local test server (server/test/web-global-setup.ts).
let session: TestSession;
beforeAll(async () => {
  session = await createTestSession('sign-in');
});
// Signing in sends no credentials of its own.
beforeEach(() => configureApi({ baseUrl: session.apiUrl, headers: {} }));

function withClient(ui: ReactNode) {
  const client = createQueryClient({ queries: { retry: false } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

describe('SignInForm', () => {
  it('shows the server’s message for a wrong password, and signs in with the right one', async () => {
    const user = userEvent.setup();
    const onSignedIn = vi.fn();
    withClient(<SignInForm onSignedIn={onSignedIn} />);

    await user.type(screen.getByLabelText('Email'), session.email);
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Incorrect email or password');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), session.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ userEmail: session.email });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the server is unreachable when nothing answers', async () => {
    // Port 9 (discard) on the loopback: nothing listens there in the test machine.
    configureApi({ baseUrl: 'http://127.0.0.1:9/api' });
    const user = userEvent.setup();
    withClient(<SignInForm onSignedIn={() => {}} />);
    await user.type(screen.getByLabelText('Email'), session.email);
    await user.type(screen.getByLabelText('Password'), session.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Can’t reach the server/);
  });
});

describe('SignUpForm', () => {
  it('catches mismatched passwords before asking the server', async () => {
    const user = userEvent.setup();
    const onSignedUp = vi.fn();
    withClient(<SignUpForm onSignedUp={onSignedUp} />);
    await user.type(screen.getByLabelText('Name'), 'Someone');
    await user.type(screen.getByLabelText('Email'), 'someone@example.com');
    await user.type(screen.getByLabelText('Password'), 'one-password');
    await user.type(screen.getByLabelText('Confirm password'), 'another-password');
    await user.click(screen.getByRole('button', { name: 'Create admin account' }));

    const confirm = screen.getByLabelText('Confirm password');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The passwords do not match.').id).toBe(
      confirm.getAttribute('aria-describedby'),
    );
    expect(document.activeElement).toBe(confirm);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onSignedUp).not.toHaveBeenCalled();

    await user.type(confirm, 'x');
    expect(screen.queryByText('The passwords do not match.')).toBeNull();
  });

  it('shows the server’s refusal (this server already has its admin)', async () => {
    const user = userEvent.setup();
    const onSignedUp = vi.fn();
    withClient(<SignUpForm onSignedUp={onSignedUp} />);
    await user.type(screen.getByLabelText('Name'), 'Second Admin');
    await user.type(screen.getByLabelText('Email'), 'second-admin@example.com');
    await user.type(screen.getByLabelText('Password'), 'pw-12345');
    await user.type(screen.getByLabelText('Confirm password'), 'pw-12345');
    await user.click(screen.getByRole('button', { name: 'Create admin account' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The server already has an admin');
    expect(onSignedUp).not.toHaveBeenCalled();
  });
});
