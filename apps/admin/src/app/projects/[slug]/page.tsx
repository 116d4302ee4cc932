import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IllustrativeBadge } from '@/components/badges';
import { ContestForm } from '@/components/disputes/contest-form';
import { BilingualName } from '@/components/names';
import { ScoreBreakdown } from '@/components/score-breakdown';
import { ScoreHistory } from '@/components/score-history';
import { getI18n } from '@/i18n/server';
import { altName, formatDate, formatNumber, localName, regionName, shortUrl } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';
import { getProjectHistory, getProjectResults, listEditions } from '@/server/api/editions';
import { findEvidence } from '@/server/api/evidence';
import { getProject } from '@/server/api/projects';

export const metadata: Metadata = { title: 'Project' };

/** A project's public page: score history across published editions, latest breakdown and evidence links. */
export default async function ProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { locale, t } = await getI18n();
  const project = await getProject(null, slug);
  if (!project) notFound();
  const editions = (await listEditions(null, true)).filter((e) => e.status === 'PUBLISHED');
  const chronological = [...editions].sort((a, b) => a.year - b.year || a.revision - b.revision);
  const latest = editions.find((e) => e.isDefaultRevision) ?? editions[0];
  const [history, latestResults, evidence] = await Promise.all([
    getProjectHistory(null, slug, chronological),
    latest ? getProjectResults(null, slug, latest.year, latest.revision) : Promise.resolve(null),
    findEvidence(null, { project: slug }, 50),
  ]);
  const alt = altName(locale, project);
  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            {dimensionLabel(t, project.category)} ·{' '}
            {project.country ? regionName(locale, project.country) : '—'}
          </div>
          <h1>{localName(locale, project)}</h1>
          {alt ? <p lang={locale === 'zh' ? 'en' : 'zh-CN'}>{alt}</p> : null}
        </div>
        <Link href="/">← {t('nav.public')}</Link>
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">{t('common.details')}</h2>
          <dl className="meta">
            <dt>{t('common.organization')}</dt>
            <dd>
              {project.organizations.map((o, i) => (
                <span key={o.slug}>
                  {i > 0 ? ', ' : ''}
                  <BilingualName item={o} locale={locale} />
                </span>
              ))}
            </dd>
            <dt>{t('common.license')}</dt>
            <dd>{project.license ?? '—'}</dd>
            <dt>{t('common.firstRelease')}</dt>
            <dd>{project.firstRelease ?? '—'}</dd>
            {project.repositoryUrl ? (
              <>
                <dt>{t('common.repository')}</dt>
                <dd>
                  <a href={project.repositoryUrl} rel="noopener noreferrer">
                    {project.repositoryUrl}
                  </a>
                </dd>
              </>
            ) : null}
            {project.huggingfaceUrl ? (
              <>
                <dt>{t('common.huggingface')}</dt>
                <dd>
                  <a href={project.huggingfaceUrl} rel="noopener noreferrer">
                    {project.huggingfaceUrl}
                  </a>
                </dd>
              </>
            ) : null}
            {project.homepageUrl ? (
              <>
                <dt>{t('common.homepage')}</dt>
                <dd>
                  <a href={project.homepageUrl} rel="noopener noreferrer">
                    {project.homepageUrl}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('public.scoreHistory')}</h2>
          <ScoreHistory history={history} locale={locale} t={t} />
        </section>
      </div>
      {latest && latestResults
        ? latestResults.results.map((result) => (
            <section key={result.dimension} className="card" style={{ marginTop: '1.25rem' }}>
              <div className="card-head">
                <h2>
                  {t('editions.breakdown')} · {dimensionLabel(t, result.dimension)} · {latest.year}
                </h2>
                <span>
                  {t('common.rank')} <strong>{result.rank}</strong> · {t('common.score')}{' '}
                  <strong>{formatNumber(locale, result.score, 2)}</strong>
                </span>
              </div>
              <ScoreBreakdown result={result} locale={locale} t={t} />
              <ContestForm
                edition={latest.id}
                project={slug}
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
      <section className="card" style={{ marginTop: '1.25rem' }} aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t('public.evidenceLinks')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.indicator')}</th>
                <th scope="col" className="num">
                  {t('common.value')}
                </th>
                <th scope="col">{t('evidence.observedAt')}</th>
                <th scope="col">{t('evidence.source')}</th>
              </tr>
            </thead>
            <tbody>
              {evidence.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{localName(locale, node.indicator)}</td>
                  <td className="num">
                    {formatNumber(locale, node.value, 3)}{' '}
                    {node.isIllustrative ? <IllustrativeBadge t={t} /> : null}
                  </td>
                  <td>{formatDate(locale, node.observedAt)}</td>
                  <td style={{ overflowWrap: 'anywhere' }} data-testid={`evidence-link-${node.id}`}>
                    <a href={node.sourceUrl} rel="noopener noreferrer">
                      {shortUrl(node.sourceUrl)}
                    </a>
                    {node.link.status === 'BROKEN' ? (
                      <span className="name-alt">
                        <span className="badge badge-broken">{t('public.linkBroken')}</span>{' '}
                        {node.link.archivedUrl ? (
                          <a href={node.link.archivedUrl} rel="noopener noreferrer">
                            {t('public.archivedCopy', {
                              date: formatDate(locale, node.link.archivedAt?.slice(0, 10)),
                            })}
                          </a>
                        ) : (
                          t('public.noArchivedCopy')
                        )}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
