/**
 * next-intl's request configuration, without i18n routing: the reader's language is the `lang` cookie
 * (the language switch sets it), English otherwise. Dates are shown in UTC, as the API stores them.
 */
import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE } from './locale';
import { MESSAGES } from './messages';

export default getRequestConfig(async () => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : 'en';
  return { locale, messages: MESSAGES[locale], timeZone: 'UTC' };
});
