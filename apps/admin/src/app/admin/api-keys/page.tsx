import type { Metadata } from 'next';
import { getI18n } from '@/i18n/server';
import { formatDateTime } from '@/i18n/translate';
import { API_SCOPES, listApiKeys } from '@/server/api/admin';
import { requireUser } from '@/server/auth';
import { revokeApiKeyAction } from './actions';
import { CreateApiKeyForm } from './create-form';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const user = await requireUser('/admin/api-keys', 'admin');
  const { locale, t } = await getI18n();
  const keys = await listApiKeys(user);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t('apiKeys.title')}</h1>
      </div>
      <section className="card" aria-labelledby="key-create">
        <h2 id="key-create">{t('apiKeys.create')}</h2>
        <CreateApiKeyForm
          scopes={[...API_SCOPES]}
          labels={{ name: t('apiKeys.name'), scopes: t('apiKeys.scopes'), create: t('common.create') }}
        />
      </section>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('apiKeys.name')}</th>
              <th scope="col">{t('apiKeys.prefix')}</th>
              <th scope="col">{t('apiKeys.scopes')}</th>
              <th scope="col" className="hide-sm">
                {t('apiKeys.owner')}
              </th>
              <th scope="col" className="hide-sm">
                {t('apiKeys.created')}
              </th>
              <th scope="col" className="hide-sm">
                {t('apiKeys.lastUsed')}
              </th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td className="mono small">{k.prefix}</td>
                <td className="small">{k.scopes.map((s) => s.toLowerCase().replace('_', ':')).join(', ')}</td>
                <td className="hide-sm small">{k.owner?.name ?? '—'}</td>
                <td className="hide-sm small">{formatDateTime(locale, k.createdAt)}</td>
                <td className="hide-sm small">{formatDateTime(locale, k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge badge-revoked">
                      {t('apiKeys.revoked')} {formatDateTime(locale, k.revokedAt)}
                    </span>
                  ) : (
                    <form action={revokeApiKeyAction} className="row">
                      <span className="badge badge-active">{t('apiKeys.active')}</span>
                      <input type="hidden" name="id" value={k.id} />
                      <button className="btn btn-sm btn-danger" type="submit">
                        {t('apiKeys.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
