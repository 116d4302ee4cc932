import Link from 'next/link';
import { IllustrativeBadge } from '@/components/badges';
import { Pager } from '@/components/pager';
import { RankChange } from '@/components/rank-change';
import { altName, formatNumber, localName } from '@/i18n/translate';
import { getRanking } from '@/server/api/editions';
import type { ViewProps } from './view-props';

/** The ranking of one dimension, 50 a page, with the pillar scores. */
export async function RankingView({ edition, dimension, user, locale, t, base, after }: ViewProps) {
  const ranking = await getRanking(user, {
    year: edition.year,
    revision: edition.revision,
    dimension,
    first: 50,
    after,
  });
  const rows = ranking?.edges ?? [];
  const pillarKeys = rows[0]?.node.breakdown ?? [];
  return (
    <>
      <div className="table-wrap">
        <table data-testid="admin-ranking">
          <thead>
            <tr>
              <th scope="col">{t('common.rank')}</th>
              <th scope="col" className="num">
                {t('editions.delta')}
              </th>
              <th scope="col">{t('common.project')}</th>
              <th scope="col" className="num">
                {t('common.score')}
              </th>
              {pillarKeys.map((p) => (
                <th key={p.key} scope="col" className="num hide-sm">
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node }) => (
              <tr key={node.project.slug}>
                <td className="rank">{node.rank}</td>
                <td className="num">
                  <RankChange
                    change={node.rankChange}
                    isNew={node.previousRank === null}
                    newLabel={t('public.new')}
                  />
                </td>
                <td>
                  <Link
                    href={`${base}/projects/${node.project.slug}?dimension=${dimension}`}
                    data-testid={`breakdown-${node.project.slug}`}
                    title={t('editions.breakdown')}
                  >
                    {localName(locale, node.project)}
                  </Link>
                  {altName(locale, node.project) ? (
                    <span className="name-alt">{altName(locale, node.project)}</span>
                  ) : null}
                </td>
                <td className="num">
                  <strong>{formatNumber(locale, node.score, 2)}</strong>
                  {node.indicators.some((i) => i.isIllustrative) ? (
                    <>
                      {' '}
                      <IllustrativeBadge t={t} />
                    </>
                  ) : null}
                </td>
                {pillarKeys.map((p) => (
                  <td key={p.key} className="num hide-sm">
                    {formatNumber(locale, node.breakdown.find((b) => b.key === p.key)?.score ?? 0, 1)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ranking ? (
        <Pager
          basePath={base}
          params={{ view: 'ranking', dimension }}
          endCursor={ranking.pageInfo.endCursor}
          hasNextPage={ranking.pageInfo.hasNextPage}
          isFirstPage={!after}
          count={rows.length}
          totalCount={ranking.totalCount}
          t={t}
        />
      ) : null}
    </>
  );
}
