import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import journal from '../drizzle/meta/_journal.json' with { type: 'json' };
import { type DatabaseHandle, migrateDatabase, projects, queryRows } from '../src/index';
import { createTestDatabase, testDrivers } from '../src/testing';
import { count } from './helpers';

/** One row in drizzle's bookkeeping per migration in the journal. */
const MIGRATIONS = journal.entries.length;

const TABLES = [
  'api_key_documents',
  'api_key_usage',
  'api_keys',
  'audit_log',
  'audit_log_head',
  'collection_findings',
  'collection_jobs',
  'collection_runs',
  'contest_emails',
  'contest_windows',
  'dispute_emails',
  'disputes',
  'edition_errata',
  'edition_evidence',
  'edition_projects',
  'editions',
  'evidence',
  'evidence_anomalies',
  'evidence_provenance',
  'indicators',
  'link_checks',
  'methodologies',
  'organizations',
  'project_contacts',
  'project_organizations',
  'project_sources',
  'projects',
  'results',
  'sessions',
  'users',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_events',
  'webhooks',
];

describe.each(testDrivers())('migrations on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase({ driver, migrate: false });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('apply to an empty database and create every table', async () => {
    const before = await queryRows<{ n: number }>(
      handle.db,
      sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(before[0]?.n).toBe(0);

    await migrateDatabase(handle);

    const tables = await queryRows<{ table_name: string }>(
      handle.db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(TABLES);
    expect(await count(handle.db, 'drizzle.__drizzle_migrations')).toBe(MIGRATIONS);
  });

  it('apply again as a no-op', async () => {
    await migrateDatabase(handle);
    expect(await count(handle.db, 'drizzle.__drizzle_migrations')).toBe(MIGRATIONS);
  });

  it('install pg_trgm and trigram indexes that serve name search', async () => {
    const extensions = await queryRows<{ extname: string }>(
      handle.db,
      sql`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`,
    );
    expect(extensions).toHaveLength(1);
    const indexes = await queryRows<{ indexname: string }>(
      handle.db,
      sql`SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trgm%' ORDER BY 1`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'organizations_name_trgm_idx',
      'organizations_slug_trgm_idx',
      'projects_name_trgm_idx',
      'projects_slug_trgm_idx',
    ]);
    await handle.db.insert(projects).values([
      { slug: 'llama-cpp', name: 'llama.cpp', category: 'system' },
      { slug: 'vllm', name: 'vLLM', category: 'system' },
    ]);
    const found = await queryRows<{ slug: string }>(
      handle.db,
      sql`SELECT slug FROM projects WHERE name ILIKE ${'%lama.c%'} OR name % ${'lama.cp'} ORDER BY slug`,
    );
    expect(found.map((p) => p.slug)).toEqual(['llama-cpp']);
  });

  it('install the guard triggers', async () => {
    const triggers = await queryRows<{ tgname: string }>(
      handle.db,
      sql`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`,
    );
    expect(triggers.map((t) => t.tgname)).toEqual(
      expect.arrayContaining([
        'audit_log_append_only',
        'audit_log_chain',
        'edition_evidence_published_guard_delete',
        'edition_evidence_references_insert',
        'edition_evidence_references_update',
        'editions_delete_edition_evidence',
        'editions_snapshot_id_guard',
        'editions_published_guard',
        'editions_truncate_guard',
        'evidence_guard',
        'evidence_snapshot_id_guard',
        'methodologies_immutable',
        'results_published_guard_insert',
        'results_truncate_guard',
      ]),
    );
  });
});
