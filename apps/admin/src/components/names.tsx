import Link from 'next/link';
import type { Locale } from '@/i18n/locale';
import { altName, localName } from '@/i18n/translate';

interface Named {
  slug?: string;
  name: string;
  nameZh?: string | null;
}

/** A name in the reader's language with the other-language name beneath it, when the data has both. */
export function BilingualName({ item, locale, href }: { item: Named; locale: Locale; href?: string }) {
  const main = localName(locale, item);
  const alt = altName(locale, item);
  return (
    <>
      {href ? <Link href={href}>{main}</Link> : <span>{main}</span>}
      {alt ? (
        <span className="name-alt" lang={locale === 'zh' ? 'en' : 'zh-CN'}>
          {alt}
        </span>
      ) : null}
    </>
  );
}
