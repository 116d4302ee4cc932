/**
 * Evidence import through the API: the file's bytes go as base64 (`csvBase64`), so the request's size
 * depends only on the file's size — not on how many quotes and line breaks JSON would escape — and
 * bytes that are not UTF-8 reach the API, which reports them by line and column.
 */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type { ImportEvidenceMutation } from '@/graphql/generated/graphql';
import { env } from '../env';
import { request, requestBody } from '../graphql';
import type { SessionUser } from '../session-user';

export type ImportReport = ImportEvidenceMutation['importEvidence'];

const IMPORT = graphql(`
  mutation ImportEvidence($csvBase64: String!, $dryRun: Boolean) {
    importEvidence(csvBase64: $csvBase64, dryRun: $dryRun) {
      status rows inserted duplicates fileSha256 problemCount problems { line column message }
    }
  }
`);

/** The largest file (bytes) whose request fits the API's body limit. */
export function importFileLimit(): number {
  const envelope = Buffer.byteLength(requestBody(IMPORT, { csvBase64: '', dryRun: false }));
  return Math.floor((env.apiBodyLimitBytes - envelope) / 4) * 3;
}

export async function importEvidenceFile(
  user: SessionUser,
  bytes: Uint8Array,
  dryRun: boolean,
): Promise<ImportReport> {
  const data = await request(IMPORT, { csvBase64: Buffer.from(bytes).toString('base64'), dryRun }, { user });
  return data.importEvidence;
}
