import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from '@/api/auth';
import { isApiError } from '@/api/client';
import { Button } from '@/components/ui/button';
import { SignOutIcon } from '@/components/ui/icons';
import { errorText } from '@/components/ui/error-text';
import { toast } from '@/components/ui/toast';
import { clearSession, SIGN_IN_PATH } from '../session';
import styles from './account-menu.module.css';

export interface AccountMenuProps {
  user: { name: string; email: string };
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => (p ? [...p][0]?.toUpperCase() : '')).join('') || '?';
}

/** The signed-in user's name in the header; opens a panel with their email and Sign out. */
export function AccountMenu({ user }: AccountMenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = useMutation({
    mutationFn: () => logout(),
    // This component explains its own failure (below), so the global toast stays quiet.
    meta: { silent: true },
    onSuccess: () => {
      clearSession(queryClient);
      void navigate(SIGN_IN_PATH, { replace: true });
    },
    onError: (error) => {
      // Already signed out on the server: the 401 redirect takes the user to sign-in.
      if (isApiError(error) && error.status === 401) return;
      const reason =
        isApiError(error) && error.status === 0 ? 'the server can’t be reached.' : errorText(error);
      toast.error(`Could not sign out: ${reason}`);
    },
  });

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const avatar = initials(user.name);
  return (
    <div
      ref={wrapRef}
      className={styles.wrap}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={styles.trigger}
        aria-expanded={open}
        aria-controls={panelId}
        title="Account"
        onClick={() => setOpen((value) => !value)}
      >
        <span className={styles.avatar} aria-hidden="true">
          {avatar}
        </span>
        <span className={styles.name}>{user.name}</span>
      </button>
      <div id={panelId} className={styles.panel} hidden={!open}>
        <div className={styles.who}>
          <span className={`${styles.avatar} ${styles.avatarLarge}`} aria-hidden="true">
            {avatar}
          </span>
          <div className={styles.whoText}>
            <p className={styles.panelName}>{user.name}</p>
            <p className={styles.email}>{user.email}</p>
          </div>
        </div>
        <Button
          variant="secondary"
          className={styles.signOut}
          pending={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {!signOut.isPending && <SignOutIcon size={18} />}
          Sign out
        </Button>
      </div>
    </div>
  );
}
