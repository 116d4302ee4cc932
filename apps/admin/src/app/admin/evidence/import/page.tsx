import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/i18n/server';
import { translateAll } from '@/i18n/translate';
import { importFileLimit } from '@/server/api/evidence-import';
import { requireUser } from '@/server/auth';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import evidence' };

/** Code shown verbatim inside the translated help text (its `{header}`, `{optional}` and `{cli}`). */
const HELP_CODE: Record<string, string> = {
  header: 'project,indicator,value,observed_at,source_url',
  optional: 'source_kind,note,retrieved_at',
  cli: 'npx ranking import evidence FILE.csv',
};

export default async function ImportEvidencePage() {
  await requireUser('/admin/evidence/import', 'evidence:write');
  const { t } = await getI18n();
  // Without params `t` leaves the placeholders in place; odd parts of the split are placeholder names.
  const help = t('import.help').split(/\{(\w+)\}/);
  return (
    <div>
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/evidence">{t('evidence.title')}</Link>
          </div>
          <h1>{t('import.title')}</h1>
        </div>
      </div>
      <p>
        {help.map((part, i) =>
          i % 2 === 1 ? (
            <code key={part}>{HELP_CODE[part] ?? part}</code>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: static text segments in fixed order
            <span key={i}>{part}</span>
          ),
        )}
      </p>
      <p className="muted small" data-testid="import-limit" data-bytes={importFileLimit()}>
        {t('import.limit', { limit: String(importFileLimit()) })}
      </p>
      <ImportForm
        labels={translateAll(t, {
          file: 'import.file',
          dryRun: 'import.dryRun',
          submit: 'import.submit',
          pending: 'import.pending',
        })}
      />
    </div>
  );
}
