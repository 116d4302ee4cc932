import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/i18n/server';
import { formatDateTime } from '@/i18n/translate';
import { listWebhooks, WEBHOOK_EVENTS } from '@/server/api/webhooks';
import { requireUser } from '@/server/auth';
import { deleteWebhookAction, setWebhookEnabledAction } from './actions';
import { CreateWebhookForm } from './create-form';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const user = await requireUser('/admin/webhooks', 'admin');
  const { locale, t } = await getI18n();
  const hooks = await listWebhooks(user);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('webhooks.title')}</h1>
        <p className="muted">{t('webhooks.lead')}</p>
      </div>
      <section className="card" aria-labelledby="webhook-create">
        <h2 id="webhook-create">{t('webhooks.create')}</h2>
        <CreateWebhookForm
          events={WEBHOOK_EVENTS}
          labels={{
            url: t('webhooks.url'),
            description: t('webhooks.description'),
            events: t('webhooks.events'),
            create: t('common.create'),
            copyHint: t('webhooks.copyHint'),
            deliveries: t('webhooks.deliveries'),
          }}
        />
      </section>
      {hooks.length === 0 ? (
        <p className="muted">{t('webhooks.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.url')}</th>
                <th scope="col">{t('webhooks.events')}</th>
                <th scope="col" className="hide-sm">
                  {t('webhooks.created')}
                </th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('webhooks.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {hooks.map((h) => (
                <tr key={h.id}>
                  <td>
                    <Link href={`/admin/webhooks/${h.id}`} className="mono small">
                      {h.url}
                    </Link>
                    {h.description ? <div className="small muted">{h.description}</div> : null}
                  </td>
                  <td className="mono small">{h.events.join(', ')}</td>
                  <td className="hide-sm small">{formatDateTime(locale, h.createdAt)}</td>
                  <td>
                    {h.deletedAt ? (
                      <span className="badge badge-revoked">{t('webhooks.deleted')}</span>
                    ) : h.enabled ? (
                      <span className="badge badge-active">{t('webhooks.enabled')}</span>
                    ) : (
                      <span className="badge badge-draft">{t('webhooks.disabled')}</span>
                    )}
                  </td>
                  <td>
                    <div className="row">
                      <Link className="btn btn-sm" href={`/admin/webhooks/${h.id}`}>
                        {t('webhooks.deliveries')}
                      </Link>
                      {h.deletedAt ? null : (
                        <>
                          <form action={setWebhookEnabledAction}>
                            <input type="hidden" name="id" value={h.id} />
                            <input type="hidden" name="enabled" value={h.enabled ? 'false' : 'true'} />
                            <button className="btn btn-sm" type="submit">
                              {h.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                            </button>
                          </form>
                          <form action={deleteWebhookAction}>
                            <input type="hidden" name="id" value={h.id} />
                            <button className="btn btn-sm btn-danger" type="submit">
                              {t('webhooks.delete')}
                            </button>
                          </form>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
