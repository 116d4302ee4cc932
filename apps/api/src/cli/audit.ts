/** `ranking audit verify`: recomputes the audit log's hash chain; exit 1 and the first bad id on a mismatch. */
import { verifyAuditChain } from '@ranking/schema';
import { openAppDatabase } from '../app';
import type { Env } from '../env';

export async function auditVerify(env: Env): Promise<number> {
  // Read-only: no migrations, no secrets.
  const handle = await openAppDatabase(env);
  try {
    const report = await verifyAuditChain(handle.db);
    if (report.ok) {
      process.stdout.write(`OK: ${report.rows} audit entries; the hash chain verifies.\n`);
      return 0;
    }
    process.stderr.write(
      `TAMPERED: audit entry ${report.firstBadId ?? '?'} does not verify (${report.problem ?? 'unknown'}); ${report.rows} entries checked.\n`,
    );
    process.stdout.write(`${report.firstBadId ?? ''}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
