import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/badges';
import { getI18n } from '@/i18n/server';
import { formatDate, formatDateTime } from '@/i18n/translate';
import { listEditions } from '@/server/api/editions';
import { listMethodologies } from '@/server/api/methodology';
import { requireUser } from '@/server/auth';
import { CreateEditionForm } from './edition-actions';

export const metadata: Metadata = { title: 'Editions' };

export default async function EditionsPage() {
  const user = await requireUser('/admin/editions');
  const { locale, t } = await getI18n();
  const canManage = roleHasScope(user.role, 'editions:manage');
  const [editions, methodologies] = await Promise.all([
    listEditions(user, true),
    canManage ? listMethodologies(user) : Promise.resolve([]),
  ]);
  const nextYear = Math.max(new Date().getUTCFullYear(), ...editions.map((e) => e.year + 1));
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('editions.title')}</h1>
      </div>
      {canManage ? (
        <section className="card" aria-labelledby="create-title">
          <h2 id="create-title">{t('editions.create')}</h2>
          <CreateEditionForm
            defaultYear={nextYear}
            methodologies={methodologies.map((m) => ({
              version: m.version,
              label: `${m.title} ${m.version}`,
            }))}
            labels={{
              year: t('editions.year'),
              title: t('editions.titleField'),
              cutoff: t('editions.cutoff'),
              methodology: t('editions.methodology'),
              create: t('common.create'),
            }}
          />
        </section>
      ) : null}
      <div className="table-wrap">
        <table data-testid="editions-table">
          <thead>
            <tr>
              <th scope="col">{t('common.edition')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col" className="hide-sm">
                {t('editions.cutoff')}
              </th>
              <th scope="col" className="hide-sm">
                {t('editions.methodology')}
              </th>
              <th scope="col" className="hide-sm">
                {t('editions.computedAt')}
              </th>
              <th scope="col">{t('editions.publishedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {editions.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link href={`/admin/editions/${e.year}/${e.revision}`}>{e.title}</Link>
                  <span className="name-alt">
                    {e.year} · {t('public.revision', { revision: e.revision })}
                  </span>
                </td>
                <td>
                  <StatusBadge status={e.status} t={t} />
                </td>
                <td className="hide-sm">{formatDate(locale, e.cutoff)}</td>
                <td className="hide-sm">{e.methodology.version}</td>
                <td className="hide-sm">{formatDateTime(locale, e.computedAt)}</td>
                <td>{formatDateTime(locale, e.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
