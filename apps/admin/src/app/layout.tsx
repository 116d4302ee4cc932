import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LangSwitch } from '@/components/lang-switch';
import { NavLink } from '@/components/nav-link';
import { SignOutButton } from '@/components/sign-out-button';
import { getI18n } from '@/i18n/server';
import { getSessionUser } from '@/server/auth';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Open-Source Influence Ranking', template: '%s · OSS Influence Ranking' },
  description: 'Rankings of the open-source large-model ecosystem: data, models, systems and evaluation.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getI18n();
  const user = await getSessionUser();
  const { common, error } = await getMessages();
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body>
        <a className="skip-link" href="#content">
          {t('app.skip')}
        </a>
        <header className="site-header">
          <div className="header-inner">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              {t('app.name')}
            </Link>
            <nav className="header-nav" aria-label={t('nav.main')}>
              <NavLink href="/">{t('nav.public')}</NavLink>
              {user ? (
                <NavLink href="/admin" prefix>
                  {t('nav.dashboard')}
                </NavLink>
              ) : null}
            </nav>
            <div className="header-tools">
              <LangSwitch locale={locale} t={t} />
              {user ? (
                <>
                  <span className="user-chip" data-testid="user-chip">
                    <span className="sr-only-sm">{user.name || user.email}</span>
                    <span className="role-badge" data-testid="user-role">
                      {t(`role.${user.role}`)}
                    </span>
                  </span>
                  <SignOutButton label={t('auth.signOut')} />
                </>
              ) : (
                <Link className="btn-header" href="/signin">
                  {t('auth.signIn')}
                </Link>
              )}
            </div>
          </div>
        </header>
        {/* Client components translate only what they need: the error notice (error.tsx). */}
        <NextIntlClientProvider messages={{ common, error }}>{children}</NextIntlClientProvider>
        <footer className="site-footer">{t('app.name')}</footer>
      </body>
    </html>
  );
}
