import { IntervalChart } from '@/components/charts/interval-chart';
import { localName } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';
import { getSensitivity } from '@/server/api/editions';
import type { ViewProps } from './view-props';

/** Rank stability: the intervals of the weight-perturbation draws. */
export async function StabilityView({ edition, dimension, user, locale, t }: ViewProps) {
  const intervals = await getSensitivity(user, edition.year, edition.revision, dimension);
  const params = edition.sensitivityParameters;
  return (
    <section className="card" aria-labelledby="stability-title">
      <h2 id="stability-title">
        {t('editions.sensitivity')} · {dimensionLabel(t, dimension)}
      </h2>
      <p className="muted small">
        {t('editions.sensitivityHelp')}
        {params ? ` (n = ${params.samples}, δ = ${params.delta}, seed ${params.seed})` : ''}
      </p>
      <IntervalChart
        title={t('editions.sensitivity')}
        rankLabel={t('common.rank')}
        data={intervals.slice(0, 40).map((i) => ({
          key: i.project.slug,
          label: localName(locale, i.project),
          rank: i.rank,
          median: i.medianRank,
          p05: i.p05Rank,
          p95: i.p95Rank,
        }))}
      />
      <div className="legend">
        <span style={{ ['--swatch' as string]: '#d9822b' }}>{t('editions.nominal')}</span>
        <span style={{ ['--swatch' as string]: '#1b3f91' }}>{t('editions.median')}</span>
        <span style={{ ['--swatch' as string]: '#9db4e8' }}>{t('editions.interval')}</span>
      </div>
    </section>
  );
}
