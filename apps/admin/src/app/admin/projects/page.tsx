import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/badges';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import { regionName } from '@/i18n/translate';
import { dimensionLabel, param, type SearchParams } from '@/lib/labels';
import { CATEGORIES, isCategory } from '@/server/api/common';
import { findProjects } from '@/server/api/projects';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/projects');
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const search = param(query.search)?.trim() || null;
  const categoryParam = param(query.category);
  const category = isCategory(categoryParam) ? categoryParam : null;
  const after = param(query.after);
  const page = await findProjects(user, { search, category }, 50, after);
  const body = (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.project')}</th>
              <th scope="col">{t('common.category')}</th>
              <th scope="col" className="hide-sm">
                {t('common.organization')}
              </th>
              <th scope="col" className="hide-sm">
                {t('common.country')}
              </th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node }) => (
              <tr key={node.slug}>
                <td>
                  <BilingualName item={node} locale={locale} href={`/admin/projects/${node.slug}`} />
                </td>
                <td>{dimensionLabel(t, node.category)}</td>
                <td className="hide-sm">
                  {node.primaryOrganization ? (
                    <BilingualName
                      item={node.primaryOrganization}
                      locale={locale}
                      href={`/admin/organizations/${node.primaryOrganization.slug}`}
                    />
                  ) : (
                    '—'
                  )}
                </td>
                <td className="hide-sm">{node.country ? regionName(locale, node.country) : '—'}</td>
                <td>
                  <StatusBadge status={node.status} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        basePath="/admin/projects"
        params={{ search: search ?? undefined, category: category ?? undefined }}
        endCursor={page.pageInfo.endCursor}
        hasNextPage={page.pageInfo.hasNextPage}
        isFirstPage={!after}
        count={page.edges.length}
        totalCount={page.totalCount}
        t={t}
      />
    </>
  );
  return (
    <div>
      <div className="page-head">
        <h1>{t('projects.title')}</h1>
        {roleHasScope(user.role, 'evidence:write') ? (
          <Link className="btn btn-primary" href="/admin/projects/new">
            {t('projects.new')}
          </Link>
        ) : null}
      </div>
      <form method="get" className="filters card" aria-label={t('projects.searchLabel')}>
        <div className="field">
          <label htmlFor="p-search">{t('common.search')}</label>
          <input id="p-search" name="search" type="search" defaultValue={search ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="p-category">{t('common.category')}</label>
          <select id="p-category" name="category" defaultValue={category ?? ''}>
            <option value="">{t('common.all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {dimensionLabel(t, c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button className="btn btn-primary" type="submit">
            {t('common.search')}
          </button>
        </div>
      </form>
      {body}
    </div>
  );
}
