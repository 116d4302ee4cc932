import Link from 'next/link';
import { getI18n } from '@/i18n/server';

/** `notFound()` on a public page (an unknown project, a year with no published edition): a 404. */
export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <h1>{t('common.notFound')}</h1>
      </div>
      <p>
        <Link href="/">{t('common.backTo', { place: t('nav.public') })}</Link>
      </p>
    </main>
  );
}
