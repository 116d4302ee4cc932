import { LineChart } from '@/components/charts/line-chart';
import type { Locale } from '@/i18n/locale';
import { formatNumber, type Translate } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';

export interface HistoryPoint {
  year: number;
  revision: number;
  results: { dimension: string; rank: number; score: number }[];
}

/** Scores per dimension across editions, as a line chart and a table (rank and score per edition). */
export function ScoreHistory({
  history,
  locale,
  t,
}: {
  history: HistoryPoint[];
  locale: Locale;
  t: Translate;
}) {
  const points = history.filter((h) => h.results.length > 0);
  if (points.length === 0) return <p className="muted">{t('common.none')}</p>;
  const dimensions = [...new Set(points.flatMap((p) => p.results.map((r) => r.dimension)))];
  const labels = points.map((p) => (p.revision > 1 ? `${p.year} r${p.revision}` : String(p.year)));
  return (
    <div className="stack">
      <LineChart
        title={t('public.scoreHistory')}
        xLabels={labels}
        yMin={0}
        formatY={(v) => formatNumber(locale, v, 0)}
        series={dimensions.map((d) => ({
          key: d,
          label: dimensionLabel(t, d),
          values: points.map((p) => p.results.find((r) => r.dimension === d)?.score ?? null),
        }))}
      />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.edition')}</th>
              <th scope="col">{t('common.dimension')}</th>
              <th scope="col" className="num">
                {t('common.rank')}
              </th>
              <th scope="col" className="num">
                {t('common.score')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.flatMap((p, i) =>
              p.results.map((r) => (
                <tr key={`${p.year}-${p.revision}-${r.dimension}`}>
                  <td>{labels[i]}</td>
                  <td>{dimensionLabel(t, r.dimension)}</td>
                  <td className="num">{r.rank}</td>
                  <td className="num">{formatNumber(locale, r.score, 2)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
