import { useId, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { login } from '@/api/auth';
import type { LoginCredentialDto, LoginResponseDto } from '@/api/types';
import { Button } from '@/components/ui/button';
import { FormError } from './form-error';
import { formText } from './form-text';
import styles from './form.module.css';

export interface SignInFormProps {
  defaultEmail?: string;
  /** A note above the fields (e.g. "Your session has ended"). */
  notice?: ReactNode;
  onSignedIn: (response: LoginResponseDto) => void;
}

/** Email and password; a wrong password shows the server's message. */
export function SignInForm({ defaultEmail, notice, onSignedIn }: SignInFormProps) {
  const id = useId();
  const signIn = useMutation({
    mutationFn: (credentials: LoginCredentialDto) => login({ loginCredentialDto: credentials }),
    // The form shows its own errors.
    meta: { silent: true },
    onSuccess: onSignedIn,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    signIn.mutate({
      email: formText(data, 'email').trim(),
      password: formText(data, 'password'),
    });
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Sign in">
      {notice && (
        <p role="status" className={styles.notice}>
          {notice}
        </p>
      )}
      {signIn.isError && <FormError error={signIn.error} />}
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
          defaultValue={defaultEmail}
          aria-invalid={signIn.isError || undefined}
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
          autoComplete="current-password"
          required
          aria-invalid={signIn.isError || undefined}
        />
      </div>
      <Button type="submit" variant="primary" className={styles.submit} pending={signIn.isPending}>
        Sign in
      </Button>
    </form>
  );
}
