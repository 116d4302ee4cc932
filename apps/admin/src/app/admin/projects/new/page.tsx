import type { Metadata } from 'next';
import Link from 'next/link';
import { EntityForm } from '@/components/entity-form';
import { getI18n } from '@/i18n/server';
import { requireUser } from '@/server/auth';
import { saveProjectAction } from '../actions';
import { projectFields } from '../fields';

export const metadata: Metadata = { title: 'New project' };

export default async function NewProjectPage() {
  await requireUser('/admin/projects/new', 'evidence:write');
  const { t } = await getI18n();
  return (
    <div>
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/projects">{t('projects.title')}</Link>
          </div>
          <h1>{t('projects.new')}</h1>
        </div>
      </div>
      <div className="card">
        <EntityForm
          idPrefix="project"
          action={saveProjectAction.bind(null, null)}
          fields={projectFields(t, null)}
          submitLabel={t('common.create')}
          requiredLabel={t('common.required')}
        />
      </div>
    </div>
  );
}
