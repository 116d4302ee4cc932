import type { getTranslations } from 'next-intl/server';
import type { Locale } from './locale';
import type { MessageKey } from './messages';

/** next-intl's translator over every message (typed keys, ICU arguments and plurals). */
export type Translate = Awaited<ReturnType<typeof getTranslations<never>>>;

/** A name in the reader's language: Chinese when asked for and known, else the original. */
export function localName(locale: Locale, item: { name: string; nameZh?: string | null }): string {
  return locale === 'zh' && item.nameZh ? item.nameZh : item.name;
}

/** The other-language name to show beside the main one, if it differs. */
export function altName(locale: Locale, item: { name: string; nameZh?: string | null }): string | null {
  if (!item.nameZh || item.nameZh === item.name) return null;
  return locale === 'zh' ? item.name : item.nameZh;
}

export function formatNumber(locale: Locale, value: number, digits = 2): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits }).format(
    value,
  );
}

export function formatPercent(locale: Locale, fraction: number, digits = 1): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}

export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
}

export function regionName(locale: Locale, code: string): string {
  // `unknown` (the API's stable code) is the projects whose primary organization has no country:
  // international communities (docs/methodology-format.md, Shares).
  if (code === 'unknown' || !/^[A-Z]{2}$/.test(code))
    return locale === 'zh' ? '国际社区' : 'International communities';
  try {
    return new Intl.DisplayNames([locale === 'zh' ? 'zh-CN' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Translates a table of message keys, e.g. the labels handed to a client component. Labels take no
 * arguments; next-intl's typed `t` cannot tell that for a union of keys, hence the one cast.
 */
export function translateAll<K extends string>(t: Translate, keys: Record<K, MessageKey>): Record<K, string> {
  const label = t as unknown as (key: MessageKey) => string;
  const out = {} as Record<K, string>;
  for (const name of Object.keys(keys) as K[]) out[name] = label(keys[name]);
  return out;
}

/** A long link shortened for tables: host and path, at most `max` characters (the full URL stays in href). */
export function shortUrl(url: string, max = 48): string {
  const text = url.replace(/^https?:\/\/(www\.)?/, '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
