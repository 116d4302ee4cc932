import type { Metadata } from 'next';
import { getI18n } from '@/i18n/server';
import { formatDateTime, formatNumber } from '@/i18n/translate';
import { API_SCOPES, listApiKeys } from '@/server/api/admin';
import { requireUser } from '@/server/auth';
import { removeDocumentAction, revokeApiKeyAction, setTrustedDocumentsOnlyAction } from './actions';
import { CreateApiKeyForm } from './create-form';
import { RegisterDocumentForm } from './document-form';

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
      {keys
        .filter((k) => !k.revokedAt)
        .map((k) => {
          const total = k.usage.reduce(
            (sum, d) => ({
              requests: sum.requests + d.requests,
              errors: sum.errors + d.errors,
              rateLimited: sum.rateLimited + d.rateLimited,
            }),
            { requests: 0, errors: 0, rateLimited: 0 },
          );
          const n = (value: number) => formatNumber(locale, value, 0);
          return (
            <section
              key={k.id}
              className="card stack"
              aria-labelledby={`key-${k.id}`}
              data-testid={`api-key-${k.id}`}
            >
              <h2 id={`key-${k.id}`}>
                {k.name} <span className="mono small">{k.prefix}</span>
              </h2>
              <h3>{t('apiKeys.usage')}</h3>
              <p className="small" data-testid={`usage-total-${k.id}`}>
                {t('apiKeys.usageTotal', {
                  requests: n(total.requests),
                  errors: n(total.errors),
                  rateLimited: n(total.rateLimited),
                })}
              </p>
              {k.usage.length > 0 ? (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('apiKeys.day')}</th>
                        <th scope="col">{t('apiKeys.requests')}</th>
                        <th scope="col">{t('apiKeys.errors')}</th>
                        <th scope="col">{t('apiKeys.rateLimited')}</th>
                        <th scope="col">{t('apiKeys.operations')}</th>
                        <th scope="col">{t('apiKeys.deprecatedFields')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {k.usage.map((d) => (
                        <tr key={d.day}>
                          <td className="small">{d.day}</td>
                          <td>{n(d.requests)}</td>
                          <td>{n(d.errors)}</td>
                          <td>{n(d.rateLimited)}</td>
                          <td className="small mono">
                            {d.operations
                              .slice(0, 10)
                              .map(
                                (o) =>
                                  `${o.name.length === 64 ? `${o.name.slice(0, 12)}…` : o.name} ×${n(o.count)}`,
                              )
                              .join(', ')}
                          </td>
                          <td className="small mono">
                            {d.deprecatedFields.map((f) => `${f.field} ×${n(f.count)}`).join(', ') || '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              <h3>{t('apiKeys.documents')}</h3>
              <form action={setTrustedDocumentsOnlyAction} className="row">
                <input type="hidden" name="id" value={k.id} />
                <input type="hidden" name="only" value={k.trustedDocumentsOnly ? 'false' : 'true'} />
                <span className="badge" data-testid={`trusted-mode-${k.id}`}>
                  {k.trustedDocumentsOnly ? t('apiKeys.limited') : t('apiKeys.open')}
                </span>
                <button className="btn btn-sm" type="submit">
                  {k.trustedDocumentsOnly ? t('apiKeys.makeOpen') : t('apiKeys.makeLimited')}
                </button>
              </form>
              {k.trustedDocuments.length > 0 ? (
                <ul className="stack">
                  {k.trustedDocuments.map((d) => (
                    <li key={d.hash} className="row">
                      <span>{d.name}</span>
                      <span className="mono small">{d.hash}</span>
                      <span className="small">{formatDateTime(locale, d.createdAt)}</span>
                      <form action={removeDocumentAction}>
                        <input type="hidden" name="apiKeyId" value={k.id} />
                        <input type="hidden" name="hash" value={d.hash} />
                        <button className="btn btn-sm btn-danger" type="submit">
                          {t('apiKeys.removeDocument')}
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="small">{t('apiKeys.noDocuments')}</p>
              )}
              <RegisterDocumentForm
                apiKeyId={k.id}
                labels={{
                  document: t('apiKeys.document'),
                  file: t('apiKeys.documentFile'),
                  name: t('apiKeys.documentName'),
                  register: t('apiKeys.registerDocument'),
                }}
              />
            </section>
          );
        })}
    </div>
  );
}
