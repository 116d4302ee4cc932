import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { EvidenceList } from '@/components/evidence-list';
import { Pager } from '@/components/pager';
import { getI18n } from '@/i18n/server';
import type { Translate } from '@/i18n/translate';
import { sourcePage } from '@/lib/collection';
import { param, type SearchParams } from '@/lib/labels';
import { getCollectionRun, type RunDetail } from '@/server/api/collection';
import { requireUser } from '@/server/auth';
import { RunLive } from '../live-run';

export const metadata: Metadata = { title: 'Collection run' };

const PAGE_SIZE = 25;

type FindingKind = 'not_found' | 'renamed' | 'no_data' | 'error';
const FINDING_KINDS: readonly string[] = ['not_found', 'renamed', 'no_data', 'error'];

function findingKindLabel(t: Translate, kind: string): string {
  return FINDING_KINDS.includes(kind) ? t(`collection.findingKind.${kind as FindingKind}`) : kind;
}

/** The upstream page of a finding's identifier, when the collector reads one kind of identifier only. */
function identifierPage(source: string, identifier: string): string | null {
  if (source === 'github') return sourcePage('GITHUB', identifier);
  if (source === 'pypi' || source === 'depsdev') return sourcePage('PYPI', identifier);
  return null;
}

/**
 * One collection run (`collectionRun`): live status, progress and counts (./live-run.tsx), what the
 * sources could not answer with a way to fix it (the project's sources), and the evidence it added.
 */
export default async function CollectionRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  if (!/^\d{1,18}$/.test(id)) notFound();
  const user = await requireUser(`/admin/collection/${id}`, 'read:drafts');
  const { locale, t } = await getI18n();
  const { common, collection } = await getMessages();
  const after = param((await searchParams).after) ?? null;
  const run: RunDetail | null = await getCollectionRun(user, id, PAGE_SIZE, after);
  if (!run) notFound();
  const canWrite = roleHasScope(user.role, 'evidence:write');
  // The live island gets the polled fields only, not the findings and evidence rendered here.
  const { findings, evidence, ...summary } = run;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/collection">{t('collection.title')}</Link>
          </div>
          <h1>{t('collection.run', { id: run.id })}</h1>
        </div>
      </div>
      <NextIntlClientProvider messages={{ common, collection }}>
        <RunLive initial={summary} canCancel={canWrite} />
      </NextIntlClientProvider>
      <section className="card" aria-labelledby="findings-title">
        <div className="card-head">
          <h2 id="findings-title">
            {t('collection.findings')} <span className="muted small">({findings.length})</span>
          </h2>
        </div>
        {findings.length === 0 ? (
          <p className="muted">{t('collection.noFindings')}</p>
        ) : (
          <>
            <p className="muted small">{t('collection.findingsHelp')}</p>
            <div className="table-wrap">
              <table data-testid="findings-table">
                <thead>
                  <tr>
                    <th scope="col">{t('common.project')}</th>
                    <th scope="col">{t('collection.source')}</th>
                    <th scope="col">{t('common.kind')}</th>
                    <th scope="col">{t('collection.identifier')}</th>
                    <th scope="col">{t('common.indicator')}</th>
                    <th scope="col">{t('collection.message')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.map((f) => {
                    const upstream = identifierPage(f.source, f.identifier);
                    return (
                      <tr
                        key={`${f.project}|${f.source}|${f.kind}|${f.identifier}|${f.indicator ?? ''}`}
                        data-testid={`finding-${f.project}-${f.kind}`}
                      >
                        <td>
                          <Link href={`/admin/projects/${f.project}`}>{f.project}</Link>
                        </td>
                        <td className="mono">{f.source}</td>
                        <td>
                          <span
                            className={`badge ${f.kind === 'not_found' || f.kind === 'error' ? 'badge-rejected' : 'badge-pending'}`}
                          >
                            {findingKindLabel(t, f.kind)}
                          </span>
                        </td>
                        <td className="mono small" style={{ overflowWrap: 'anywhere' }}>
                          {upstream ? (
                            <a href={upstream} rel="noopener noreferrer">
                              {f.identifier}
                            </a>
                          ) : (
                            f.identifier
                          )}
                        </td>
                        <td className="mono small">{f.indicator ?? '—'}</td>
                        <td className="small" style={{ maxWidth: 320 }}>
                          {f.message}
                          {f.renamedTo ? (
                            <span className="name-alt">
                              {t('collection.renamedTo', { name: f.renamedTo })}
                            </span>
                          ) : null}
                        </td>
                        <td className="small">
                          {f.kind === 'no_data' ? null : (
                            <Link href={`/admin/projects/${f.project}#sources`}>{t('collection.fix')} →</Link>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="run-evidence-title">
        <div className="card-head">
          <h2 id="run-evidence-title">{t('collection.evidence')}</h2>
          <Link className="small" href="/admin/evidence?status=PENDING">
            {t('evidence.queue')} →
          </Link>
        </div>
        <p className="muted small">{t('collection.evidenceHelp')}</p>
        <EvidenceList items={evidence.edges.map((e) => e.node)} locale={locale} t={t} showProject />
        {evidence.totalCount > 0 ? (
          <Pager
            params={{}}
            basePath={`/admin/collection/${run.id}`}
            endCursor={evidence.pageInfo.endCursor ?? null}
            hasNextPage={evidence.pageInfo.hasNextPage}
            isFirstPage={!after}
            count={evidence.edges.length}
            totalCount={evidence.totalCount}
            t={t}
          />
        ) : null}
      </section>
    </div>
  );
}
