import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/i18n/server';
import { requireUser } from '@/server/auth';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import evidence' };

export default async function ImportEvidencePage() {
  await requireUser('/admin/evidence/import', 'evidence:write');
  const { t } = await getI18n();
  return (
    <div>
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/evidence">{t('evidence.title')}</Link>
          </div>
          <h1>Import evidence</h1>
        </div>
      </div>
      <p>
        A UTF-8 CSV file with the header <code>project,indicator,value,observed_at,source_url</code> and,
        optionally, <code>source_kind,note,retrieved_at</code>. Every row is checked; one problem refuses the
        whole file, and the report names each line and column. Rows already stored are skipped, so uploading
        the same file twice adds nothing. Imported values wait for review. Up to about 1 MB here; larger
        files: <code>npx ranking import evidence FILE.csv</code>.
      </p>
      <ImportForm />
    </div>
  );
}
