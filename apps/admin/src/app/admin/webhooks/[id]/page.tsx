import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getI18n } from '@/i18n/server';
import { formatDateTime } from '@/i18n/translate';
import { findWebhook } from '@/server/api/webhooks';
import { requireUser } from '@/server/auth';
import { redeliverAction } from '../actions';

export const metadata: Metadata = { title: 'Webhook deliveries' };

const STATUS_BADGE = { PENDING: 'badge-pending', DELIVERED: 'badge-active', FAILED: 'badge-broken' } as const;

export default async function WebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { id } = await params;
  const { after } = await searchParams;
  if (!/^\d+$/.test(id)) notFound();
  const user = await requireUser(`/admin/webhooks/${id}`, 'admin');
  const { locale, t } = await getI18n();
  const hook = await findWebhook(user, id, 20, after ?? null);
  if (!hook) notFound();
  const deliveries = hook.deliveries.edges.map((e) => e.node);
  const canSend = hook.enabled && !hook.deletedAt;
  return (
    <div className="stack">
      <div className="page-head">
        <p>
          <Link href="/admin/webhooks">← {t('webhooks.title')}</Link>
        </p>
        <h1>{t('webhooks.deliveryLog')}</h1>
        <p className="mono small">{hook.url}</p>
        <p className="small muted">
          {hook.events.join(', ')} · {t('webhooks.total', { count: hook.deliveries.totalCount })}
        </p>
      </div>
      {deliveries.length === 0 ? (
        <p className="muted">{t('webhooks.noDeliveries')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.event')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('webhooks.attempts')}</th>
                <th scope="col">{t('webhooks.responseCode')}</th>
                <th scope="col" className="hide-sm">
                  {t('webhooks.time')}
                </th>
                <th scope="col">{t('webhooks.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-delivery={d.id}>
                  <td>
                    <span className="mono small">{d.event}</span>
                    <details>
                      <summary className="small">{t('webhooks.attemptLog')}</summary>
                      <div className="small mono">X-Ranking-Delivery: {d.id}</div>
                      <ol className="small">
                        {d.attemptLog.map((a) => (
                          <li key={a.attemptedAt}>
                            {formatDateTime(locale, a.attemptedAt)} · {a.responseCode ?? '—'} · {a.durationMs}{' '}
                            ms
                            {a.error ? ` · ${a.error}` : ''}
                          </li>
                        ))}
                      </ol>
                    </details>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[d.status]}`}>
                      {t(`webhooks.status.${d.status}`)}
                    </span>
                    {d.lastError ? <div className="small muted">{d.lastError}</div> : null}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.lastResponseCode ?? '—'}</td>
                  <td className="hide-sm small">
                    {formatDateTime(locale, d.createdAt)}
                    {d.deliveredAt ? (
                      <div className="muted">
                        {t('webhooks.deliveredAt')} {formatDateTime(locale, d.deliveredAt)}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {canSend ? (
                      <form action={redeliverAction}>
                        <input type="hidden" name="id" value={d.id} />
                        <input type="hidden" name="webhookId" value={hook.id} />
                        <button className="btn btn-sm" type="submit">
                          {t('webhooks.sendAgain')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hook.deliveries.pageInfo.hasNextPage && hook.deliveries.pageInfo.endCursor ? (
        <p>
          <Link
            href={`/admin/webhooks/${hook.id}?after=${encodeURIComponent(hook.deliveries.pageInfo.endCursor)}`}
          >
            {t('webhooks.older')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
