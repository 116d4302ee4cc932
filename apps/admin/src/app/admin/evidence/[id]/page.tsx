import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IllustrativeBadge, StatusBadge } from '@/components/badges';
import { BilingualName } from '@/components/names';
import { getI18n } from '@/i18n/server';
import { formatDate, formatDateTime, formatNumber, localName } from '@/i18n/translate';
import { getEvidenceItem } from '@/server/api/evidence';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Evidence' };

export default async function EvidenceItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const user = await requireUser(`/admin/evidence/${id}`);
  const { locale, t } = await getI18n();
  const item = await getEvidenceItem(user, id);
  if (!item) notFound();
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/evidence?status=ALL">{t('evidence.title')}</Link> · #{item.id}
          </div>
          <h1>
            {localName(locale, item.indicator)} <StatusBadge status={item.status} t={t} />
          </h1>
        </div>
      </div>
      <section className="card">
        <dl className="meta">
          <dt>{t('common.project')}</dt>
          <dd>
            <BilingualName
              item={item.project}
              locale={locale}
              href={`/admin/projects/${item.project.slug}`}
            />
          </dd>
          <dt>{t('common.indicator')}</dt>
          <dd className="mono">{item.indicator.key}</dd>
          <dt>{t('common.value')}</dt>
          <dd>
            <strong>{formatNumber(locale, item.value, 6)}</strong> {item.indicator.unit ?? ''}{' '}
            {item.isIllustrative ? <IllustrativeBadge t={t} /> : null}
          </dd>
          <dt>{t('evidence.sourceUrl')}</dt>
          <dd>
            <a href={item.sourceUrl} rel="noopener noreferrer">
              {item.sourceUrl}
            </a>
            <span className="name-alt mono">{item.canonicalUrl}</span>
          </dd>
          <dt>{t('evidence.sourceKind')}</dt>
          <dd>{item.sourceKind.toLowerCase()}</dd>
          <dt>{t('evidence.observedAt')}</dt>
          <dd>{formatDate(locale, item.observedAt)}</dd>
          <dt>{t('evidence.retrievedAt')}</dt>
          <dd>{formatDateTime(locale, item.retrievedAt)}</dd>
          <dt>{t('evidence.note')}</dt>
          <dd>{item.note ?? '—'}</dd>
          {item.dispute ? (
            <>
              <dt>{t('disputes.proposedBy', { id: item.dispute.id })}</dt>
              <dd data-testid="evidence-dispute" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                <Link href={`/disputes/${item.dispute.id}`}>
                  {t(`disputes.status${item.dispute.status}`)}
                </Link>{' '}
                · {item.dispute.claim}
              </dd>
            </>
          ) : null}
          <dt>{t('evidence.submittedBy')}</dt>
          <dd>
            {item.submittedBy ? `${item.submittedBy.name} <${item.submittedBy.email}>` : '—'} ·{' '}
            {formatDateTime(locale, item.submittedAt)}
          </dd>
          <dt>{t('evidence.reviewedBy')}</dt>
          <dd>
            {item.reviewedBy ? `${item.reviewedBy.name} <${item.reviewedBy.email}>` : '—'}
            {item.reviewedAt ? ` · ${formatDateTime(locale, item.reviewedAt)}` : ''}
          </dd>
          <dt>{t('evidence.reviewNote')}</dt>
          <dd>{item.reviewNote ?? '—'}</dd>
        </dl>
      </section>
      {item.provenance ? (
        <section className="card" aria-labelledby="provenance-title" data-testid="provenance">
          <h2 id="provenance-title">{t('collection.provenance')}</h2>
          <p className="muted small">{t('collection.provenanceHelp')}</p>
          <dl className="meta">
            <dt>{t('collection.collector')}</dt>
            <dd>
              <span className="mono" data-testid="provenance-collector">
                {item.provenance.collector}
              </span>{' '}
              <span className="muted small mono">{item.provenance.collectorVersion}</span>
            </dd>
            {item.provenance.run ? (
              <>
                <dt>{t('collection.collectedBy')}</dt>
                <dd>
                  <Link href={`/admin/collection/${item.provenance.run.id}`}>
                    {t('collection.run', { id: item.provenance.run.id })}
                  </Link>
                </dd>
              </>
            ) : null}
            <dt>{t('collection.retrievedAt')}</dt>
            <dd>{formatDateTime(locale, item.provenance.retrievedAt)}</dd>
            <dt>{t('collection.request')}</dt>
            <dd className="mono small" style={{ overflowWrap: 'anywhere' }} data-testid="provenance-request">
              {item.provenance.requestMethod} {item.provenance.requestUrl}
            </dd>
            <dt>{t('collection.responseStatus')}</dt>
            <dd className="mono" data-testid="provenance-status">
              {item.provenance.responseStatus}
            </dd>
            <dt>{t('collection.sha256')}</dt>
            <dd className="mono small hash" data-testid="provenance-sha256">
              {item.provenance.responseSha256}
            </dd>
          </dl>
          {item.provenance.rawResponse ? (
            <details data-testid="raw-response">
              <summary>
                {t('collection.rawResponse')} ·{' '}
                {item.provenance.rawResponse.truncated
                  ? t('collection.rawTruncated', {
                      shown: formatNumber(locale, 65_536, 0),
                      bytes: formatNumber(locale, item.provenance.rawResponse.bytes, 0),
                    })
                  : t('collection.rawBytes', {
                      bytes: formatNumber(locale, item.provenance.rawResponse.bytes, 0),
                    })}
              </summary>
              <pre className="raw-response">{item.provenance.rawResponse.text}</pre>
            </details>
          ) : (
            <p className="muted small">{t('collection.rawHidden')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
