import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { EntityForm } from '@/components/entity-form';
import { EvidenceList } from '@/components/evidence-list';
import { BilingualName } from '@/components/names';
import { ScoreHistory } from '@/components/score-history';
import { getI18n } from '@/i18n/server';
import { altName, localName, regionName } from '@/i18n/translate';
import { sourcePage } from '@/lib/collection';
import { dimensionLabel } from '@/lib/labels';
import { getProjectSources } from '@/server/api/collection';
import { getProjectContacts } from '@/server/api/contacts';
import { getProjectHistory, listEditions } from '@/server/api/editions';
import { findEvidence } from '@/server/api/evidence';
import { getProject } from '@/server/api/projects';
import { requireUser } from '@/server/auth';
import { ProjectSourcesForm } from '../../collection/sources-form';
import { CollectNowButton } from '../../collection/start-form';
import { saveProjectAction } from '../actions';
import { ProjectContactsForm } from '../contacts-form';
import { projectFields } from '../fields';

export const metadata: Metadata = { title: 'Project' };

export default async function AdminProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/admin/projects/${slug}`);
  const { locale, t } = await getI18n();
  const canWrite = roleHasScope(user.role, 'evidence:write');
  const project = await getProject(user, slug);
  if (!project) notFound();
  const editions = (await listEditions(user, true))
    .filter((e) => e.status !== 'DRAFT')
    .sort((a, b) => a.year - b.year || a.revision - b.revision);
  const [history, evidence, sources, contacts] = await Promise.all([
    getProjectHistory(user, slug, editions),
    findEvidence(user, { project: slug, status: null }, 50),
    getProjectSources(user, slug),
    // Personal data: read by editors only (the API refuses anyone else).
    canWrite ? getProjectContacts(user, slug) : Promise.resolve([]),
  ]);
  const { common, collection } = await getMessages();
  const alt = altName(locale, project);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/projects">{t('projects.title')}</Link> · {dimensionLabel(t, project.category)}{' '}
            · {project.country ? regionName(locale, project.country) : '—'}
          </div>
          <h1>{localName(locale, project)}</h1>
          {alt ? <p>{alt}</p> : null}
        </div>
        <div className="row">
          <Link className="btn" href={`/projects/${slug}`}>
            {t('nav.public')} ↗
          </Link>
          {canWrite ? (
            <Link className="btn" href={`/admin/evidence/new?project=${slug}`}>
              {t('evidence.new')}
            </Link>
          ) : null}
          {canWrite && sources.length > 0 ? (
            <NextIntlClientProvider messages={{ common, collection }}>
              <CollectNowButton project={slug} />
            </NextIntlClientProvider>
          ) : null}
        </div>
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('projects.scoreHistory')}</h2>
          <ScoreHistory history={history} locale={locale} t={t} />
        </section>
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{canWrite ? t('projects.edit') : t('common.details')}</h2>
          {canWrite ? (
            <EntityForm
              idPrefix="project"
              action={saveProjectAction.bind(null, slug)}
              fields={projectFields(t, project)}
              submitLabel={t('common.save')}
              requiredLabel={t('common.required')}
            />
          ) : (
            <dl className="meta">
              <dt>{t('common.organization')}</dt>
              <dd>
                {project.organizations.map((o, i) => (
                  <span key={o.slug}>
                    {i > 0 ? ', ' : ''}
                    <BilingualName item={o} locale={locale} href={`/admin/organizations/${o.slug}`} />
                  </span>
                ))}
              </dd>
              <dt>{t('common.license')}</dt>
              <dd>{project.license ?? '—'}</dd>
              <dt>{t('common.repository')}</dt>
              <dd>{project.repositoryUrl ?? '—'}</dd>
            </dl>
          )}
        </section>
      </div>
      <section className="card" id="sources" aria-labelledby="sources-title">
        <h2 id="sources-title">{t('collection.projectSources')}</h2>
        <p className="muted small">{t('collection.projectSourcesHelp')}</p>
        {sources.length === 0 ? (
          <p className="muted">{t('collection.noProjectSources')}</p>
        ) : (
          <ul className="plain-list" data-testid="project-sources">
            {sources.map((s) => {
              const page = sourcePage(s.kind, s.identifier);
              return (
                <li key={`${s.kind}|${s.identifier}`}>
                  <span className="badge badge-superseded mono">{s.kind.toLowerCase()}</span>{' '}
                  {page ? (
                    <a className="mono" href={page} rel="noopener noreferrer">
                      {s.identifier}
                    </a>
                  ) : (
                    <span className="mono">{s.identifier}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {canWrite ? (
          <NextIntlClientProvider messages={{ common, collection }}>
            <ProjectSourcesForm project={slug} sources={sources} />
          </NextIntlClientProvider>
        ) : null}
      </section>
      {canWrite ? (
        <section className="card" aria-labelledby="contacts-title">
          <div className="card-head">
            <h2 id="contacts-title">{t('projects.contacts')}</h2>
          </div>
          {contacts.length === 0 ? (
            <p className="muted">{t('projects.noContacts')}</p>
          ) : (
            <ul className="plain-list" data-testid="project-contacts">
              {contacts.map((c) => (
                <li key={c.id}>
                  {c.name ? `${c.name} · ` : ''}
                  <span className="mono">{c.email}</span>
                </li>
              ))}
            </ul>
          )}
          <ProjectContactsForm
            project={slug}
            initial={contacts.map((c) => (c.name ? `${c.name} <${c.email}>` : c.email)).join('\n')}
            labels={{
              title: t('projects.editContacts'),
              help: t('projects.editContactsHelp'),
              field: t('projects.contactsField'),
              save: t('projects.saveContacts'),
            }}
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="evidence-title">
        <div className="card-head">
          <h2 id="evidence-title">{t('projects.evidence')}</h2>
          <Link className="small" href={`/admin/evidence?status=ALL&project=${slug}`}>
            {t('evidence.queue')} →
          </Link>
        </div>
        <EvidenceList items={evidence.edges.map((e) => e.node)} locale={locale} t={t} />
      </section>
    </div>
  );
}
