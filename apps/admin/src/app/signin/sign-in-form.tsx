'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { safeRedirectPath } from '@/lib/safe-redirect';

interface SignInFormProps {
  callbackUrl: string;
  labels: {
    email: string;
    password: string;
    submit: string;
    pending: string;
    errors: { CredentialsSignin: string; RATE_LIMITED: string; API_UNAVAILABLE: string; generic: string };
  };
}

export function SignInForm({ callbackUrl, labels }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    // next-auth fetches its CSRF token and posts it with the credentials.
    const result = await signIn('credentials', {
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
      redirect: false,
      callbackUrl,
    });
    if (!result || result.error) {
      const code = result?.error;
      setError(
        code === 'RATE_LIMITED' || code === 'API_UNAVAILABLE' || code === 'CredentialsSignin'
          ? labels.errors[code]
          : labels.errors.generic,
      );
      setPending(false);
      return;
    }
    // The server checked it already; checked again against the origin the browser is really on.
    router.replace(safeRedirectPath(callbackUrl, window.location.origin));
    router.refresh();
  }

  return (
    <form
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? 'signin-error' : undefined}
    >
      {error ? (
        <div id="signin-error" className="notice notice-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="email">{labels.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="btn btn-primary" type="submit" disabled={isPending}>
        {isPending ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
