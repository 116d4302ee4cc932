import { MoversChart } from '@/components/charts/movers-chart';
import { BilingualName } from '@/components/names';
import { RankChange } from '@/components/rank-change';
import type { Locale } from '@/i18n/locale';
import type { Translate } from '@/i18n/translate';
import { type EditionChanges, getChanges, type RankMove } from '@/server/api/editions';
import type { ViewProps } from './view-props';

/** The changes against the previous edition: movers, entries and exits. */
export async function CompareView({ edition, dimension, user, locale, t }: ViewProps) {
  const changes = await getChanges(user, edition.year, edition.revision);
  return <Changes changes={changes} dimension={dimension} locale={locale} t={t} />;
}

function MoveTable({
  moves,
  title,
  locale,
  t,
  testId,
}: {
  moves: RankMove[];
  title: string;
  locale: Locale;
  t: Translate;
  testId: string;
}) {
  return (
    <section className="card" data-testid={testId}>
      <h3>
        {title} <span className="muted">({moves.length})</span>
      </h3>
      {moves.length === 0 ? (
        <p className="muted small">{t('common.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.project')}</th>
              <th scope="col" className="num">
                {t('editions.previous')}
              </th>
              <th scope="col" className="num">
                {t('common.rank')}
              </th>
              <th scope="col" className="num">
                {t('editions.delta')}
              </th>
            </tr>
          </thead>
          <tbody>
            {moves.slice(0, 15).map((m) => (
              <tr key={m.project.slug}>
                <td>
                  <BilingualName item={m.project} locale={locale} />
                </td>
                <td className="num">{m.previousRank ?? '—'}</td>
                <td className="num">{m.rank ?? '—'}</td>
                <td className="num">
                  <RankChange change={m.change} isNew={false} newLabel="" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Changes({
  changes,
  dimension,
  locale,
  t,
}: {
  changes: EditionChanges | null;
  dimension: string;
  locale: Locale;
  t: Translate;
}) {
  if (!changes) return <p className="notice notice-info">{t('editions.noPrevious')}</p>;
  const dim = changes.dimensions.find((d) => d.dimension === dimension);
  return (
    <div className="stack">
      <p className="muted" data-testid="compare-with">
        {t('editions.compare')}: <strong>{changes.previousEdition.title}</strong> (
        {changes.previousEdition.year})
      </p>
      <section className="card" data-testid="movers">
        <h3>
          {t('editions.movers')} <span className="muted">({dim?.movers.length ?? 0})</span>
        </h3>
        {(dim?.movers.length ?? 0) > 0 ? (
          <MoversChart moves={dim?.movers ?? []} locale={locale} title={t('editions.movers')} />
        ) : (
          <p className="muted small">{t('common.none')}</p>
        )}
      </section>
      <div className="grid-2">
        <MoveTable
          moves={dim?.newEntries ?? []}
          title={t('editions.entries')}
          locale={locale}
          t={t}
          testId="entries"
        />
        <MoveTable
          moves={dim?.exits ?? []}
          title={t('editions.exits')}
          locale={locale}
          t={t}
          testId="exits"
        />
      </div>
      <MoveTable
        moves={dim?.movers ?? []}
        title={t('editions.movers')}
        locale={locale}
        t={t}
        testId="movers-table"
      />
    </div>
  );
}
