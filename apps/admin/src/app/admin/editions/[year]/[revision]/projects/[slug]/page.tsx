import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ScoreBreakdown } from '@/components/score-breakdown';
import { getI18n } from '@/i18n/server';
import { altName, formatNumber, localName } from '@/i18n/translate';
import { dimensionLabel, param, parsePositiveInt, type SearchParams } from '@/lib/labels';
import { findDisputes } from '@/server/api/disputes';
import { getEdition, getProjectResults } from '@/server/api/editions';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Score breakdown' };

export default async function BreakdownPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string; revision: string; slug: string }>;
  searchParams: SearchParams;
}) {
  const route = await params;
  const year = parsePositiveInt(route.year);
  const revision = parsePositiveInt(route.revision);
  if (!year || !revision) notFound();
  const base = `/admin/editions/${year}/${revision}`;
  const user = await requireUser(`${base}/projects/${route.slug}`);
  const { locale, t } = await getI18n();
  const dimension = param((await searchParams).dimension);
  const data = await getProjectResults(user, route.slug, year, revision);
  if (!data) notFound();
  const results = dimension ? data.results.filter((r) => r.dimension === dimension) : data.results;
  // Reviewers see the disputes of these values next to them.
  const edition = roleHasScope(user.role, 'evidence:review') ? await getEdition(user, year, revision) : null;
  const disputes = edition
    ? (await findDisputes(user, { edition: edition.id, project: route.slug }, 100)).edges.map((e) => e.node)
    : [];
  const alt = altName(locale, data.project);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href={`${base}?view=ranking&dimension=${dimension ?? ''}`}>
              ← {year} · {t('editions.ranking')}
            </Link>
          </div>
          <h1>
            {t('editions.breakdown')}: {localName(locale, data.project)}
          </h1>
          {alt ? <p>{alt}</p> : null}
        </div>
        <Link className="btn" href={`/admin/projects/${data.project.slug}`}>
          {t('common.details')}
        </Link>
      </div>
      {results.map((result) => (
        <section key={result.dimension} className="card" data-testid="breakdown">
          <div className="card-head">
            <h2>{dimensionLabel(t, result.dimension)}</h2>
            <span>
              {t('common.rank')} <strong>{result.rank}</strong>
              {result.previousRank ? ` (${t('editions.previous')} ${result.previousRank})` : ''} ·{' '}
              {t('common.score')} <strong>{formatNumber(locale, result.score, 2)}</strong>
              {result.rankInterval
                ? ` · ${t('editions.interval')} ${result.rankInterval.p05Rank}–${result.rankInterval.p95Rank}`
                : ''}
            </span>
          </div>
          <ScoreBreakdown
            result={result}
            locale={locale}
            t={t}
            evidenceHref={(id) => `/admin/evidence/${id}`}
          />
        </section>
      ))}
      {disputes.length > 0 ? (
        <section className="card" data-testid="project-disputes">
          <div className="card-head">
            <h2>{t('disputes.title')}</h2>
            <Link href="/admin/disputes">{t('nav.disputes')} →</Link>
          </div>
          <ul>
            {disputes.map((d) => (
              <li key={d.id} style={{ overflowWrap: 'anywhere' }}>
                <Link href={`/disputes/${d.id}`}>#{d.id}</Link> · {localName(locale, d.indicator)} ·{' '}
                {t(`disputes.status${d.status}`)}
                {d.proposedValue !== null && d.proposedValue !== undefined
                  ? ` · ${formatNumber(locale, d.proposedValue, 6)}`
                  : ''}{' '}
                — <span style={{ whiteSpace: 'pre-wrap' }}>{d.claim}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
