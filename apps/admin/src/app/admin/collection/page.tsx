import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { getI18n } from '@/i18n/server';
import { listCollectionRuns } from '@/server/api/collection';
import { requireUser } from '@/server/auth';
import { RunRow } from './live-run';
import { StartCollectionForm } from './start-form';

export const metadata: Metadata = { title: 'Collection' };

/**
 * Evidence collection runs (`collectionRuns`, `read:drafts`), newest first, each row live while its run
 * is going; editors (`evidence:write`) start a run and cancel a going one.
 */
export default async function CollectionPage() {
  const user = await requireUser('/admin/collection', 'read:drafts');
  const { t } = await getI18n();
  const { common, collection } = await getMessages();
  const canWrite = roleHasScope(user.role, 'evidence:write');
  const runs = await listCollectionRuns(user, 50);
  return (
    <NextIntlClientProvider messages={{ common, collection }}>
      <div className="stack">
        <div className="page-head">
          <div>
            <h1>{t('collection.title')}</h1>
            <p className="muted small">{t('collection.intro')}</p>
          </div>
        </div>
        {canWrite ? (
          <section className="card" aria-labelledby="start-title">
            <h2 id="start-title">{t('collection.startTitle')}</h2>
            <p className="muted small">{t('collection.startHelp')}</p>
            <StartCollectionForm />
          </section>
        ) : null}
        <section className="card" aria-labelledby="runs-title">
          <h2 id="runs-title">{t('collection.runs')}</h2>
          {runs.length === 0 ? (
            <p className="muted">{t('collection.noRuns')}</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="runs-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">
                      {t('collection.sources')}
                      <span className="name-alt">{t('collection.projects')}</span>
                    </th>
                    <th scope="col">
                      {t('collection.started')}
                      <span className="name-alt">{t('collection.finished')}</span>
                    </th>
                    <th scope="col">{t('collection.progress')}</th>
                    <th scope="col">{t('collection.counts')}</th>
                    <th scope="col" className="num">
                      {t('collection.findings')}
                    </th>
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <RunRow key={run.id} initial={run} canCancel={canWrite} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </NextIntlClientProvider>
  );
}
