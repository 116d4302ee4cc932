import { IllustrativeBadge } from '@/components/badges';
import { BarChart } from '@/components/charts/bar-chart';
import { StackedBar } from '@/components/charts/stacked-bar';
import type { Locale } from '@/i18n/locale';
import { formatDate, formatNumber, localName, type Translate } from '@/i18n/translate';
import type { ResultDetail } from '@/server/api/editions';

interface ScoreBreakdownProps {
  result: ResultDetail;
  locale: Locale;
  t: Translate;
  /** Where an evidence id links to (admin: the evidence queue; public: its source). */
  evidenceHref?: (id: string) => string;
}

/** How one score was made: pillar scores, each indicator's contribution (chart), values and evidence links. */
export function ScoreBreakdown({ result, locale, t, evidenceHref }: ScoreBreakdownProps) {
  const indicators = [...result.indicators].sort((a, b) => b.contribution - a.contribution);
  const pillarTotal = result.breakdown.reduce((sum, node) => sum + node.score, 0);
  return (
    <div className="stack">
      {result.breakdown.length > 0 ? (
        <section aria-labelledby={`pillars-${result.dimension}`}>
          <h3 id={`pillars-${result.dimension}`}>{t('editions.pillars')}</h3>
          <StackedBar
            title={t('editions.pillars')}
            total={Math.max(pillarTotal, result.score)}
            segments={result.breakdown.map((node) => ({
              key: node.key,
              label: node.name,
              value: node.score,
              valueText: formatNumber(locale, node.score, 1),
            }))}
          />
        </section>
      ) : null}
      <section aria-labelledby={`contrib-${result.dimension}`}>
        <h3 id={`contrib-${result.dimension}`}>{t('editions.contributions')}</h3>
        <BarChart
          title={t('editions.contributions')}
          width={900}
          labelWidth={320}
          data={indicators.map((row) => ({
            key: row.indicator.key,
            label: localName(locale, row.indicator),
            value: Math.max(0, row.contribution),
            valueText: formatNumber(locale, row.contribution, 2),
            href: `#ind-${result.dimension}-${row.indicator.key}`,
            note: row.imputed ? t('editions.noData') : row.isIllustrative ? '*' : undefined,
            color: row.isIllustrative ? '#b99a5b' : '#2455c3',
          }))}
        />
        {indicators.some((row) => row.isIllustrative) ? (
          <p className="small muted">
            * <IllustrativeBadge t={t} /> {t('common.illustrativeHelp')}
          </p>
        ) : null}
      </section>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('editions.breakdown')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.indicator')}</th>
              <th scope="col" className="num">
                {t('editions.raw')}
              </th>
              <th scope="col" className="num">
                {t('editions.normalized')}
              </th>
              <th scope="col" className="num">
                {t('editions.contribution')}
              </th>
              <th scope="col">{t('editions.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((row) => (
              <tr key={row.indicator.key} id={`ind-${result.dimension}-${row.indicator.key}`}>
                <td>
                  {localName(locale, row.indicator)}
                  <span className="name-alt mono">{row.indicator.key}</span>
                </td>
                <td className="num" data-testid={`raw-${row.indicator.key}`}>
                  {row.imputed ? (
                    // An imputed value is "no data", never a measured 0.
                    <span className="badge" title={t('editions.noDataHelp')}>
                      {t('editions.noData')}
                    </span>
                  ) : row.raw === null ? (
                    '—'
                  ) : (
                    formatNumber(locale, row.raw, 3)
                  )}
                  {!row.imputed && row.raw !== null && row.indicator.unit ? (
                    <span className="name-alt">{row.indicator.unit}</span>
                  ) : null}
                  {row.isIllustrative ? <IllustrativeBadge t={t} /> : null}
                  {row.stale ? (
                    <span className="name-alt small" title={t('editions.staleHelp')}>
                      {row.imputed || row.ageDays === null
                        ? t('editions.staleDropped')
                        : t('editions.stale', { days: row.ageDays })}
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  {row.normalized === null ? '—' : formatNumber(locale, row.normalized, 3)}
                  {row.imputed && row.normalized !== null ? (
                    <span className="name-alt small" title={t('editions.noDataHelp')}>
                      {t('editions.imputed')}
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  <strong>{formatNumber(locale, row.contribution, 2)}</strong>
                </td>
                <td>
                  {row.evidence.length === 0 ? (
                    <span className="muted small">{t('editions.noEvidence')}</span>
                  ) : (
                    <ul style={{ margin: 0, paddingLeft: '1rem' }}>
                      {row.evidence.map((ev) => (
                        <li key={ev.id} className="small">
                          <a
                            href={evidenceHref ? evidenceHref(ev.id) : ev.sourceUrl}
                            rel="noopener noreferrer"
                          >
                            {formatNumber(locale, ev.value, 3)} · {formatDate(locale, ev.observedAt)}
                          </a>{' '}
                          {evidenceHref ? (
                            <a href={ev.sourceUrl} rel="noopener noreferrer" className="muted">
                              ↗
                            </a>
                          ) : null}
                          {ev.isIllustrative ? <IllustrativeBadge t={t} /> : null}
                          {ev.link.status === 'BROKEN' ? (
                            <>
                              {' '}
                              <span className="badge badge-broken">{t('public.linkBroken')}</span>
                              {ev.link.archivedUrl ? (
                                <>
                                  {' '}
                                  <a href={ev.link.archivedUrl} rel="noopener noreferrer">
                                    {t('public.archivedCopy', {
                                      date: formatDate(locale, ev.link.archivedAt?.slice(0, 10)),
                                    })}
                                  </a>
                                </>
                              ) : null}
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
