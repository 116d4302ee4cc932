import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { IllustrativeBadge, StatusBadge } from '@/components/badges';
import { IntervalChart } from '@/components/charts/interval-chart';
import { MoversChart } from '@/components/charts/movers-chart';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { ShareChart } from '@/components/public/share-chart';
import { RankChange } from '@/components/rank-change';
import type { Locale } from '@/i18n/locale';
import { getI18n } from '@/i18n/server';
import {
  altName,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  localName,
  regionName,
  type Translate,
} from '@/i18n/translate';
import { dimensionLabel, param, parsePositiveInt, type SearchParams } from '@/lib/labels';
import {
  type EditionChanges,
  type EditionDetail,
  getChanges,
  getEdition,
  getRanking,
  getRegionShares,
  getSensitivity,
  type RankMove,
} from '@/server/api/editions';
import { requireUser } from '@/server/auth';
import type { SessionUser } from '@/server/session-user';
import { ComputeButton, PublishDialog } from '../../edition-actions';

export const metadata: Metadata = { title: 'Edition' };

const VIEWS = ['ranking', 'compare', 'stability', 'shares'] as const;
type View = (typeof VIEWS)[number];

export default async function EditionAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string; revision: string }>;
  searchParams: SearchParams;
}) {
  const route = await params;
  const year = parsePositiveInt(route.year);
  const revision = parsePositiveInt(route.revision);
  if (!year || !revision) notFound();
  const base = `/admin/editions/${year}/${revision}`;
  const user = await requireUser(base);
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const viewParam = param(query.view);
  const view: View = (VIEWS as readonly string[]).includes(viewParam ?? '') ? (viewParam as View) : 'ranking';
  const after = param(query.after);
  const edition = await getEdition(user, year, revision);
  if (!edition) notFound();
  const dimension = param(query.dimension) ?? edition.dimensions[0]?.key ?? 'model';
  const canManage = roleHasScope(user.role, 'editions:manage');
  const isComputed = edition.status !== 'DRAFT';
  const viewLink = (v: View, d: string = dimension) => `${base}?view=${v}&dimension=${d}`;
  let content: ReactNode = <p className="notice notice-info">{t('editions.notComputed')}</p>;
  if (isComputed) {
    content = await renderView({ view, edition, dimension, user, locale, t, base, after });
  }
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/editions">{t('editions.title')}</Link> · {edition.year} ·{' '}
            {t('public.revision', { revision: edition.revision })}
          </div>
          <h1>
            {edition.title} <StatusBadge status={edition.status} t={t} />
          </h1>
          <p>
            {t('editions.cutoff')} {formatDate(locale, edition.cutoff)} · {t('editions.methodology')}{' '}
            {edition.methodology.version}
            {edition.computedAt
              ? ` · ${t('editions.computedAt')} ${formatDateTime(locale, edition.computedAt)}`
              : ''}
            {edition.publishedAt
              ? ` · ${t('editions.publishedAt')} ${formatDateTime(locale, edition.publishedAt)}`
              : ''}
          </p>
        </div>
        {canManage && edition.status !== 'PUBLISHED' ? (
          <div className="row" style={{ alignItems: 'flex-start' }}>
            <ComputeButton
              id={edition.id}
              label={isComputed ? t('editions.recompute') : t('editions.compute')}
              pendingLabel={t('common.loading')}
            />
            {edition.status === 'COMPUTED' && edition.contentHash ? (
              <PublishDialog
                id={edition.id}
                contentHash={edition.contentHash}
                labels={{
                  publish: t('editions.publish'),
                  title: t('editions.publishConfirm'),
                  help: t('editions.publishHelp'),
                  confirm: t('editions.confirmHash'),
                  cancel: t('common.cancel'),
                }}
              />
            ) : null}
          </div>
        ) : null}
      </div>
      {edition.contentHash ? (
        <p className="small muted">
          {t('public.contentHash')}:{' '}
          <span className="mono" data-testid="content-hash">
            {edition.contentHash}
          </span>
        </p>
      ) : null}
      {isComputed ? (
        <>
          <nav className="tabs" aria-label={t('editions.title')}>
            <Link href={viewLink('ranking')} aria-current={view === 'ranking' ? 'page' : undefined}>
              {t('editions.ranking')}
            </Link>
            <Link href={viewLink('compare')} aria-current={view === 'compare' ? 'page' : undefined}>
              {t('editions.compare')}
            </Link>
            <Link href={viewLink('stability')} aria-current={view === 'stability' ? 'page' : undefined}>
              {t('editions.sensitivity')}
            </Link>
            <Link href={viewLink('shares')} aria-current={view === 'shares' ? 'page' : undefined}>
              {t('editions.shares')}
            </Link>
          </nav>
          <nav className="row" aria-label={t('common.dimension')}>
            {edition.dimensions.map((d) => (
              <Link
                key={d.key}
                className={`btn btn-sm${d.key === dimension ? ' btn-primary' : ''}`}
                href={viewLink(view, d.key)}
                aria-current={d.key === dimension ? 'true' : undefined}
              >
                {dimensionLabel(t, d.key, d.name)}
              </Link>
            ))}
          </nav>
        </>
      ) : null}
      {content}
    </div>
  );
}

