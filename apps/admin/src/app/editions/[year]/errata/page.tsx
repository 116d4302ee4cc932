import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BilingualName } from '@/components/names';
import { getI18n } from '@/i18n/server';
import { formatDate, formatNumber } from '@/i18n/translate';
import { parsePositiveInt } from '@/lib/labels';
import { getErrata } from '@/server/api/editions';

export const metadata: Metadata = { title: 'Corrections' };

const arrow = (before: string, after: string) => (before === after ? after : `${before} → ${after}`);

/** The public, dated errata of a year: every published revision and the values it corrected (docs/corrections.md). */
export default async function ErrataPage({ params }: { params: Promise<{ year: string }> }) {
  const year = parsePositiveInt((await params).year);
  if (!year) notFound();
  const { locale, t } = await getI18n();
  const edition = await getErrata(null, year);
  const revisions = (edition?.revisions ?? []).filter((r) => r.status === 'PUBLISHED');
  if (!edition || revisions.length === 0) notFound();
  const num = (value: number | null | undefined, digits = 2) =>
    value === null || value === undefined ? '—' : formatNumber(locale, value, digits);
  const corrections = revisions.filter((r) => r.revision > 1);
  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <div>
          <div className="eyebrow">{edition.title}</div>
          <h1>{t('errata.title')}</h1>
          <p>{t('errata.lead')}</p>
        </div>
        <Link href={`/editions/${year}`}>← {edition.title}</Link>
      </div>
      {revisions[0] ? (
        <p className="small">{t('errata.first', { date: formatDate(locale, revisions[0].publishedAt) })}</p>
      ) : null}
      {corrections.length === 0 ? <p data-testid="errata-none">{t('errata.none')}</p> : null}
      {corrections.map((r) => (
        <section key={r.revision} className="card" data-testid={`errata-revision-${r.revision}`}>
          <h2>{t('errata.revision', { revision: r.revision, date: formatDate(locale, r.publishedAt) })}</h2>
          <p className="small">
            {t('errata.policy')}: {r.correctionPolicy ? t(`errata.policy${r.correctionPolicy}`) : '—'} ·{' '}
            {t('errata.cause')}:{' '}
            {r.correctionCause ? t(`errata.cause${r.correctionCause}`) : t('errata.causeNone')}
          </p>
          {r.errata.length === 0 ? (
            <p>{t('errata.noChanges')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('errata.project')}</th>
                    <th scope="col">{t('errata.indicator')}</th>
                    <th scope="col" className="num">
                      {t('errata.value')}
                    </th>
                    <th scope="col">{t('errata.dimension')}</th>
                    <th scope="col" className="num">
                      {t('errata.score')}
                    </th>
                    <th scope="col" className="num">
                      {t('errata.rank')}
                    </th>
                    <th scope="col">{t('errata.cause')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.errata.flatMap((e) =>
                    e.dimensions.map((d, i) => (
                      <tr key={`${e.project.slug}:${e.indicator}:${d.dimension}`}>
                        <td>{i === 0 ? <BilingualName item={e.project} locale={locale} /> : null}</td>
                        <td>{i === 0 ? <code>{e.indicator}</code> : null}</td>
                        <td className="num">{i === 0 ? arrow(num(e.oldValue), num(e.newValue)) : null}</td>
                        <td>{d.dimension}</td>
                        <td className="num">{arrow(num(d.oldScore, 1), num(d.newScore, 1))}</td>
                        <td className="num">{arrow(num(d.oldRank, 0), num(d.newRank, 0))}</td>
                        <td>
                          {i === 0 && e.cause ? t(`errata.cause${e.cause}`) : null}
                          {i === 0 && e.disputeId ? (
                            <>
                              {' · '}
                              <Link
                                href={`/disputes/${e.disputeId}`}
                                data-testid={`errata-dispute-${e.disputeId}`}
                              >
                                {t('errata.disputeLink', { id: e.disputeId })}
                              </Link>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </main>
  );
}
