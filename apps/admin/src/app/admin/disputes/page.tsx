import type { Metadata } from 'next';
import Link from 'next/link';
import { DecideForm } from '@/components/disputes/decide-form';
import { getI18n } from '@/i18n/server';
import { formatDateTime, formatNumber, localName } from '@/i18n/translate';
import { param, type SearchParams } from '@/lib/labels';
import { DISPUTE_STATUSES, type DisputeStatus, findDisputes } from '@/server/api/disputes';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Disputes' };

/** The reviewers' triage of disputes (scope `evidence:review`): open ones first, with accept and reject forms. */
export default async function DisputesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/disputes', 'evidence:review');
  const query = await searchParams;
  const { locale, t } = await getI18n();
  const wanted = param(query.status);
  const status: DisputeStatus = (DISPUTE_STATUSES as readonly string[]).includes(wanted ?? '')
    ? (wanted as DisputeStatus)
    : 'OPEN';
  const page = await findDisputes(user, { status: [status] }, 50, param(query.after));
  const labels = {
    accept: t('disputes.accept'),
    reject: t('disputes.reject'),
    acceptReason: t('disputes.acceptReason'),
    rejectReason: t('disputes.rejectReason'),
    acceptSource: t('disputes.acceptSource'),
  };
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>{t('disputes.title')}</h1>
          <p>{t('disputes.lead')}</p>
        </div>
      </div>
      <nav aria-label={t('disputes.filter')} className="inline-form">
        {DISPUTE_STATUSES.map((s) => (
          <Link
            key={s}
            className={s === status ? 'btn btn-primary' : 'btn'}
            href={`/admin/disputes?status=${s}`}
          >
            {t(`disputes.status${s}`)}
          </Link>
        ))}
      </nav>
      {page.edges.length === 0 ? <p>{t('disputes.none')}</p> : null}
      {page.edges.map(({ node }) => (
        <section key={node.id} className="card" data-testid={`dispute-${node.id}`}>
          <div className="card-head">
            <h2>
              <Link href={`/disputes/${node.id}`}>#{node.id}</Link> · {localName(locale, node.project)} ·{' '}
              {localName(locale, node.indicator)}
            </h2>
            <span>
              {node.edition ? `${node.edition.year} r${node.edition.revision} · ` : ''}
              {formatDateTime(locale, node.createdAt)}
            </span>
          </div>
          <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{node.claim}</p>
          <dl className="meta">
            <dt>{t('disputes.proposedValue')}</dt>
            <dd>
              {node.proposedValue === null || node.proposedValue === undefined
                ? '—'
                : formatNumber(locale, node.proposedValue, 6)}
            </dd>
            <dt>{t('disputes.sourceUrl')}</dt>
            <dd style={{ overflowWrap: 'anywhere' }}>
              {node.sourceUrl ? (
                <a href={node.sourceUrl} rel="noopener noreferrer nofollow">
                  {node.sourceUrl}
                </a>
              ) : (
                '—'
              )}
            </dd>
            {node.reason ? (
              <>
                <dt>{t('disputes.reason')}</dt>
                <dd>{node.reason}</dd>
              </>
            ) : null}
            {node.evidence ? (
              <>
                <dt>{t('nav.evidence')}</dt>
                <dd>
                  <Link href={`/admin/evidence/${node.evidence.id}`}>#{node.evidence.id}</Link> ·{' '}
                  {node.evidence.status.toLowerCase()}
                </dd>
              </>
            ) : null}
          </dl>
          {node.status === 'OPEN' ? (
            <DecideForm
              id={node.id}
              needsSource={node.proposedValue !== null && node.proposedValue !== undefined && !node.sourceUrl}
              labels={labels}
            />
          ) : null}
        </section>
      ))}
      {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
        <Link className="btn" href={`/admin/disputes?status=${status}&after=${page.pageInfo.endCursor}`}>
          →
        </Link>
      ) : null}
    </div>
  );
}
