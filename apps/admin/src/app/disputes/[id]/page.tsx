import { verifyDisputeLink } from '@ranking/contracts/auth';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getI18n } from '@/i18n/server';
import { formatDateTime, formatNumber, localName } from '@/i18n/translate';
import { param, type SearchParams } from '@/lib/labels';
import { getDispute } from '@/server/api/disputes';
import { getAuthSecret } from '@/server/env';

export const metadata: Metadata = { title: 'Dispute' };
export const dynamic = 'force-dynamic';

/**
 * A dispute's public decision page: the claim (as text, never as HTML), its status and public reason.
 * The link in a decision email carries `expires` and `sig` (signDisputeLink); a valid one is noted.
 * No contact address is ever read here: the API never answers one.
 */
export default async function DisputePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const query = await searchParams;
  const { locale, t } = await getI18n();
  const dispute = await getDispute(id);
  if (!dispute) notFound();
  const signed = verifyDisputeLink(getAuthSecret(), id, param(query.expires), param(query.sig));
  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            {dispute.edition ? (
              <Link href={`/editions/${dispute.edition.year}?revision=${dispute.edition.revision}`}>
                {t('disputes.edition')} {dispute.edition.year}
              </Link>
            ) : null}
          </div>
          <h1>{t('disputes.decisionTitle', { id: dispute.id })}</h1>
          {signed ? (
            <p className="notice notice-ok" data-testid="signed-link">
              {t('disputes.signedLink')}
            </p>
          ) : null}
        </div>
        <Link href="/">← {t('nav.public')}</Link>
      </div>
      <section className="card">
        <dl className="meta">
          <dt>{t('disputes.status')}</dt>
          <dd data-testid="dispute-status">{t(`disputes.status${dispute.status}`)}</dd>
          <dt>{t('disputes.project')}</dt>
          <dd>
            <Link href={`/projects/${dispute.project.slug}`}>{localName(locale, dispute.project)}</Link>
          </dd>
          <dt>{t('disputes.indicator')}</dt>
          <dd>
            {localName(locale, dispute.indicator)} <span className="mono small">{dispute.indicator.key}</span>
          </dd>
          <dt>{t('disputes.claim')}</dt>
          <dd style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="dispute-claim">
            {dispute.claim}
          </dd>
          {dispute.proposedValue !== null && dispute.proposedValue !== undefined ? (
            <>
              <dt>{t('disputes.proposedValue')}</dt>
              <dd>
                {formatNumber(locale, dispute.proposedValue, 6)} {dispute.indicator.unit ?? ''}
              </dd>
            </>
          ) : null}
          {dispute.sourceUrl ? (
            <>
              <dt>{t('disputes.sourceUrl')}</dt>
              <dd style={{ overflowWrap: 'anywhere' }}>
                <a href={dispute.sourceUrl} rel="noopener noreferrer nofollow">
                  {dispute.sourceUrl}
                </a>
              </dd>
            </>
          ) : null}
          <dt>{t('disputes.reason')}</dt>
          <dd data-testid="dispute-reason">{dispute.reason ?? t('disputes.noReason')}</dd>
          <dt>{t('disputes.createdAt')}</dt>
          <dd>{formatDateTime(locale, dispute.createdAt)}</dd>
          <dt>{t('disputes.decidedAt')}</dt>
          <dd>{dispute.decidedAt ? formatDateTime(locale, dispute.decidedAt) : '—'}</dd>
        </dl>
      </section>
    </main>
  );
}
