import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { signUpAdmin } from '@/api/auth';
import type { SignUpDto, UserAdminResponseDto } from '@/api/types';
import { Button } from '@/components/ui/button';
import { FormError } from './form-error';
import { formText } from './form-text';
import styles from './form.module.css';

export interface SignUpFormProps {
  onSignedUp: (admin: UserAdminResponseDto) => void;
}

/** The first-run form that creates the server's admin account. */
export function SignUpForm({ onSignedUp }: SignUpFormProps) {
  const id = useId();
  const [mismatch, setMismatch] = useState(false);
  const signUp = useMutation({
    mutationFn: (dto: SignUpDto) => signUpAdmin({ signUpDto: dto }),
    meta: { silent: true },
    onSuccess: onSignedUp,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = formText(data, 'password');
    if (password !== formText(data, 'confirm')) {
      setMismatch(true);
      event.currentTarget.querySelector<HTMLInputElement>('input[name="confirm"]')?.focus();
      return;
    }
    setMismatch(false);
    signUp.mutate({
      name: formText(data, 'name').trim(),
      email: formText(data, 'email').trim(),
      password,
    });
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Create admin account">
      {signUp.isError && <FormError error={signUp.error} />}
      <div className={styles.field}>
        <label className={styles.label} htmlFor={`${id}-name`}>
          Name
        </label>
        <input
          id={`${id}-name`}
          className={styles.input}
          name="name"
          autoComplete="name"
          required
          maxLength={500}
        />
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={`${id}-email`}>
          Email
        </label>
        <input
          id={`${id}-email`}
          className={styles.input}
          name="email"
          type="email"
          autoComplete="email"
          required
        />
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={`${id}-password`}>
          Password
        </label>
        <input
          id={`${id}-password`}
          className={styles.input}
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={`${id}-confirm`}>
          Confirm password
        </label>
        <input
          id={`${id}-confirm`}
          className={styles.input}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? `${id}-confirm-error` : undefined}
          onChange={() => mismatch && setMismatch(false)}
        />
        {mismatch && (
          <p id={`${id}-confirm-error`} className={styles.fieldError}>
            The passwords do not match.
          </p>
        )}
      </div>
      <Button type="submit" variant="primary" className={styles.submit} pending={signUp.isPending}>
        Create admin account
      </Button>
    </form>
  );
}
