import type { Metadata } from 'next';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import { formatDateTime } from '@/i18n/translate';
import { param, type SearchParams } from '@/lib/labels';
import { findAuditEntries } from '@/server/api/admin';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Audit log' };

function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/audit', 'admin');
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const entityType = param(query.entityType)?.trim() || null;
  const action = param(query.action)?.trim() || null;
  const entityId = param(query.entityId)?.trim() || null;
  const after = param(query.after);
  const page = await findAuditEntries(user, { entityType, action, entityId }, 30, after);
  const body = (
    <>
      <div className="table-wrap">
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('common.when')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">
                {t('audit.before')} → {t('audit.after')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.edges.map(({ node }) => (
              <tr key={node.id}>
                <td className="small" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(locale, node.at)}
                  <span className="name-alt mono">#{node.id}</span>
                </td>
                <td className="small">
                  {node.actorLabel}
                  <span className="name-alt">{node.actorType}</span>
                </td>
                <td className="mono small">{node.action}</td>
                <td className="small">
                  {node.entityType}
                  {node.entityId ? <span className="name-alt mono">{node.entityId}</span> : null}
                </td>
                <td style={{ minWidth: 260 }}>
                  <details>
                    <summary className="small">{t('common.details')}</summary>
                    <div className="grid-2" style={{ gap: '0.5rem', marginTop: '0.4rem' }}>
                      <div>
                        <div className="small muted">{t('audit.before')}</div>
                        <JsonBlock value={node.before} />
                      </div>
                      <div>
                        <div className="small muted">{t('audit.after')}</div>
                        <JsonBlock value={node.after} />
                      </div>
                    </div>
                    {node.requestId ? (
                      <p className="small muted">
                        {t('audit.request')} <span className="mono">{node.requestId}</span>
                      </p>
                    ) : null}
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        basePath="/admin/audit"
        params={{
          entityType: entityType ?? undefined,
          action: action ?? undefined,
          entityId: entityId ?? undefined,
        }}
        endCursor={page.pageInfo.endCursor}
        hasNextPage={page.pageInfo.hasNextPage}
        isFirstPage={!after}
        count={page.edges.length}
        totalCount={page.totalCount}
        t={t}
      />
    </>
  );
  return (
    <div>
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
      </div>
      <form method="get" className="filters card" aria-label={t('common.filter')}>
        <div className="field">
          <label htmlFor="a-entity">{t('audit.entity')}</label>
          <input
            id="a-entity"
            name="entityType"
            type="text"
            defaultValue={entityType ?? ''}
            placeholder="edition"
          />
        </div>
        <div className="field">
          <label htmlFor="a-entity-id">ID</label>
          <input id="a-entity-id" name="entityId" type="text" defaultValue={entityId ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="a-action">{t('audit.action')}</label>
          <input
            id="a-action"
            name="action"
            type="text"
            defaultValue={action ?? ''}
            placeholder="evidence.review"
          />
        </div>
        <div>
          <button className="btn btn-primary" type="submit">
            {t('common.filter')}
          </button>
        </div>
      </form>
      {body}
    </div>
  );
}