interface ViewProps {
  view: View;
  edition: EditionDetail;
  dimension: string;
  user: SessionUser;
  locale: Locale;
  t: Translate;
  base: string;
  after: string | undefined;
}

async function renderView({
  view,
  edition,
  dimension,
  user,
  locale,
  t,
  base,
  after,
}: ViewProps): Promise<ReactNode> {
  if (view === 'compare') {
    const changes = await getChanges(user, edition.year, edition.revision);
    return <CompareView changes={changes} dimension={dimension} locale={locale} t={t} base={base} />;
  }
  if (view === 'stability') {
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
  if (view === 'shares') {
    const [dimShares, allShares] = await Promise.all([
      getRegionShares(user, edition.year, edition.revision, dimension),
      getRegionShares(user, edition.year, edition.revision, null),
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
  const ranking = await getRanking(user, {
    year: edition.year,
    revision: edition.revision,
    dimension,
    first: 50,
    after,
  });
  const rows = ranking?.edges ?? [];
  const pillarKeys = rows[0]?.node.breakdown ?? [];
  return (
    <>
      <div className="table-wrap">
        <table data-testid="admin-ranking">
          <thead>
            <tr>
              <th scope="col">{t('common.rank')}</th>
              <th scope="col" className="num">
                {t('editions.delta')}
              </th>
              <th scope="col">{t('common.project')}</th>
              <th scope="col" className="num">
                {t('common.score')}
              </th>
              {pillarKeys.map((p) => (
                <th key={p.key} scope="col" className="num hide-sm">
                  {p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node }) => (
              <tr key={node.project.slug}>
                <td className="rank">{node.rank}</td>
                <td className="num">
                  <RankChange
                    change={node.rankChange}
                    isNew={node.previousRank === null}
                    newLabel={t('public.new')}
                  />
                </td>
                <td>
                  <Link
                    href={`${base}/projects/${node.project.slug}?dimension=${dimension}`}
                    data-testid={`breakdown-${node.project.slug}`}
                    title={t('editions.breakdown')}
                  >
                    {localName(locale, node.project)}
                  </Link>
                  {altName(locale, node.project) ? (
                    <span className="name-alt">{altName(locale, node.project)}</span>
                  ) : null}
                </td>
                <td className="num">
                  <strong>{formatNumber(locale, node.score, 2)}</strong>
                  {node.indicators.some((i) => i.isIllustrative) ? (
                    <>
                      {' '}
                      <IllustrativeBadge t={t} />
                    </>
                  ) : null}
                </td>
                {pillarKeys.map((p) => (
                  <td key={p.key} className="num hide-sm">
                    {formatNumber(locale, node.breakdown.find((b) => b.key === p.key)?.score ?? 0, 1)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ranking ? (
        <Pager
          basePath={base}
          params={{ view: 'ranking', dimension }}
          endCursor={ranking.pageInfo.endCursor}
          hasNextPage={ranking.pageInfo.hasNextPage}
          isFirstPage={!after}
          count={rows.length}
          totalCount={ranking.totalCount}
          t={t}
        />
      ) : null}
    </>
  );
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

function CompareView({
  changes,
  dimension,
  locale,
  t,
}: {
  changes: EditionChanges | null;
  dimension: string;
  locale: Locale;
  t: Translate;
  base: string;
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
