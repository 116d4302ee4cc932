/**
 * Four eyes on bulk imports: every imported row keeps its submitter (the caller), so the database's
 * own check (nobody reviews their own evidence) holds for imported rows too; a reviewer cannot
 * approve their own import — they import pending rows and a second reviewer approves the batch —
 * and approving on import is an exception only an admin can grant, recorded as such in the audit log.
 */
import { auditLog, evidence } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, type TestApi } from './helpers';

const HEADER = 'project,indicator,value,observed_at,source_url';
const csv = (value: number) =>
  `${HEADER}\nvllm,github_stars,${value},2025-06-01,https://github.com/vllm-project/vllm?four-eyes=${value}\nllama-cpp,github_stars,${value},2025-06-01,https://github.com/ggml-org/llama.cpp?four-eyes=${value}\n`;

const IMPORT = `mutation($csv: String!, $approve: Boolean) {
  importEvidence(csv: $csv, approve: $approve) { status approved inserted } }`;

describe.each(testDrivers())('bulk import and four eyes (%s)', (driver) => {
  let api: TestApi;
  const userId = async (email: string) => {
    const rows = await api.handle.db.execute<{ id: number }>(
      sql`select id from users where email = ${email}`,
    );
    const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { id: number }[] }).rows;
    return Number(list[0]?.id);
  };
  const importedRows = (value: number) =>
    api.handle.db.select().from(evidence).where(eq(evidence.value, value)).orderBy(evidence.id);
  const counts = async () => ({ evidence: await api.count('evidence'), audit: await api.count('audit_log') });

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-11-29T12:00:00Z') });
  }, 300_000);
  afterAll(async () => api?.close());

  it('refuses a reviewer who approves their own import, with a clear error and nothing written', async () => {
    const before = await counts();
    const res = await api.gql(
      IMPORT,
      { csv: csv(50001), approve: true },
      { token: await api.tokenFor('reviewer') },
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/second person/);
    expect(res.errors?.[0]?.message).toMatch(/reviewEvidenceBatch/);
    expect(res.errors?.[0]?.extensions?.field).toBe('approve');
    expect(await counts()).toEqual(before);
    expect(await importedRows(50001)).toEqual([]);
  });

  it('keeps the importer as submitter; a second reviewer approves the batch, the importer cannot', async () => {
    const reviewer = await api.tokenFor('reviewer');
    const res = await api.gql<{ importEvidence: { status: string; approved: boolean; inserted: number } }>(
      IMPORT,
      { csv: csv(50002) },
      { token: reviewer },
    );
    expect(res.data?.importEvidence).toEqual({ status: 'IMPORTED', approved: false, inserted: 2 });
    const rows = await importedRows(50002);
    const reviewerId = await userId('reviewer@example.org');
    expect(rows.map((r) => [r.status, r.submittedBy])).toEqual([
      ['pending', reviewerId],
      ['pending', reviewerId],
    ]);
    // The imported values are far from the demo's, so they arrive flagged: approving needs a note.
    const BATCH = `mutation($ids: [ID!]!) { reviewEvidenceBatch(ids: $ids, decision: APPROVE, note: "checked") { id status } }`;
    const ids = rows.map((r) => String(r.id));
    const own = await api.gql(BATCH, { ids }, { token: reviewer });
    expect(codeOf(own)).toBe('FORBIDDEN');
    expect(own.errors?.[0]?.message).toMatch(/own evidence/);
    const second = await api.gql<{ reviewEvidenceBatch: { status: string }[] }>(
      BATCH,
      { ids },
      { token: await api.tokenFor('publisher') },
    );
    expect(second.errors).toBeUndefined();
    expect(second.data?.reviewEvidenceBatch.map((r) => r.status)).toEqual(['APPROVED', 'APPROVED']);
    const approved = await importedRows(50002);
    expect(approved.every((r) => r.reviewedBy === null || r.reviewedBy !== r.submittedBy)).toBe(true);
    expect(approved.map((r) => r.reviewedBy)).toEqual([
      await userId('publisher@example.org'),
      await userId('publisher@example.org'),
    ]);
  });

  it('the database refuses an imported row reviewed by its own submitter', async () => {
    const pending = await api.gql<{ importEvidence: { inserted: number } }>(
      IMPORT,
      { csv: csv(50003) },
      { token: await api.tokenFor('editor') },
    );
    expect(pending.data?.importEvidence.inserted).toBe(2);
    const [fresh] = await importedRows(50003);
    if (!fresh) throw new Error('no imported row');
    await expect(
      api.handle.db.execute(sql`update evidence set reviewed_by = submitted_by where id = ${fresh.id}`),
    ).rejects.toThrow();
  });

  it('lets an admin approve on import as an audited four-eyes exception', async () => {
    const before = await counts();
    const res = await api.gql<{ importEvidence: { status: string; approved: boolean; inserted: number } }>(
      IMPORT,
      { csv: csv(50004), approve: true },
      { token: await api.tokenFor('admin') },
    );
    expect(res.data?.importEvidence).toEqual({ status: 'IMPORTED', approved: true, inserted: 2 });
    const adminId = await userId('admin@example.org');
    const rows = await importedRows(50004);
    expect(rows.map((r) => [r.status, r.submittedBy, r.reviewedBy])).toEqual([
      ['approved', adminId, null],
      ['approved', adminId, null],
    ]);
    expect(rows[0]?.reviewNote).toMatch(/four-eyes exception/);
    expect(await counts()).toEqual({ evidence: before.evidence + 2, audit: before.audit + 1 });
    const [entry] = await api.handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.action).toBe('evidence.import_approved');
    expect(entry?.actorLabel).toBe('admin@example.org');
    expect(entry?.after).toMatchObject({ status: 'approved', inserted: 2, exception: 'four-eyes' });
  });
});
