import type { Metadata } from 'next';
import Link from 'next/link';
import { EntityForm } from '@/components/entity-form';
import { getI18n } from '@/i18n/server';
import { requireUser } from '@/server/auth';
import { saveOrganizationAction } from '../../projects/actions';
import { organizationFields } from '../../projects/fields';

export const metadata: Metadata = { title: 'New organization' };

export default async function NewOrganizationPage() {
  await requireUser('/admin/organizations/new', 'evidence:write');
  const { t } = await getI18n();
  return (
    <div>
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/organizations">{t('orgs.title')}</Link>
          </div>
          <h1>{t('orgs.new')}</h1>
        </div>
      </div>
      <div className="card">
        <EntityForm
          idPrefix="org"
          action={saveOrganizationAction.bind(null, null)}
          fields={organizationFields(t, null)}
          submitLabel={t('common.create')}
          requiredLabel={t('common.required')}
        />
      </div>
    </div>
  );
}
