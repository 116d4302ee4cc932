import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import { formatNumber, formatPercent, regionName } from '@/i18n/translate';
import { dimensionLabel, param, parsePositiveInt, type SearchParams } from '@/lib/labels';
import { getEdition, getOrganizationRanking } from '@/server/api/editions';

export const metadata: Metadata = { title: 'Organization standings' };

export default async function OrganizationStandingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: SearchParams;
}) {
  const year = parsePositiveInt((await params).year);
  if (!year) notFound();
  const query = await searchParams;
  const dimension = param(query.dimension) ?? null;
  const after = param(query.after);
  const { locale, t } = await getI18n();
  const edition = await getEdition(null, year);
  if (edition?.status !== 'PUBLISHED') notFound();
  const standings = await getOrganizationRanking(null, {
    year,
    revision: edition.revision,
    dimension,
    first: 50,
    after,
  });
  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <div>
          <div className="eyebrow">{edition.title}</div>
          <h1>{t('public.orgStandings')}</h1>
        </div>
        <Link href={`/editions/${year}`}>← {edition.title}</Link>
      </div>
      <nav className="tabs" aria-label={t('common.dimension')}>
        <Link href={`/editions/${year}/organizations`} aria-current={dimension === null ? 'page' : undefined}>
          {t('public.regionSharesAll')}
        </Link>
        {edition.dimensions.map((d) => (
          <Link
            key={d.key}
            href={`/editions/${year}/organizations?dimension=${d.key}`}
            aria-current={d.key === dimension ? 'page' : undefined}
          >
            {dimensionLabel(t, d.key, d.name)}
          </Link>
        ))}
      </nav>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.rank')}</th>
              <th scope="col">{t('common.organization')}</th>
              <th scope="col" className="hide-sm">
                {t('common.country')}
              </th>
              <th scope="col" className="num">
                {t('common.score')}
              </th>
              <th scope="col" className="bar-cell hide-sm">
                {t('common.share')}
              </th>
              <th scope="col" className="num">
                {t('common.projects')}
              </th>
              <th scope="col" className="num hide-sm">
                {t('public.topCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(standings?.edges ?? []).map(({ node }) => (
              <tr key={node.organization.slug}>
                <td className="rank">{node.rank}</td>
                <td>
                  <BilingualName item={node.organization} locale={locale} />
                </td>
                <td className="hide-sm">
                  {node.organization.country ? regionName(locale, node.organization.country) : '—'}
                </td>
                <td className="num">{formatNumber(locale, node.score, 1)}</td>
                <td className="bar-cell hide-sm">
                  <div className="row" style={{ flexWrap: 'nowrap' }}>
                    <div className="barline" style={{ flex: 1 }}>
                      <span style={{ width: `${Math.min(100, node.share * 100 * 4)}%` }} />
                    </div>
                    <span className="small">{formatPercent(locale, node.share)}</span>
                  </div>
                </td>
                <td className="num">{node.projects}</td>
                <td className="num hide-sm">{node.topCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {standings ? (
        <Pager
          basePath={`/editions/${year}/organizations`}
          params={{ dimension: dimension ?? undefined }}
          endCursor={standings.pageInfo.endCursor}
          hasNextPage={standings.pageInfo.hasNextPage}
          isFirstPage={!after}
          count={standings.edges.length}
          totalCount={standings.totalCount}
          t={t}
        />
      ) : null}
    </main>
  );
}
