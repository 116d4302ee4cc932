import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, unstable_rethrow } from 'next/navigation';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { EntityForm } from '@/components/entity-form';
import { BilingualName } from '@/components/names';
import { getI18n } from '@/i18n/server';
import { altName, formatNumber, localName, regionName } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';
import { hasScope } from '@/lib/roles';
import { getProjectHistory, listEditions } from '@/server/api/editions';
import { getOrganization } from '@/server/api/projects';
import { requireUser } from '@/server/auth';
import { saveOrganizationAction } from '../../projects/actions';
import { organizationFields } from '../../projects/fields';

export const metadata: Metadata = { title: 'Organization' };

/** An organization: its projects with their scores in each computed edition, and its details. */
export default async function AdminOrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/admin/organizations/${slug}`);
  const { locale, t } = await getI18n();
  const canWrite = hasScope(user.role, 'evidence:write');
  try {
    const org = await getOrganization(user, slug);
    if (!org) notFound();
    const editions = (await listEditions(user, true))
      .filter((e) => e.status !== 'DRAFT')
      .sort((a, b) => a.year - b.year || a.revision - b.revision);
    const histories = await Promise.all(org.projects.map((p) => getProjectHistory(user, p.slug, editions)));
    const alt = altName(locale, org);
    return (
      <div className="stack">
        <div className="page-head">
          <div>
            <div className="eyebrow">
              <Link href="/admin/organizations">{t('orgs.title')}</Link> ·{' '}
              {org.country ? regionName(locale, org.country) : '—'}
            </div>
            <h1>{localName(locale, org)}</h1>
            {alt ? <p>{alt}</p> : null}
          </div>
        </div>
        <section className="card" aria-labelledby="org-projects">
          <h2 id="org-projects">
            {t('orgs.projects')} · {t('projects.scoreHistory')}
          </h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('common.project')}</th>
                  <th scope="col">{t('common.category')}</th>
                  {editions.map((e) => (
                    <th key={e.id} scope="col" className="num">
                      {e.year}
                      {e.revision > 1 ? ` r${e.revision}` : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {org.projects.map((p, i) => (
                  <tr key={p.slug}>
                    <td>
                      <BilingualName item={p} locale={locale} href={`/admin/projects/${p.slug}`} />
                    </td>
                    <td>{dimensionLabel(t, p.category)}</td>
                    {(histories[i] ?? []).map((h) => {
                      const r = h.results[0];
                      return (
                        <td key={`${h.year}-${h.revision}`} className="num">
                          {r ? (
                            <>
                              {formatNumber(locale, r.score, 1)}
                              <span className="name-alt">#{r.rank}</span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {canWrite ? (
          <section className="card" aria-labelledby="org-edit">
            <h2 id="org-edit">{t('orgs.edit')}</h2>
            <EntityForm
              idPrefix="org"
              action={saveOrganizationAction.bind(null, slug)}
              fields={organizationFields(t, org)}
              submitLabel={t('common.save')}
              requiredLabel={t('common.required')}
            />
          </section>
        ) : null}
      </div>
    );
  } catch (error) {
    unstable_rethrow(error);
    return <ApiErrorNotice error={error} t={t} />;
  }
}
