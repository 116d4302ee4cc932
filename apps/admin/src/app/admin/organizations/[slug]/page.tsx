import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EntityForm } from '@/components/entity-form';
import { EvidenceList } from '@/components/evidence-list';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import { altName, formatNumber, localName, regionName } from '@/i18n/translate';
import { dimensionLabel, param, type SearchParams } from '@/lib/labels';
import { getProjectHistory, listEditions } from '@/server/api/editions';
import { findEvidence } from '@/server/api/evidence';
import { getOrganization } from '@/server/api/projects';
import { requireUser } from '@/server/auth';
import { saveOrganizationAction } from '../../projects/actions';
import { organizationFields } from '../../projects/fields';

export const metadata: Metadata = { title: 'Organization' };

const EVIDENCE_PAGE_SIZE = 25;

/** An organization: its projects with their scores in each computed edition, their evidence, and its details. */
export default async function AdminOrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: SearchParams;
}) {
  const { slug } = await params;
  const after = param((await searchParams).after);
  const user = await requireUser(`/admin/organizations/${slug}`);
  const { locale, t } = await getI18n();
  const canWrite = roleHasScope(user.role, 'evidence:write');
  const org = await getOrganization(user, slug);
  if (!org) notFound();
  const editions = (await listEditions(user, true))
    .filter((e) => e.status !== 'DRAFT')
    .sort((a, b) => a.year - b.year || a.revision - b.revision);
  const [histories, evidence] = await Promise.all([
    Promise.all(org.projects.map((p) => getProjectHistory(user, p.slug, editions))),
    // EvidenceFilter.organization: evidence of every project the organization is one of the organizations of.
    findEvidence(user, { organization: slug, status: null }, EVIDENCE_PAGE_SIZE, after),
  ]);
  const evidenceItems = evidence.edges.map((e) => e.node);
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
      <section className="card" aria-labelledby="org-evidence">
        <h2 id="org-evidence">{t('orgs.evidence')}</h2>
        <EvidenceList items={evidenceItems} locale={locale} t={t} showProject />
        {evidence.totalCount > 0 ? (
          <Pager
            basePath={`/admin/organizations/${slug}`}
            params={{}}
            endCursor={evidence.pageInfo.endCursor}
            hasNextPage={evidence.pageInfo.hasNextPage}
            isFirstPage={!after}
            count={evidenceItems.length}
            totalCount={evidence.totalCount}
            t={t}
          />
        ) : null}
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
}
