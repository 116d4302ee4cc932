import Link from 'next/link';
import { getI18n } from '@/i18n/server';

/** `notFound()` on an admin page (an unknown edition, project, organization or evidence id): a 404. */
export default async function AdminNotFound() {
  const { t } = await getI18n();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('common.notFound')}</h1>
      </div>
      <p>
        <Link href="/admin">{t('common.backTo', { place: t('nav.dashboard') })}</Link>
      </p>
    </div>
  );
}
