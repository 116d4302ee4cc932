import { contestToken } from '@ranking/contracts/auth';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IllustrativeBadge } from '@/components/badges';
import { ContestForm } from '@/components/disputes/contest-form';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { ShareChart } from '@/components/public/share-chart';
import { RankChange } from '@/components/rank-change';
import { ScoreBreakdown } from '@/components/score-breakdown';
import { getI18n } from '@/i18n/server';
import { formatDate, formatNumber, localName, regionName } from '@/i18n/translate';
import { dimensionLabel, param, parsePositiveInt, type SearchParams } from '@/lib/labels';
import { getEdition, getProjectResults, getRanking, getRegionShares } from '@/server/api/editions';

export const metadata: Metadata = { title: 'Edition' };

/**
 * A published edition's ranking in one dimension, with its region shares; anonymous API calls. A
 * computed edition is shown during its PUBLIC contest window, or during a CONTACTS window to a project
 * contact's signed link (`project`, `expires`, `sig`: the API checks the token, docs/disputes.md),
 * which also shows that project's values and the form to contest them.
 */
export default async function EditionPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: SearchParams;
}) {
  const { year: yearText } = await params;
  const query = await searchParams;
  const year = parsePositiveInt(yearText);
  if (!year) notFound();
  const revision = parsePositiveInt(param(query.revision));
  const after = param(query.after);
  const { locale, t } = await getI18n();
  // A contact's link: passed to the API as a token, which alone decides what it grants.
  const linkProject = param(query.project);
  const expiresText = param(query.expires);
  const expires = expiresText && /^\d{1,12}$/.test(expiresText) ? Number(expiresText) : undefined;
  const sig = param(query.sig);
  const contest =
    revision &&
    linkProject &&
    expires &&
    sig &&
    /^[0-9a-f]{64}$/.test(sig) &&
    /^[a-z0-9-]{1,100}$/.test(linkProject)
      ? contestToken({ year, revision, project: linkProject, expires, sig })
      : undefined;
  const edition = await getEdition(null, year, revision, contest);
  // A computed edition is shown while its contest window is open (the API answers it then only).
  const inContest = edition?.status === 'COMPUTED' && edition.contestWindow?.isOpen === true;
  if (!edition || (edition.status !== 'PUBLISHED' && !inContest)) notFound();
  const viaLink = inContest && contest !== undefined && edition.contestWindow?.visibility === 'CONTACTS';
  const dimension = param(query.dimension) ?? edition.dimensions[0]?.key ?? 'model';
  const [ranking, shares, linked] = await Promise.all([
    getRanking(null, {
      year,
      revision: edition.revision,
      dimension,
      first: 50,
      after,
      contestToken: contest,
    }),
    getRegionShares(null, year, edition.revision, dimension, contest),
    viaLink && linkProject
      ? getProjectResults(null, linkProject, year, edition.revision, contest)
      : Promise.resolve(null),
  ]);
  const linkParams =
    viaLink && linkProject && expires && sig ? `&project=${linkProject}&expires=${expires}&sig=${sig}` : '';
  const revisionParam = revision ? `&revision=${revision}${linkParams}` : '';
  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            {edition.year} · {t('public.revision', { revision: edition.revision })}
          </div>
          <h1>{edition.title}</h1>
          {inContest ? (
            <p className="notice" data-testid="contest-draft">
              {t('public.contestDraft', {
                date: formatDate(locale, edition.contestWindow?.closesAt?.slice(0, 10)),
              })}
            </p>
          ) : null}
          {viaLink && linked ? (
            <p className="notice notice-ok" data-testid="contest-link">
              {t('public.contestLink', { project: localName(locale, linked.project) })}
            </p>
          ) : null}
          <p>
            {inContest
              ? ''
              : `${t('public.publishedOn', { date: formatDate(locale, edition.publishedAt) })} · `}
            {t('public.cutoff')} {formatDate(locale, edition.cutoff)} · {t('public.methodology')}{' '}
            {edition.methodology.version}
          </p>
          <p className="small muted" data-testid="dispute-counts">
            {t('public.disputeCounts', {
              raised: formatNumber(locale, edition.disputeCounts.raised, 0),
              accepted: formatNumber(locale, edition.disputeCounts.accepted, 0),
              rejected: formatNumber(locale, edition.disputeCounts.rejected, 0),
              open: formatNumber(locale, edition.disputeCounts.open, 0),
            })}
          </p>
          <p className="small muted" data-testid="value-counts" title={t('public.valueCountsHelp')}>
            {t('public.valueCounts', {
              measured: formatNumber(locale, edition.valueCounts.measured, 0),
              illustrative: formatNumber(locale, edition.valueCounts.illustrative, 0),
              imputed: formatNumber(locale, edition.valueCounts.imputed, 0),
              stale: formatNumber(locale, edition.valueCounts.stale, 0),
              flagged: formatNumber(locale, edition.valueCounts.flagged, 0),
              brokenLinks: formatNumber(locale, edition.valueCounts.brokenLinks, 0),
            })}
          </p>
        </div>
        <div className="row" hidden={inContest}>
          <a className="btn" href={`/editions/${year}/download?format=csv&revision=${edition.revision}`}>
            {t('public.downloadCsv')}
          </a>
          <a className="btn" href={`/editions/${year}/download?format=json&revision=${edition.revision}`}>
            {t('public.downloadJson')}
          </a>
          <Link className="btn" href={`/editions/${year}/organizations`}>
            {t('public.orgStandings')}
          </Link>
          <Link className="btn" href={`/editions/${year}/errata`} data-testid="errata-link">
            {t('errata.link')}
          </Link>
          <Link
            className="btn"
            href={`/editions/${year}/what-if?dimension=${dimension}${revisionParam}`}
            title={t('whatIf.linkHelp')}
            data-testid="what-if-link"
          >
            {t('whatIf.link')}
          </Link>
        </div>
      </div>
      <nav className="tabs" aria-label={t('common.dimension')}>
        {edition.dimensions.map((d) => (
          <Link
            key={d.key}
            href={`/editions/${year}?dimension=${d.key}${revisionParam}`}
            aria-current={d.key === dimension ? 'page' : undefined}
          >
            {dimensionLabel(t, d.key, d.name)}
          </Link>
        ))}
      </nav>
      <div
        className="grid-2"
        style={{ gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', alignItems: 'start' }}
      >
        <section aria-labelledby="ranking-title">
          <h2 id="ranking-title" className="sr-only">
            {dimensionLabel(t, dimension)}
          </h2>
          <div className="table-wrap">
            <table data-testid="public-ranking">
              <thead>
                <tr>
                  <th scope="col">{t('common.rank')}</th>
                  <th scope="col">{t('common.project')}</th>
                  <th scope="col" className="hide-sm">
                    {t('common.country')}
                  </th>
                  <th scope="col" className="num">
                    {t('common.score')}
                  </th>
                  <th scope="col" className="num">
                    {t('public.moved')}
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
                    <td className="hide-sm">
                      {node.project.country ? regionName(locale, node.project.country) : '—'}
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
                    <td className="num">
                      <RankChange
                        change={node.rankChange}
                        isNew={node.previousRank === null}
                        newLabel={t('public.new')}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {ranking ? (
            <Pager
              basePath={`/editions/${year}`}
              params={{ dimension, revision: revision ? String(revision) : undefined }}
              endCursor={ranking.pageInfo.endCursor}
              hasNextPage={ranking.pageInfo.hasNextPage}
              isFirstPage={!after}
              count={ranking.edges.length}
              totalCount={ranking.totalCount}
              t={t}
            />
          ) : null}
        </section>
        <section className="card" aria-labelledby="shares-title">
          <h2 id="shares-title">{t('public.regionShares')}</h2>
          <ShareChart shares={shares} locale={locale} title={t('public.regionShares')} />
        </section>
      </div>
      {viaLink && linked
        ? linked.results.map((result) => (
            <section
              key={result.dimension}
              className="card"
              style={{ marginTop: '1.25rem' }}
              data-testid="contest-project"
            >
              <div className="card-head">
                <h2>
                  {localName(locale, linked.project)} · {dimensionLabel(t, result.dimension)}
                </h2>
                <span>
                  {t('common.rank')} <strong>{result.rank}</strong> · {t('common.score')}{' '}
                  <strong>{formatNumber(locale, result.score, 2)}</strong>
                </span>
              </div>
              <ScoreBreakdown result={result} locale={locale} t={t} />
              <ContestForm
                edition={edition.id}
                project={linked.project.slug}
                contestToken={contest}
                indicators={result.indicators.map((i) => ({
                  key: i.indicator.key,
                  label: `${localName(locale, i.indicator)} (${i.raw === null || i.raw === undefined ? '—' : formatNumber(locale, i.raw, 3)})`,
                }))}
                labels={{
                  contest: t('disputes.contest'),
                  contestLead: t('disputes.contestLead'),
                  indicator: t('disputes.indicator'),
                  claim: t('disputes.claim'),
                  proposedValue: t('disputes.proposedValue'),
                  sourceUrl: t('disputes.sourceUrl'),
                  contact: t('disputes.contact'),
                  submit: t('disputes.submit'),
                  view: t('disputes.view'),
                }}
              />
            </section>
          ))
        : null}
      <p className="small muted" style={{ marginTop: '1rem' }}>
        {t('public.contentHash')}: <span className="mono">{edition.contentHash}</span>
      </p>
    </main>
  );
}
