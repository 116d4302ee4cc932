import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  type DatabaseHandle,
  editionEvidence,
  editionProjects,
  editions,
  evidence,
  GUARD_ERRORS,
  type GuardError,
  methodologies,
  projects,
  queryRows,
  results,
  verifyAuditChain,
} from '../src/index';
import { createTestDatabase, testDrivers } from '../src/testing';
import { type Basics, count, insertBasics, insertEvidence, refusal } from './helpers';

/** Expects the named guard trigger to refuse `action`: its SQLSTATE and its message prefix. */
async function expectGuard(action: () => Promise<unknown>, guard: GuardError): Promise<void> {
  const info = await refusal(action);
  expect({ code: info.code, guard: info.guard }).toEqual({ code: GUARD_ERRORS[guard].sqlstate, guard });
  expect(info.message.startsWith(GUARD_ERRORS[guard].prefix), info.message).toBe(true);
}

const HASH = 'c'.repeat(64);

describe.each(testDrivers())('database guards on %s', (driver) => {
  let handle: DatabaseHandle;
  let basics: Basics;
  let evidenceId: number;

  /** A computed edition with one result and one snapshot row. */
  async function computedEdition(year: number): Promise<number> {
    const [edition] = await handle.db
      .insert(editions)
      .values({
        year,
        title: `Edition ${year}`,
        methodologyId: basics.methodologyId,
        cutoff: `${year}-12-31`,
        status: 'computed',
        computedAt: new Date(),
        contentHash: HASH,
      })
      .returning({ id: editions.id });
    if (!edition) throw new Error('no edition');
    await handle.db.insert(results).values({
      editionId: edition.id,
      dimensionKey: 'model',
      projectId: basics.projectId,
      score: 50,
      rank: 1,
      nodes: {},
      indicators: {},
    });
    await handle.db.insert(editionEvidence).values({
      editionId: edition.id,
      evidenceId,
      projectId: basics.projectId,
      indicatorKey: 'github_stars',
      value: 100,
      observedAt: '2026-01-01',
      sourceUrl: 'https://github.com/example/repo',
    });
    await handle.db.insert(editionProjects).values({
      editionId: edition.id,
      projectId: basics.projectId,
      slug: `snapshot-${year}`,
      name: 'Snapshot',
      category: 'model',
      organization: null,
      country: null,
    });
    return edition.id;
  }

  beforeAll(async () => {
    handle = await createTestDatabase({ driver });
    basics = await insertBasics(handle.db);
    evidenceId = await insertEvidence(handle.db, basics);
  });
  afterAll(async () => {
    await handle?.close();
  });

  describe('editions', () => {
    let published: number;

    it('allow TRUNCATE while no edition is published', async () => {
      await computedEdition(2020);
      await handle.db.execute(sql`TRUNCATE results, edition_evidence`);
      expect(await count(handle.db, 'results')).toBe(0);
    });

    it('let a computed edition be recomputed: its results and snapshot replaced', async () => {
      const id = await computedEdition(2024);
      await handle.db.delete(results).where(eq(results.editionId, id));
      await handle.db.insert(results).values({
        editionId: id,
        dimensionKey: 'model',
        projectId: basics.projectId,
        score: 60,
        rank: 1,
        nodes: {},
        indicators: {},
      });
      await handle.db.update(results).set({ previousRank: 2 }).where(eq(results.editionId, id));
      await handle.db.delete(editionEvidence).where(eq(editionEvidence.editionId, id));
      await handle.db
        .update(editions)
        .set({ computedAt: new Date(), contentHash: 'd'.repeat(64) })
        .where(eq(editions.id, id));
      const [row] = await handle.db
        .select({ score: results.score })
        .from(results)
        .where(eq(results.editionId, id));
      expect(row?.score).toBe(60);
    });

    it('let a computed edition be published', async () => {
      published = await computedEdition(2025);
      await handle.db
        .update(editions)
        .set({ status: 'published', publishedAt: new Date(), publishedBy: basics.reviewerId })
        .where(eq(editions.id, published));
    });

    it('refuse UPDATE and DELETE of a published edition', async () => {
      await expectGuard(
        () => handle.db.update(editions).set({ title: 'Rewritten' }).where(eq(editions.id, published)),
        'publishedEditionReadOnly',
      );
      await expectGuard(
        () => handle.db.update(editions).set({ status: 'computed' }).where(eq(editions.id, published)),
        'publishedEditionReadOnly',
      );
      await expectGuard(
        () => handle.db.delete(editions).where(eq(editions.id, published)),
        'publishedEditionReadOnly',
      );
    });

    it('refuse UPDATE, DELETE and INSERT of a published edition’s results', async () => {
      await expectGuard(
        () => handle.db.update(results).set({ score: 99 }).where(eq(results.editionId, published)),
        'publishedEditionReadOnly',
      );
      await expectGuard(
        () => handle.db.delete(results).where(eq(results.editionId, published)),
        'publishedEditionReadOnly',
      );
      await expectGuard(
        () =>
          handle.db.insert(results).values({
            editionId: published,
            dimensionKey: 'data',
            projectId: basics.projectId,
            score: 1,
            rank: 1,
            nodes: {},
            indicators: {},
          }),
        'publishedEditionReadOnly',
      );
      const [row] = await handle.db
        .select({ score: results.score })
        .from(results)
        .where(eq(results.editionId, published));
      expect(row?.score).toBe(50);
    });

    it('refuse moving a result into or out of a published edition', async () => {
      const other = await computedEdition(2026);
      await expectGuard(
        () =>
          handle.db
            .update(results)
            .set({ editionId: published, dimensionKey: 'system' })
            .where(eq(results.editionId, other)),
        'publishedEditionReadOnly',
      );
      await expectGuard(
        () =>
          handle.db
            .update(results)
            .set({ editionId: other, dimensionKey: 'system' })
            .where(eq(results.editionId, published)),
        'publishedEditionReadOnly',
      );
    });

    it('refuse UPDATE, DELETE and INSERT of a published edition’s evidence snapshot', async () => {
      await expectGuard(
        () =>
          handle.db.update(editionEvidence).set({ value: 1 }).where(eq(editionEvidence.editionId, published)),
        'publishedEditionReadOnly',
      );
      await expectGuard(
        () => handle.db.delete(editionEvidence).where(eq(editionEvidence.editionId, published)),
        'publishedEditionReadOnly',
      );
      const extra = await insertEvidence(handle.db, basics);
      await expectGuard(
        () =>
          handle.db.insert(editionEvidence).values({
            editionId: published,
            evidenceId: extra,
            projectId: basics.projectId,
            indicatorKey: 'github_stars',
            value: 100,
            observedAt: '2026-01-01',
            sourceUrl: 'https://github.com/example/repo',
          }),
        'publishedEditionReadOnly',
      );
    });

    it('refuse INSERT, UPDATE and DELETE of the project snapshot of a published edition', async () => {
      const where = eq(editionProjects.editionId, published);
      await expectGuard(
        () => handle.db.update(editionProjects).set({ category: 'data' }).where(where),
        'publishedEditionReadOnly',
      );
      await expectGuard(() => handle.db.delete(editionProjects).where(where), 'publishedEditionReadOnly');
      const [other] = await handle.db
        .insert(projects)
        .values({ slug: 'another-project', name: 'Another', category: 'data' })
        .returning({ id: projects.id });
      if (!other) throw new Error('no project');
      await expectGuard(
        () =>
          handle.db.insert(editionProjects).values({
            editionId: published,
            projectId: other.id,
            slug: 'another-slug',
            name: 'Another',
            category: 'data',
          }),
        'publishedEditionReadOnly',
      );
      expect(await count(handle.db, `edition_projects WHERE edition_id = ${published}`)).toBe(1);
    });

    it.each(['editions CASCADE', 'results', 'edition_evidence', 'edition_projects'])(
      'refuse TRUNCATE %s while an edition is published',
      async (table) => {
        await expectGuard(() => handle.db.execute(sql.raw(`TRUNCATE ${table}`)), 'publishedEditionReadOnly');
        expect(await count(handle.db, 'results')).toBeGreaterThan(0);
      },
    );

    it('still let an unpublished edition be deleted, with its results and snapshots', async () => {
      const id = await computedEdition(2027);
      expect(await count(handle.db, `edition_evidence WHERE edition_id = ${id}`)).toBe(1);
      await handle.db.delete(editions).where(eq(editions.id, id));
      expect(await count(handle.db, `results WHERE edition_id = ${id}`)).toBe(0);
      expect(await count(handle.db, `edition_evidence WHERE edition_id = ${id}`)).toBe(0);
      expect(await count(handle.db, `edition_projects WHERE edition_id = ${id}`)).toBe(0);
    });

    // The snapshot's references are checked per statement (0023), with a foreign key's SQLSTATE.
    it('refuse an evidence snapshot row naming a missing edition or evidence, or moved to one', async () => {
      const id = await computedEdition(2029);
      const row = {
        editionId: id,
        evidenceId,
        projectId: basics.projectId,
        indicatorKey: 'github_stars',
        value: 1,
        observedAt: '2026-01-01',
        sourceUrl: 'https://github.com/example/repo',
      };
      const missing = 2_000_000_000;
      const codeOf = async (action: () => Promise<unknown>) => (await refusal(action)).code;
      expect(
        await codeOf(() => handle.db.insert(editionEvidence).values({ ...row, editionId: missing })),
      ).toBe('23503');
      expect(
        await codeOf(() => handle.db.insert(editionEvidence).values({ ...row, evidenceId: missing })),
      ).toBe('23503');
      const snapshot = eq(editionEvidence.editionId, id);
      expect(
        await codeOf(() => handle.db.update(editionEvidence).set({ evidenceId: missing }).where(snapshot)),
      ).toBe('23503');
      expect(
        await codeOf(() => handle.db.update(editionEvidence).set({ editionId: missing }).where(snapshot)),
      ).toBe('23503');
      // Neither end of a snapshot row changes its id (identity columns: only to DEFAULT, the next value).
      expect(
        await codeOf(() => handle.db.execute(sql`UPDATE editions SET id = DEFAULT WHERE id = ${id}`)),
      ).toBe('23503');
      expect(
        await codeOf(() => handle.db.execute(sql`UPDATE evidence SET id = DEFAULT WHERE id = ${evidenceId}`)),
      ).toBe('23503');
      // Marking values used (the compute's only update of the snapshot) is not checked again, and passes.
      await handle.db.update(editionEvidence).set({ used: true }).where(snapshot);
      expect(await count(handle.db, `edition_evidence WHERE edition_id = ${id} AND used`)).toBe(1);
      // TRUNCATE fires no row trigger: refused while a snapshot refers to the table, as a foreign key did.
      expect(await codeOf(() => handle.db.execute(sql`TRUNCATE evidence CASCADE`))).toBe('0A000');
      expect(await count(handle.db, `evidence WHERE id = ${evidenceId}`)).toBe(1);
    });
  });

  describe('audit log', () => {
    const entry = (action: string) => ({
      actorType: 'system' as const,
      actorLabel: 'test',
      action,
      entityType: 'edition',
      entityId: '1',
      after: { title: 'Edition 2025', weights: [1, 2.5] },
    });

    it('chain each appended row to the previous one', async () => {
      await handle.db.insert(auditLog).values(entry('edition.create'));
      await handle.db.insert(auditLog).values([entry('edition.compute'), entry('edition.publish')]);
      const rows = await handle.db
        .select({ id: auditLog.id, prevHash: auditLog.prevHash, hash: auditLog.hash })
        .from(auditLog)
        .orderBy(auditLog.id);
      expect(rows).toHaveLength(3);
      expect(rows[0]?.prevHash).toBeNull();
      expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
      expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
      for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await verifyAuditChain(handle.db)).toEqual({
        ok: true,
        rows: 3,
        firstBadId: null,
        problem: null,
      });
    });

    it('ignore a hash supplied by the caller', async () => {
      await handle.db.insert(auditLog).values({ ...entry('forged'), hash: 'f'.repeat(64), prevHash: null });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('keep a single chain under concurrent appends', async () => {
      const before = await count(handle.db, 'audit_log');
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          handle.db.transaction(async (tx) => {
            await tx.insert(auditLog).values(entry(`concurrent.${i}.a`));
            await tx.insert(auditLog).values(entry(`concurrent.${i}.b`));
          }),
        ),
      );
      expect(await verifyAuditChain(handle.db)).toEqual({
        ok: true,
        rows: before + 24,
        firstBadId: null,
        problem: null,
      });
    });

    it('refuse UPDATE, DELETE and TRUNCATE', async () => {
      await expectGuard(() => handle.db.update(auditLog).set({ action: 'x' }), 'auditLogAppendOnly');
      await expectGuard(() => handle.db.delete(auditLog), 'auditLogAppendOnly');
      const rows = await count(handle.db, 'audit_log');
      await expectGuard(() => handle.db.execute(sql`TRUNCATE audit_log`), 'auditLogAppendOnly');
      expect(await count(handle.db, 'audit_log')).toBe(rows);
    });

    it('refuse moving the chain head by hand', async () => {
      await expectGuard(
        () => handle.db.execute(sql`UPDATE audit_log_head SET last_hash = NULL`),
        'auditChainHead',
      );
    });

    it('report the first altered row when the triggers were bypassed (rolled back)', async () => {
      const rollback = new Error('rollback');
      const report = await handle.db
        .transaction(async (tx) => {
          await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
          const [second] = await queryRows<{ id: number }>(
            tx,
            sql`SELECT id::int AS id FROM audit_log ORDER BY id OFFSET 1 LIMIT 1`,
          );
          await tx.execute(sql`UPDATE audit_log SET action = 'tampered' WHERE id = ${second?.id}`);
          const tampered = await verifyAuditChain(tx);
          expect(tampered).toMatchObject({ ok: false, firstBadId: second?.id, problem: 'hash' });
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
          return verifyAuditChain(handle.db);
        });
      expect(report.ok).toBe(true);
    });
  });

  describe('methodologies', () => {
    it('refuse UPDATE, DELETE and TRUNCATE', async () => {
      const id = basics.methodologyId;
      await expectGuard(
        () => handle.db.update(methodologies).set({ title: 'Edited' }).where(eq(methodologies.id, id)),
        'methodologyImmutable',
      );
      await expectGuard(
        () => handle.db.delete(methodologies).where(eq(methodologies.id, id)),
        'methodologyImmutable',
      );
      await expectGuard(() => handle.db.execute(sql`TRUNCATE methodologies CASCADE`), 'methodologyImmutable');
    });
  });

  describe('evidence', () => {
    it('refuse editing the value, source or date of approved evidence', async () => {
      const id = await insertEvidence(handle.db, basics);
      await expectGuard(
        () => handle.db.update(evidence).set({ value: 101 }).where(eq(evidence.id, id)),
        'reviewedEvidenceImmutable',
      );
      await expectGuard(
        () =>
          handle.db
            .update(evidence)
            .set({ sourceUrl: 'https://example.org/other', canonicalUrl: 'https://example.org/other' })
            .where(eq(evidence.id, id)),
        'reviewedEvidenceImmutable',
      );
      await expectGuard(
        () => handle.db.update(evidence).set({ observedAt: '2025-01-01' }).where(eq(evidence.id, id)),
        'reviewedEvidenceImmutable',
      );
    });

    it('refuse editing rejected evidence', async () => {
      const id = await insertEvidence(handle.db, basics, { status: 'rejected' });
      await expectGuard(
        () => handle.db.update(evidence).set({ value: 5 }).where(eq(evidence.id, id)),
        'reviewedEvidenceImmutable',
      );
    });

    it('refuse moving approved evidence back to pending or to rejected', async () => {
      const id = await insertEvidence(handle.db, basics);
      await expectGuard(
        () => handle.db.update(evidence).set({ status: 'pending' }).where(eq(evidence.id, id)),
        'reviewedEvidenceImmutable',
      );
      await expectGuard(
        () =>
          handle.db
            .update(evidence)
            .set({ status: 'rejected', reviewNote: 'changed my mind' })
            .where(eq(evidence.id, id)),
        'reviewedEvidenceImmutable',
      );
    });

    it('let approved evidence be superseded by a newer value, and then keep it so', async () => {
      const old = await insertEvidence(handle.db, basics, { value: 100 });
      const newer = await insertEvidence(handle.db, basics, { value: 120 });
      await handle.db
        .update(evidence)
        .set({ status: 'superseded', supersededBy: newer })
        .where(eq(evidence.id, old));
      const [row] = await handle.db.select().from(evidence).where(eq(evidence.id, old));
      expect(row).toMatchObject({ status: 'superseded', supersededBy: newer, value: 100 });
      await expectGuard(
        () =>
          handle.db
            .update(evidence)
            .set({ status: 'approved', supersededBy: null })
            .where(eq(evidence.id, old)),
        'reviewedEvidenceImmutable',
      );
    });

    it('let a pending row be edited, reviewed and deleted', async () => {
      const id = await insertEvidence(handle.db, basics, { status: 'pending' });
      await handle.db.update(evidence).set({ value: 7 }).where(eq(evidence.id, id));
      const deleted = await handle.db
        .delete(evidence)
        .where(eq(evidence.id, id))
        .returning({ id: evidence.id });
      expect(deleted).toEqual([{ id }]);
    });

    it('refuse deleting approved or superseded evidence', async () => {
      const id = await insertEvidence(handle.db, basics);
      await expectGuard(() => handle.db.delete(evidence).where(eq(evidence.id, id)), 'evidenceInUse');
    });

    it('refuse deleting evidence that an edition snapshot holds', async () => {
      const id = await insertEvidence(handle.db, basics, { status: 'rejected' });
      const [edition] = await handle.db
        .insert(editions)
        .values({ year: 2028, title: 'Snapshot', methodologyId: basics.methodologyId, cutoff: '2028-12-31' })
        .returning({ id: editions.id });
      await handle.db.insert(editionEvidence).values({
        editionId: edition?.id ?? 0,
        evidenceId: id,
        projectId: basics.projectId,
        indicatorKey: 'github_stars',
        value: 100,
        observedAt: '2026-01-01',
        sourceUrl: 'https://github.com/example/repo',
      });
      await expectGuard(() => handle.db.delete(evidence).where(eq(evidence.id, id)), 'evidenceInUse');
    });
  });
});
