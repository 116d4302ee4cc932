import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOG_DIR,
  type DatabaseHandle,
  DEMO_EDITIONS,
  DEMO_USERS,
  evidence,
  ILLUSTRATIVE_NOTE,
  loadDefaultMethodology,
  MethodologyConflictError,
  parseCsvRecords,
  queryRows,
  type SeedSummary,
  seedDemo,
  storeMethodology,
  users,
  verifyPassword,
} from '../src/index';
import { createTestDatabase, testDrivers } from '../src/testing';
import { count } from './helpers';

const TABLES = [
  'organizations',
  'projects',
  'project_organizations',
  'methodologies',
  'indicators',
  'users',
  'evidence',
  'editions',
];

/** Rows of repo-metrics.csv with a measured value, per indicator. */
function measuredRows(): number {
  const rows = parseCsvRecords(readFileSync(join(CATALOG_DIR, 'repo-metrics.csv'), 'utf8'));
  return (
    rows.filter((r) => r.commits_last_365d !== '').length +
    rows.filter((r) => r.authors_last_365d !== '').length
  );
}

describe.each(testDrivers())('demo seed on %s', (driver) => {
  let handle: DatabaseHandle;
  let first: SeedSummary;
  beforeAll(async () => {
    handle = await createTestDatabase({ driver });
    first = await seedDemo(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('loads the catalog: 70 organizations, 118 projects with their ordered organizations', async () => {
    expect(first).toMatchObject({
      organizations: 70,
      projects: 118,
      methodologies: 2,
      indicators: 32,
      users: 5,
    });
    expect(await count(handle.db, 'organizations')).toBe(70);
    expect(await count(handle.db, 'projects')).toBe(118);
    expect(await count(handle.db, 'project_organizations')).toBe(first.projectOrganizations);
    const starcoder = await queryRows<{ slug: string }>(
      handle.db,
      sql`SELECT o.slug FROM project_organizations AS po
            JOIN projects AS p ON p.id = po.project_id JOIN organizations AS o ON o.id = po.organization_id
           WHERE p.slug = 'starcoder' ORDER BY po.position`,
    );
    expect(starcoder.map((o) => o.slug)).toEqual(['bigcode', 'hugging-face', 'servicenow']);
  });

  it('stores both shipped methodology versions, the default one last', async () => {
    const rows = await queryRows<{ id: number; version: string }>(
      handle.db,
      sql`SELECT id, version FROM methodologies ORDER BY id`,
    );
    expect(rows.map((r) => r.version)).toEqual(['2026.1', '2026.2']);
    expect(first.methodologyId).toBe(rows[1]?.id);
  });

  it('loads every measured repository metric as approved, non-illustrative evidence', async () => {
    expect(first.measuredEvidence).toBe(measuredRows());
    const measured = await handle.db.select().from(evidence).where(eq(evidence.isIllustrative, false));
    expect(measured).toHaveLength(measuredRows());
    for (const row of measured) {
      expect(['commits_12m', 'contributors_12m']).toContain(row.indicatorKey);
      expect(row.sourceUrl).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/commit\/[0-9a-f]{40}$/);
      expect(row).toMatchObject({
        status: 'approved',
        sourceKind: 'github',
        reviewedBy: null,
        submittedBy: null,
      });
      expect(row.reviewedAt).toBeInstanceOf(Date);
      expect(row.note).toMatch(/^Measured on a full clone/);
    }
    const [ragflow] = await queryRows<{ value: number; observed_at: string }>(
      handle.db,
      sql`SELECT e.value, e.observed_at::text FROM evidence AS e JOIN projects AS p ON p.id = e.project_id
           WHERE p.slug = 'ragflow' AND e.indicator_key = 'commits_12m' AND NOT e.is_illustrative`,
    );
    expect(ragflow).toEqual({ value: 4795, observed_at: '2026-08-22' });
  });

  it('flags every other value as illustrative, in the three demo years', async () => {
    const rows = await queryRows<{ observed_at: string; n: number; flagged: number; noted: number }>(
      handle.db,
      sql`SELECT observed_at::text, count(*)::int AS n,
                 count(*) FILTER (WHERE is_illustrative)::int AS flagged,
                 count(*) FILTER (WHERE note = ${ILLUSTRATIVE_NOTE})::int AS noted
            FROM evidence WHERE is_illustrative OR note = ${ILLUSTRATIVE_NOTE}
           GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r.observed_at)).toEqual(DEMO_EDITIONS.map((e) => e.observedAt));
    for (const row of rows) expect(row.flagged).toBe(row.n);
    for (const row of rows) expect(row.noted).toBe(row.n);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(first.illustrativeEvidence);
    // Projects released after an observation date have no value for it.
    const [r1] = await queryRows<{ years: string[] }>(
      handle.db,
      sql`SELECT array_agg(DISTINCT to_char(e.observed_at, 'YYYY') ORDER BY to_char(e.observed_at, 'YYYY')) AS years
            FROM evidence AS e JOIN projects AS p ON p.id = e.project_id
           WHERE p.slug = 'deepseek-r1' AND e.is_illustrative`,
    );
    expect(r1?.years).toEqual(['2025', '2026']);
  });

  it('stores approved seed evidence as reviewed by the system, with canonical URLs', async () => {
    const [row] = await queryRows<{ bad: number }>(
      handle.db,
      sql`SELECT count(*)::int AS bad FROM evidence
           WHERE status <> 'approved' OR reviewed_at IS NULL OR reviewed_by IS NOT NULL
              OR submitted_by IS NOT NULL OR canonical_url LIKE '%/'`,
    );
    expect(row?.bad).toBe(0);
  });

  it('creates one demo user per role whose password verifies', async () => {
    const rows = await handle.db.select().from(users).orderBy(users.id);
    expect(rows.map((u) => [u.email, u.role])).toEqual(DEMO_USERS.map((u) => [u.email, u.role]));
    expect(rows[0]?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(rows[0]?.passwordHash ?? '', 'demo-password')).toBe(true);
    expect(await verifyPassword(rows[0]?.passwordHash ?? '', 'wrong')).toBe(false);
  });

  it('creates no editions (the API computes them)', async () => {
    expect(await count(handle.db, 'editions')).toBe(0);
  });

  it('adds nothing when run again', async () => {
    const before = await Promise.all(TABLES.map((t) => count(handle.db, t)));
    const again = await seedDemo(handle);
    expect(again).toEqual({
      organizations: 0,
      projects: 0,
      projectOrganizations: 0,
      methodologies: 0,
      indicators: 0,
      users: 0,
      measuredEvidence: 0,
      illustrativeEvidence: 0,
      methodologyId: first.methodologyId,
    });
    expect(await Promise.all(TABLES.map((t) => count(handle.db, t)))).toEqual(before);
  });

  it('refuses to store another document under a stored methodology version', async () => {
    const document = loadDefaultMethodology() as { title: string };
    expect(await storeMethodology(handle.db, loadDefaultMethodology())).toMatchObject({ inserted: false });
    await expect(storeMethodology(handle.db, { ...document, title: 'Changed' })).rejects.toBeInstanceOf(
      MethodologyConflictError,
    );
  });
});
