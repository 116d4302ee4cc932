import Link from 'next/link';
import type { ReactNode } from 'react';
import { IllustrativeBadge } from '@/components/badges';
import { BilingualName } from '@/components/names';
import { ShareChart } from '@/components/public/share-chart';
import { ShareTrend } from '@/components/public/share-trend';
import { getI18n } from '@/i18n/server';
import { formatDate, formatNumber, formatPercent, regionName } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';
import {
  getEdition,
  getOrganizationRanking,
  getOverallShares,
  getRanking,
  getShareTrend,
  listEditions,
} from '@/server/api/editions';

export const dynamic = 'force-dynamic';

/** The public front page: the latest published edition at a glance. Anonymous API calls only. */
export default async function HomePage() {
  const { locale, t } = await getI18n();
  let content: ReactNode;
  const editions = (await listEditions(null)).filter((e) => e.status === 'PUBLISHED');
  const latest = editions[0];
  if (!latest) {
    content = <p className="notice notice-info">{t('public.noEdition')}</p>;
  } else {
    const edition = await getEdition(null, latest.year, latest.revision);
    const dimensions = edition?.dimensions ?? [];
    const [rankings, { shares, rule: shareRule }, trend, orgs] = await Promise.all([
      Promise.all(
        dimensions.map((d) =>
          getRanking(null, { year: latest.year, revision: latest.revision, dimension: d.key, first: 5 }),
        ),
      ),
      getOverallShares(null, latest.year, latest.revision),
      getShareTrend(null),
      getOrganizationRanking(null, { year: latest.year, revision: latest.revision, first: 10 }),
    ]);
    content = (
      <>
        <section className="hero" aria-labelledby="latest-title">
          <div className="eyebrow" style={{ color: '#9fb3e0' }}>
            {t('public.latest')}
          </div>
          <h1 id="latest-title">{latest.title}</h1>
          <p>{t('public.lead')}</p>
          <div className="row small">
            <span>{t('public.publishedOn', { date: formatDate(locale, latest.publishedAt) })}</span>
            <span>·</span>
            <span>
              {t('public.methodology')} {latest.methodology.version}
            </span>
            <span>·</span>
            <Link href={`/editions/${latest.year}`}>{t('public.fullRanking')} →</Link>
            <a href={`/editions/${latest.year}/download?format=csv&revision=${latest.revision}`}>
              {t('public.downloadCsv')}
            </a>
            <a href={`/editions/${latest.year}/download?format=json&revision=${latest.revision}`}>
              {t('public.downloadJson')}
            </a>
          </div>
        </section>
        <div className="grid-2">
          {dimensions.map((d, i) => {
            const ranking = rankings[i];
            return (
              <section key={d.key} className="card" aria-labelledby={`dim-${d.key}`}>
                <div className="card-head">
                  <h2 id={`dim-${d.key}`}>{dimensionLabel(t, d.key, d.name)}</h2>
                  <Link href={`/editions/${latest.year}?dimension=${d.key}`} className="small">
                    {t('public.fullRanking')} →
                  </Link>
                </div>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('common.rank')}</th>
                      <th scope="col">{t('common.project')}</th>
                      <th scope="col" className="num">
                        {t('common.score')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(ranking?.edges ?? []).map(({ node }) => (
                      <tr key={node.project.slug}>
                        <td className="rank">{node.rank}</td>
                        <td>
                          <BilingualName
                            item={node.project}
                            locale={locale}
                            href={`/projects/${node.project.slug}`}
                          />
                        </td>
                        <td className="num">
                          {formatNumber(locale, node.score, 1)}
                          {node.indicators.some((x) => x.isIllustrative) ? (
                            <>
                              {' '}
                              <IllustrativeBadge t={t} />
                            </>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </div>
        <div className="grid-2" style={{ marginTop: '1.25rem' }}>
          <section className="card" aria-labelledby="shares-title">
            <h2 id="shares-title">
              {t('public.regionShares')} · {t('public.regionSharesAll')}
            </h2>
            <ShareChart shares={shares} locale={locale} title={t('public.regionShares')} />
            {shareRule ? (
              <p className="small muted" data-testid="share-rule">
                {t(`shareRule.${shareRule}`)}
              </p>
            ) : null}
          </section>
          <section className="card" aria-labelledby="trend-title">
            <h2 id="trend-title">{t('public.trend')}</h2>
            <ShareTrend points={trend} locale={locale} title={t('public.trend')} />
          </section>
        </div>
        <section className="card" style={{ marginTop: '1.25rem' }} aria-labelledby="orgs-title">
          <div className="card-head">
            <h2 id="orgs-title">{t('public.orgStandings')}</h2>
            <Link href={`/editions/${latest.year}/organizations`} className="small">
              {t('public.fullRanking')} →
            </Link>
          </div>
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
                  <th scope="col" className="num">
                    {t('common.share')}
                  </th>
                  <th scope="col" className="num hide-sm">
                    {t('public.topCount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(orgs?.edges ?? []).map(({ node }) => (
                  <tr key={node.organization.slug}>
                    <td className="rank">{node.rank}</td>
                    <td>
                      <BilingualName item={node.organization} locale={locale} />
                    </td>
                    <td className="hide-sm">
                      {node.organization.country ? regionName(locale, node.organization.country) : '—'}
                    </td>
                    <td className="num">{formatNumber(locale, node.score, 1)}</td>
                    <td className="num">{formatPercent(locale, node.share)}</td>
                    <td className="num hide-sm">{node.topCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card" style={{ marginTop: '1.25rem' }} aria-labelledby="editions-title">
          <h2 id="editions-title">{t('public.editions')}</h2>
          <ul>
            {editions.map((e) => (
              <li key={e.id}>
                <Link href={`/editions/${e.year}`}>{e.title}</Link>{' '}
                <span className="muted small">
                  {t('public.publishedOn', { date: formatDate(locale, e.publishedAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </>
    );
  }
  return (
    <main id="content" className="public-main">
      {content}
    </main>
  );
}
