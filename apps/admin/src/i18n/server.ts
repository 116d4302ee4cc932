import 'server-only';
import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE, type Locale } from './locale';
import { makeTranslate, type Translate } from './translate';

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : 'en';
}

export async function getI18n(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: makeTranslate(locale) };
}
