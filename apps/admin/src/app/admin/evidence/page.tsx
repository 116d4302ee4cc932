import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import { IllustrativeBadge, StatusBadge } from '@/components/badges';
import { SeriesSparkline } from '@/components/charts/series-sparkline';
import { BilingualName } from '@/components/names';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import { formatDate, formatDateTime, formatNumber, localName, shortUrl } from '@/i18n/translate';
import { dimensionLabel, param, type SearchParams, statusLabel } from '@/lib/labels';
import {
  EVIDENCE_STATUSES,
  type EvidenceFilter,
  type EvidenceItem,
  type EvidenceStatus,
  findEvidence,
  getAcceptedSeries,
  type SeriesPoint,
} from '@/server/api/evidence';
import { getMethodology } from '@/server/api/methodology';
import { requireUser } from '@/server/auth';
import { ReviewForm, SelectAll } from './review-form';

export const metadata: Metadata = { title: 'Evidence' };

const PAGE_SIZE = 25;

export default async function EvidenceQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/evidence');
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const statusParam = param(query.status) ?? 'PENDING';
  const status = (EVIDENCE_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as EvidenceStatus)
    : null;
  const dimension = param(query.dimension) || null;
  const indicator = param(query.indicator) || null;
  const project = param(query.project)?.trim() || null;
  const after = param(query.after);
  const canReview = roleHasScope(user.role, 'evidence:review');

  let filterForm: ReactNode = null;
  const methodology = await getMethodology(user);
  const dimensions = methodology?.dimensions ?? [];
  const indicatorNames = new Map((methodology?.indicators ?? []).map((i) => [i.key, i]));
  const chosenDimension = dimensions.find((d) => d.key === dimension);
  const indicatorKeys = chosenDimension
    ? chosenDimension.indicators.map((i) => i.key)
    : [...indicatorNames.keys()].sort();
  const filter: EvidenceFilter = { status: status ? [status] : null, indicator, project };
  // EvidenceFilter.dimension: evidence of the projects whose category is the dimension.
  if (chosenDimension && !indicator) filter.dimension = chosenDimension.key;
  // Values flagged as anomalies come first (on the first page), then the others page by page.
  const [flagged, page] = await Promise.all([
    findEvidence(user, { ...filter, flagged: true }, after ? 1 : PAGE_SIZE),
    findEvidence(user, { ...filter, flagged: false }, PAGE_SIZE, after),
  ]);
  const flaggedRows = after ? [] : flagged.edges.map((e) => e.node);
  // Each flagged value is drawn against its project's accepted series for the indicator.
  const seriesKey = (row: EvidenceItem) => `${row.project.slug}\u0000${row.indicator.key}`;
  const seriesKeys = [...new Set(flaggedRows.map(seriesKey))];
  const seriesList = await Promise.all(
    seriesKeys.map((key) => {
      const [slug = '', indicatorKey = ''] = key.split('\u0000');
      return getAcceptedSeries(user, slug, indicatorKey);
    }),
  );
  const seriesOf = new Map(seriesKeys.map((key, i) => [key, seriesList[i] ?? []]));
  filterForm = (
    <form method="get" className="filters card" aria-label={t('evidence.filters')}>
      <div className="field">
        <label htmlFor="f-status">{t('common.status')}</label>
        <select id="f-status" name="status" defaultValue={status ?? 'ALL'}>
          <option value="ALL">{t('common.all')}</option>
          {EVIDENCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-dimension">{t('common.dimension')}</label>
        <select id="f-dimension" name="dimension" defaultValue={dimension ?? ''}>
          <option value="">{t('common.all')}</option>
          {dimensions.map((d) => (
            <option key={d.key} value={d.key}>
              {dimensionLabel(t, d.key, d.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-indicator">{t('common.indicator')}</label>
        <select id="f-indicator" name="indicator" defaultValue={indicator ?? ''}>
          <option value="">{t('common.all')}</option>
          {indicatorKeys.map((key) => {
            const info = indicatorNames.get(key);
            return (
              <option key={key} value={key}>
                {info ? localName(locale, info) : key}
              </option>
            );
          })}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-project">{t('common.project')}</label>
        <input id="f-project" name="project" type="search" defaultValue={project ?? ''} placeholder="slug" />
      </div>
      <div className="row">
        <button className="btn btn-primary" type="submit">
          {t('common.filter')}
        </button>
        <Link className="btn" href="/admin/evidence?status=ALL">
          {t('common.clear')}
        </Link>
      </div>
    </form>
  );
  const rows = [...flaggedRows, ...page.edges.map((e) => e.node)];
  const approvable = (row: (typeof rows)[number]) =>
    canReview && row.status === 'PENDING' && row.submittedBy?.id !== user.id;
  const columns = canReview ? 9 : 7;
  const sparkLabel = (row: EvidenceItem, series: SeriesPoint[]) =>
    t('evidence.seriesChart', {
      indicator: localName(locale, row.indicator),
      count: series.length,
      values: series
        .map((p) => `${formatDate(locale, p.observedAt)}: ${formatNumber(locale, p.value, 4)}`)
        .join('; '),
      value: formatNumber(locale, row.value, 4),
      date: formatDate(locale, row.observedAt),
    });
  // Flagged values are approved one by one, each with its note: bulk approval leaves them out.
  const hasApprovable = rows.some((row) => approvable(row) && !row.anomaly);
  const body = (
    <>
      <ReviewForm>
        {flagged.totalCount > 0 && !after ? (
          <p className="notice notice-warn" data-testid="flagged-summary">
            {t('evidence.flaggedFirst', {
              count: flagged.totalCount,
              hidden: flagged.totalCount - flaggedRows.length,
            })}
          </p>
        ) : null}
        {canReview && hasApprovable ? (
          <div className="row" style={{ marginBottom: '0.75rem' }}>
            <button
              className="btn btn-ok"
              type="submit"
              name="intent"
              value="bulk"
              data-testid="bulk-approve"
            >
              ✓ {t('evidence.bulkApprove')}
            </button>
          </div>
        ) : null}
        <div className="table-wrap">
          <table data-testid="evidence-table">
            <thead>
              <tr>
                {canReview ? (
                  <th scope="col">{hasApprovable ? <SelectAll label={t('evidence.selectAll')} /> : null}</th>
                ) : null}
                <th scope="col">{t('evidence.id')}</th>
                <th scope="col">{t('common.project')}</th>
                <th scope="col">{t('common.indicator')}</th>
                <th scope="col" className="num">
                  {t('common.value')}
                </th>
                <th scope="col">{t('evidence.source')}</th>
                <th scope="col">{t('evidence.submittedBy')}</th>
                <th scope="col">{t('common.status')}</th>
                {canReview ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={columns} className="muted">
                    {t('common.none')}
                  </td>
                </tr>
              ) : null}
              {rows.map((row) => {
                const isOwn = row.submittedBy?.id === user.id;
                const anomaly = row.anomaly;
                const series = anomaly ? (seriesOf.get(seriesKey(row)) ?? []) : [];
                return (
                  <Fragment key={row.id}>
                    <tr
                      id={`evidence-${row.id}`}
                      data-testid={`evidence-row-${row.id}`}
                      className={anomaly ? 'row-flagged' : undefined}
                    >
                      {canReview ? (
                        <td>
                          {approvable(row) && !anomaly ? (
                            <input
                              type="checkbox"
                              name="ids"
                              value={row.id}
                              aria-label={t('evidence.select', { id: row.id })}
                            />
                          ) : null}
                        </td>
                      ) : null}
                      <td className="mono">{row.id}</td>
                      <td>
                        <BilingualName
                          item={row.project}
                          locale={locale}
                          href={`/admin/projects/${row.project.slug}`}
                        />
                      </td>
                      <td>
                        {localName(locale, row.indicator)}
                        <span className="name-alt mono">{row.indicator.key}</span>
                      </td>
                      <td className="num">
                        {formatNumber(locale, row.value, 4)}
                        {row.isIllustrative ? (
                          <>
                            <br />
                            <IllustrativeBadge t={t} />
                          </>
                        ) : null}
                      </td>
                      <td style={{ maxWidth: 240, overflowWrap: 'anywhere' }}>
                        <a href={row.sourceUrl} rel="noopener noreferrer">
                          {shortUrl(row.sourceUrl)}
                        </a>
                        <span className="name-alt">
                          {t('evidence.observedAt')} {formatDate(locale, row.observedAt)} ·{' '}
                          {row.sourceKind.toLowerCase()}
                        </span>
                        {row.note ? <span className="name-alt">“{row.note}”</span> : null}
                      </td>
                      <td className="small">
                        {row.submittedBy?.name ?? '—'}
                        <span className="name-alt">{formatDateTime(locale, row.submittedAt)}</span>
                      </td>
                      <td className="small">
                        <StatusBadge status={row.status} t={t} />
                        {row.reviewedBy ? (
                          <span className="name-alt">
                            {t('evidence.reviewedBy')} {row.reviewedBy.name} ·{' '}
                            {formatDateTime(locale, row.reviewedAt)}
                          </span>
                        ) : null}
                        {row.reviewNote ? <span className="name-alt">“{row.reviewNote}”</span> : null}
                      </td>
                      {canReview ? (
                        <td>
                          {approvable(row) && anomaly ? (
                            <div className="stack" style={{ gap: '0.4rem', minWidth: 180 }}>
                              <div className="field">
                                <label htmlFor={`note-${row.id}`} className="small">
                                  {t('evidence.flaggedNoteLabel')}
                                </label>
                                <textarea
                                  id={`note-${row.id}`}
                                  name={`note-${row.id}`}
                                  aria-describedby={`anomaly-${row.id}`}
                                  placeholder={t('evidence.flaggedNotePlaceholder')}
                                />
                              </div>
                              <div className="row" style={{ gap: '0.4rem' }}>
                                <button
                                  className="btn btn-sm btn-ok"
                                  type="submit"
                                  name="intent"
                                  value={`approve:${row.id}`}
                                  data-testid={`approve-${row.id}`}
                                >
                                  {t('evidence.approveWithNote')}
                                </button>
                                <button
                                  className="btn btn-sm btn-danger"
                                  type="submit"
                                  name="intent"
                                  value={`reject:${row.id}`}
                                >
                                  {t('evidence.rejectWithNote')}
                                </button>
                              </div>
                            </div>
                          ) : approvable(row) ? (
                            <div className="stack" style={{ gap: '0.4rem' }}>
                              <button
                                className="btn btn-sm btn-ok"
                                type="submit"
                                name="intent"
                                value={`approve:${row.id}`}
                                data-testid={`approve-${row.id}`}
                              >
                                {t('evidence.approve')}
                              </button>
                              <details>
                                <summary className="btn btn-sm btn-danger">{t('evidence.reject')}</summary>
                                <div className="field" style={{ marginTop: '0.4rem', minWidth: 180 }}>
                                  <label htmlFor={`note-${row.id}`} className="small">
                                    {t('evidence.reviewNote')}
                                  </label>
                                  <textarea
                                    id={`note-${row.id}`}
                                    name={`note-${row.id}`}
                                    placeholder={t('evidence.notePlaceholder')}
                                  />
                                  <button
                                    className="btn btn-sm btn-danger"
                                    type="submit"
                                    name="intent"
                                    value={`reject:${row.id}`}
                                  >
                                    {t('evidence.rejectWithNote')}
                                  </button>
                                </div>
                              </details>
                            </div>
                          ) : isOwn && row.status === 'PENDING' ? (
                            <span className="small muted" data-testid={`own-${row.id}`}>
                              {t('evidence.own')}
                            </span>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                    {anomaly ? (
                      <tr className="row-flagged-detail" data-testid={`anomaly-row-${row.id}`}>
                        <td colSpan={columns}>
                          <div className="flag-detail">
                            <SeriesSparkline
                              series={series.map((p) => ({ id: p.id, date: p.observedAt, value: p.value }))}
                              candidate={{ id: row.id, date: row.observedAt, value: row.value }}
                              label={sparkLabel(row, series)}
                              testId={`series-chart-${row.id}`}
                            />
                            <span>
                              <span className="badge badge-flagged">⚑ {t('evidence.flagged')}</span>{' '}
                              <span id={`anomaly-${row.id}`} data-testid={`anomaly-${row.id}`}>
                                {anomaly.reason}
                              </span>
                            </span>
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      </ReviewForm>
      <Pager
        basePath="/admin/evidence"
        params={{
          status: status ?? 'ALL',
          dimension: dimension ?? undefined,
          indicator: indicator ?? undefined,
          project: project ?? undefined,
        }}
        endCursor={page.pageInfo.endCursor}
        hasNextPage={page.pageInfo.hasNextPage}
        isFirstPage={!after}
        count={rows.length}
        totalCount={page.totalCount + flagged.totalCount}
        t={t}
      />
    </>
  );
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{canReview ? t('evidence.queue') : t('evidence.title')}</h1>
        </div>
        {roleHasScope(user.role, 'evidence:write') ? (
          <Link className="btn btn-primary" href="/admin/evidence/new">
            {t('evidence.new')}
          </Link>
        ) : null}
      </div>
      {filterForm}
      {body}
    </div>
  );
}
