'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import { toActionError } from '@/server/action-errors';
import { importEvidenceFile, importFileLimit } from '@/server/api/evidence-import';
import { requireUser } from '@/server/auth';
import { ApiError } from '@/server/graphql';

export interface ImportState {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  /** `line N, column C: reason`, in file order. */
  problems?: string[];
}

export async function importEvidenceAction(_previous: ImportState, data: FormData): Promise<ImportState> {
  const user = await requireUser('/admin/evidence/import', 'evidence:write');
  const { t } = await getI18n();
  const file = data.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'error', message: t('import.chooseFile') };
  // Larger files go through `ranking import evidence FILE.csv` (the message says so).
  const limit = importFileLimit();
  const tooLarge = (): ImportState => ({
    status: 'error',
    message: t('import.tooLarge', { size: String(file.size), limit: String(limit) }),
  });
  if (file.size > limit) return tooLarge();
  const dryRun = data.get('dryRun') === 'on';
  try {
    // The bytes as they are: the API reports bytes that are not UTF-8 by line and column.
    const report = await importEvidenceFile(user, new Uint8Array(await file.arrayBuffer()), dryRun);
    if (report.status === 'REFUSED') {
      return {
        status: 'error',
        message: t('import.refused', { problems: report.problemCount, rows: report.rows }),
        problems: report.problems.map((p) =>
          p.column === null
            ? t('import.problemLine', { line: p.line, message: p.message })
            : t('import.problemLineColumn', { line: p.line, column: p.column, message: p.message }),
        ),
      };
    }
    if (report.status === 'IMPORTED') revalidatePath('/admin/evidence');
    return {
      status: 'ok',
      message: t(report.status === 'DRY_RUN' ? 'import.dryRunResult' : 'import.imported', {
        inserted: report.inserted,
        rows: report.rows,
        duplicates: report.duplicates,
        sha: report.fileSha256,
      }),
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'PAYLOAD_TOO_LARGE') return tooLarge();
    const state = await toActionError(error);
    return { status: 'error', message: state.message ?? t('import.failed') };
  }
}
