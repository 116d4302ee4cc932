import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/badges';
import { getI18n } from '@/i18n/server';
import { formatDate, formatDateTime } from '@/i18n/translate';
import { dimensionLabel, param, parsePositiveInt, type SearchParams } from '@/lib/labels';
import { getEdition } from '@/server/api/editions';
import { requireUser } from '@/server/auth';
import { ComputeButton, DoiForm, PublishDialog } from '../../edition-actions';
import { CompareView } from './compare-view';
import { RankingView } from './ranking-view';
import { SharesView } from './shares-view';
import { StabilityView } from './stability-view';
import { VIEWS, type View } from './view-props';

export const metadata: Metadata = { title: 'Edition' };

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
    const props = { edition, dimension, user, locale, t, base, after };
    content =
      view === 'compare' ? (
        <CompareView {...props} />
      ) : view === 'stability' ? (
        <StabilityView {...props} />
      ) : view === 'shares' ? (
        <SharesView {...props} />
      ) : (
        <RankingView {...props} />
      );
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
      {canManage ? (
        <DoiForm
          id={edition.id}
          doi={edition.doi ?? null}
          labels={{ doi: t('editions.doi'), help: t('editions.doiHelp'), save: t('editions.doiSave') }}
        />
      ) : (
        <p className="small muted" data-testid="edition-doi">
          {t('editions.doi')}:{' '}
          {edition.doi ? (
            <a className="mono" href={`https://doi.org/${edition.doi}`}>
              {edition.doi}
            </a>
          ) : (
            t('editions.doiNone')
          )}
        </p>
      )}
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
