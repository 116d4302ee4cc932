import { ShareChart } from '@/components/public/share-chart';
import { formatPercent, regionName } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';
import { getOverallShares, getRegionShares } from '@/server/api/editions';
import type { ViewProps } from './view-props';

/** Region shares: of the dimension and of the whole edition. */
export async function SharesView({ edition, dimension, user, locale, t }: ViewProps) {
  const [dimShares, { shares: allShares, rule }] = await Promise.all([
    getRegionShares(user, edition.year, edition.revision, dimension),
    getOverallShares(user, edition.year, edition.revision),
  ]);
  return (
    <div className="grid-2">
      <section className="card">
        <h2>
          {t('editions.shares')} · {dimensionLabel(t, dimension)}
        </h2>
        <ShareChart shares={dimShares} locale={locale} title={t('editions.shares')} />
      </section>
      <section className="card">
        <h2>
          {t('editions.shares')} · {t('public.regionSharesAll')}
        </h2>
        <ShareChart shares={allShares} locale={locale} title={t('editions.shares')} />
        {rule ? (
          <p className="small muted" data-testid="share-rule">
            {t(`shareRule.${rule}`)}
          </p>
        ) : null}
        <table style={{ marginTop: '0.75rem' }}>
          <thead>
            <tr>
              <th scope="col">{t('common.region')}</th>
              <th scope="col" className="num">
                {t('common.share')}
              </th>
              <th scope="col" className="num">
                {t('public.topCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...allShares]
              .sort((a, b) => b.share - a.share)
              .map((s) => (
                <tr key={s.region}>
                  <td>{regionName(locale, s.region)}</td>
                  <td className="num">{formatPercent(locale, s.share)}</td>
                  <td className="num">{s.topCount}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
