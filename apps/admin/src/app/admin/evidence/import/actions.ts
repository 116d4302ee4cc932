'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import { toActionError } from '@/server/action-errors';
import { requireUser } from '@/server/auth';
import { request } from '@/server/graphql';

export interface ImportState {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  /** `line N, column C: reason`, in file order. */
  problems?: string[];
}

interface Report {
  status: 'IMPORTED' | 'DRY_RUN' | 'REFUSED';
  rows: number;
  inserted: number;
  duplicates: number;
  fileSha256: string;
  problemCount: number;
  problems: { line: number; column: string | null; message: string }[];
}

/** The API's body limit is 1 MB; larger files go through `ranking import evidence FILE.csv`. */
const MAX_BYTES = 950_000;

export async function importEvidenceAction(_previous: ImportState, data: FormData): Promise<ImportState> {
  const user = await requireUser('/admin/evidence/import', 'evidence:write');
  const { t } = await getI18n();
  const file = data.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'error', message: t('import.chooseFile') };
  if (file.size > MAX_BYTES) {
    return {
      status: 'error',
      message: t('import.tooLarge', { size: file.size, limit: MAX_BYTES }),
    };
  }
  // Bytes as they are: the API reports invalid UTF-8 by line and column, so decode leniently here
  // only if needed — a fatal decode error is reported directly.
  let csv: string;
  try {
    csv = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { status: 'error', message: t('import.notUtf8') };
  }
  const dryRun = data.get('dryRun') === 'on';
  try {
    const result = await request<{ importEvidence: Report }, { csv: string; dryRun: boolean }>(
      `mutation ImportEvidence($csv: String!, $dryRun: Boolean) {
        importEvidence(csv: $csv, dryRun: $dryRun) {
          status rows inserted duplicates fileSha256 problemCount problems { line column message }
        }
      }`,
      { csv, dryRun },
      { user },
    );
    const report = result.importEvidence;
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
    const state = await toActionError(error);
    return { status: 'error', message: state.message ?? t('import.failed') };
  }
}
