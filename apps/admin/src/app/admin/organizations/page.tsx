import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import { regionName } from '@/i18n/translate';
import { param, type SearchParams } from '@/lib/labels';
import { findOrganizations } from '@/server/api/projects';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Organizations' };

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/organizations');
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const search = param(query.search)?.trim() || null;
  const after = param(query.after);
  const page = await findOrganizations(user, { search }, 50, after);
  const body = (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.organization')}</th>
              <th scope="col">{t('common.country')}</th>
              <th scope="col">{t('common.kind')}</th>
              <th scope="col" className="hide-sm">
                {t('common.url')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node }) => (
              <tr key={node.slug}>
                <td>
                  <BilingualName item={node} locale={locale} href={`/admin/organizations/${node.slug}`} />
                </td>
                <td>{node.country ? regionName(locale, node.country) : '—'}</td>
                <td>{node.kind.toLowerCase()}</td>
                <td className="hide-sm">
                  {node.url ? (
                    <a href={node.url} rel="noopener noreferrer">
                      {node.url}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        basePath="/admin/organizations"
        params={{ search: search ?? undefined }}
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
        <h1>{t('orgs.title')}</h1>
        {roleHasScope(user.role, 'evidence:write') ? (
          <Link className="btn btn-primary" href="/admin/organizations/new">
            {t('orgs.new')}
          </Link>
        ) : null}
      </div>
      <form method="get" className="filters card" aria-label={t('orgs.searchLabel')}>
        <div className="field">
          <label htmlFor="o-search">{t('common.search')}</label>
          <input id="o-search" name="search" type="search" defaultValue={search ?? ''} />
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
