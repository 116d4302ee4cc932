import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getI18n } from '@/i18n/server';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { getSessionUser } from '@/server/auth';
import { env } from '@/server/env';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only a path on the admin's own origin is accepted as a destination after sign-in.
  const callbackUrl = safeRedirectPath(params.callbackUrl, env.nextAuthUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const { t } = await getI18n();
  return (
    <main id="content" className="public-main">
      <div className="card" style={{ maxWidth: 440, margin: '2rem auto' }}>
        <h1>{t('auth.title')}</h1>
        <p className="muted">{t('auth.lead')}</p>
        <SignInForm
          callbackUrl={callbackUrl}
          labels={{
            email: t('auth.email'),
            password: t('auth.password'),
            submit: t('auth.signIn'),
            pending: t('auth.signingIn'),
            errors: {
              CredentialsSignin: t('auth.error.CredentialsSignin'),
              RATE_LIMITED: t('auth.error.RATE_LIMITED'),
              API_UNAVAILABLE: t('auth.error.API_UNAVAILABLE'),
              generic: t('auth.error.generic'),
            },
          }}
        />
        {env.showDemoAccounts ? (
          <p className="muted small" style={{ marginTop: '1rem' }} data-testid="demo-accounts">
            {t('auth.demo')}
          </p>
        ) : null}
      </div>
    </main>
  );
}
