import 'server-only';
import { getLocale as getIntlLocale, getTranslations } from 'next-intl/server';
import type { Locale } from './locale';
import type { Translate } from './translate';

/** The reader's language (src/i18n/request.ts: the `lang` cookie, else English). */
export async function getLocale(): Promise<Locale> {
  return getIntlLocale();
}

/** The reader's language and next-intl's translator over every message. */
export async function getI18n(): Promise<{ locale: Locale; t: Translate }> {
  const [locale, t] = await Promise.all([getIntlLocale(), getTranslations()]);
  return { locale, t };
}
