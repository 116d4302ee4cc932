import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DatabaseHandle,
  generateSynthetic,
  parseCsvRecords,
  queryRows,
  type SyntheticProgress,
  seedSynthetic,
  writeSyntheticEvidenceCsv,
} from '../src/index';
import { createTestDatabase, testDrivers } from '../src/testing';
import { count } from './helpers';

const take = <T>(items: Iterable<T>, n: number): T[] => {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= n) break;
    out.push(item);
  }
  return out;
};

describe('generateSynthetic', () => {
  it('is deterministic: the same seed gives the same rows and counts', () => {
    const a = generateSynthetic({ projects: 50, seed: 7 });
    const b = generateSynthetic({ projects: 50, seed: 7 });
    expect(a.counts).toEqual({ organizations: 3, projects: 50, evidence: 5000 });
    expect(b.counts).toEqual(a.counts);
    expect([...b.organizations()]).toEqual([...a.organizations()]);
    expect([...b.projects()]).toEqual([...a.projects()]);
    expect(take(b.evidence(), 300)).toEqual(take(a.evidence(), 300));
  });

  it('changes with the seed', () => {
    const a = take(generateSynthetic({ projects: 5, seed: 1 }).evidence(), 50).map((r) => r.value);
    const b = take(generateSynthetic({ projects: 5, seed: 2 }).evidence(), 50).map((r) => r.value);
    expect(a).not.toEqual(b);
  });

  it('makes a smaller run a prefix of a larger one', () => {
    const small = generateSynthetic({ projects: 40, seed: 3, evidencePerProject: 20 });
    const large = generateSynthetic({ projects: 400, seed: 3, evidencePerProject: 20 });
    expect(take(large.projects(), 40)).toEqual([...small.projects()]);
    expect(take(large.evidence(), 800)).toEqual([...small.evidence()]);
  });

  it('spreads projects evenly over the four categories', () => {
    const categories = new Map<string, number>();
    for (const p of generateSynthetic({ projects: 400, seed: 1 }).projects()) {
      categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
    }
    expect(Object.fromEntries(categories)).toEqual({ data: 100, model: 100, system: 100, evaluation: 100 });
  });

  it('yields exactly evidencePerProject finite values per project, in batches', () => {
    const dataset = generateSynthetic({ projects: 30, seed: 11, evidencePerProject: 37 });
    let rows = 0;
    const sizes: number[] = [];
    for (const batch of dataset.evidenceBatches(400)) {
      sizes.push(batch.length);
      for (const row of batch) {
        rows++;
        expect(Number.isFinite(row.value)).toBe(true);
        if (row.indicator === 'license_openness' || row.indicator === 'issue_close_rate') {
          expect(row.value).toBeGreaterThanOrEqual(0);
          expect(row.value).toBeLessThanOrEqual(1);
        }
        if (row.indicator === 'size_tokens') expect(row.value).toBeGreaterThan(0);
      }
    }
    expect(rows).toBe(30 * 37);
    expect(sizes.slice(0, -1).every((s) => s === 400)).toBe(true);
  });

  it('draws heavy-tailed counts: the top 1% of star counts dwarf the median', () => {
    const stars = [...generateSynthetic({ projects: 2000, seed: 5, evidencePerProject: 12 }).evidence()]
      .filter((r) => r.indicator === 'github_stars')
      .map((r) => r.value)
      .sort((a, b) => a - b);
    const median = stars[Math.floor(stars.length / 2)] ?? 0;
    const p99 = stars[Math.floor(stars.length * 0.99)] ?? 0;
    expect(p99 / median).toBeGreaterThan(20);
  });

  it('refuses a negative or fractional size', () => {
    expect(() => generateSynthetic({ projects: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateSynthetic({ projects: 2.5, seed: 1 })).toThrow(RangeError);
  });
});

describe('writeSyntheticEvidenceCsv', () => {
  it('writes the import file format, one line per evidence value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthetic-'));
    try {
      const file = join(dir, 'evidence.csv');
      const summary = await writeSyntheticEvidenceCsv(file, {
        projects: 12,
        seed: 9,
        evidencePerProject: 25,
      });
      const text = readFileSync(file, 'utf8');
      expect(summary).toEqual({ rows: 300, bytes: Buffer.byteLength(text) });
      expect(text.split('\n', 1)[0]).toBe('project,indicator,value,observed_at,source_url,source_kind');
      const records = parseCsvRecords(text);
      expect(records).toHaveLength(300);
      const first = [...generateSynthetic({ projects: 12, seed: 9, evidencePerProject: 25 }).evidence()][0];
      expect(records[0]).toEqual({
        project: first?.project,
        indicator: first?.indicator,
        value: String(first?.value),
        observed_at: first?.observedAt,
        source_url: first?.sourceUrl,
        source_kind: first?.sourceKind,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(testDrivers())('seedSynthetic on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase({ driver });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('loads 200 projects with 100 evidence rows each, reporting progress', async () => {
    const progress: SyntheticProgress[] = [];
    const summary = await seedSynthetic(handle, {
      projects: 200,
      seed: 42,
      onProgress: (p) => progress.push(p),
    });
    expect(summary).toMatchObject({ organizations: 10, projects: 200, evidence: 20_000 });
    expect(await count(handle.db, 'projects')).toBe(200);
    expect(await count(handle.db, 'evidence')).toBe(20_000);
    expect(await count(handle.db, 'project_organizations')).toBeGreaterThanOrEqual(200);
    expect(progress.at(-1)).toEqual({ phase: 'evidence', done: 20_000, total: 20_000 });
    const statuses = await queryRows<{ status: string }>(
      handle.db,
      sql`SELECT DISTINCT status FROM evidence ORDER BY 1`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['approved', 'pending', 'rejected']);
  });

  it('adds nothing when run again, and only the new projects’ evidence when grown', async () => {
    expect(await seedSynthetic(handle, { projects: 200, seed: 42 })).toMatchObject({
      organizations: 0,
      projects: 0,
      evidence: 0,
    });
    expect(await seedSynthetic(handle, { projects: 220, seed: 42 })).toMatchObject({
      organizations: 1,
      projects: 20,
      evidence: 2_000,
    });
    expect(await count(handle.db, 'evidence')).toBe(22_000);
  });

  it('rebuilds the indexes and keys it drops for a large load', async () => {
    await seedSynthetic(handle, { projects: 260, seed: 42, rebuildIndexesFrom: 1 });
    expect(await count(handle.db, 'evidence')).toBe(26_000);
    const indexes = await queryRows<{ indexname: string }>(
      handle.db,
      sql`SELECT indexname FROM pg_indexes WHERE tablename = 'evidence' ORDER BY 1`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'evidence_canonical_url_idx',
      'evidence_indicator_status_idx',
      'evidence_natural_key',
      'evidence_pending_idx',
      'evidence_pkey',
      'evidence_project_indicator_status_idx',
    ]);
    const keys = await queryRows<{ conname: string }>(
      handle.db,
      sql`SELECT conname FROM pg_constraint WHERE conrelid = 'evidence'::regclass AND contype = 'f' ORDER BY 1`,
    );
    expect(keys.map((k) => k.conname)).toEqual([
      'evidence_indicator_key_indicators_key_fk',
      'evidence_project_id_projects_id_fk',
      'evidence_reviewed_by_users_id_fk',
      'evidence_submitted_by_users_id_fk',
      'evidence_superseded_by_evidence_id_fk',
    ]);
  });
});
