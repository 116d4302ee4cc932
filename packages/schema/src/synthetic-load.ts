/**
 * Loading the synthetic dataset (synthetic.ts): `seedSynthetic` writes it into a database — rows
 * through COPY where the driver has it, evidence indexes and foreign keys rebuilt after a large
 * load — and `writeSyntheticEvidenceCsv` writes its evidence as an import file.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inArray, like, sql } from 'drizzle-orm';
import { formatCsvField, formatCsvRow } from './csv';
import type { DatabaseHandle, Executor } from './db';
import { loadDefaultMethodology, storeMethodology } from './methodology';
import { queryRows } from './rows';
import {
  generateSynthetic,
  SYNTHETIC_NOTE,
  SYNTHETIC_ORGANIZATION_PREFIX,
  type SyntheticDataset,
  type SyntheticEvidence,
  type SyntheticOptions,
} from './synthetic';
import { organizations, projectOrganizations, projects } from './tables';

export interface SyntheticProgress {
  phase: 'methodology' | 'organizations' | 'projects' | 'evidence';
  done: number;
  total: number;
}

export interface SeedSyntheticOptions extends SyntheticOptions {
  onProgress?: ((progress: SyntheticProgress) => void) | undefined;
  /**
   * From this many new evidence rows on (default 100,000), the evidence indexes and foreign keys are
   * dropped for the load and rebuilt after it (see REBUILD_INDEXES_FROM).
   */
  rebuildIndexesFrom?: number | undefined;
}

export interface SeedSyntheticSummary {
  organizations: number;
  projects: number;
  evidence: number;
  /** Wall time in milliseconds. */
  ms: number;
}

const EVIDENCE_COLUMNS =
  'project_id, indicator_key, value, source_url, canonical_url, observed_at, retrieved_at, source_kind, note, ' +
  'is_illustrative, status, submitted_at, reviewed_at, review_note';

const NOTE_FIELD = formatCsvField(SYNTHETIC_NOTE);

/** One evidence row as a CSV line for `COPY evidence (EVIDENCE_COLUMNS) FROM … (FORMAT csv)`. */
function copyLine(row: SyntheticEvidence, projectId: number): string {
  const at = `${row.observedAt} 12:00:00+00`;
  const reviewed = row.status === 'pending' ? '' : at;
  const reviewNote = row.status === 'rejected' ? 'synthetic rejection' : '';
  // Synthetic URLs are canonical already (lower-case host, no query, no trailing slash).
  return `${projectId},${row.indicator},${row.value},${row.sourceUrl},${row.sourceUrl},${row.observedAt},${at},${row.sourceKind},${NOTE_FIELD},true,${row.status},${at},${reviewed},${reviewNote}\n`;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Writes the synthetic dataset: organizations and projects with multi-row INSERTs (existing slugs
 * are kept), then evidence for every synthetic project that has none yet — COPY FROM STDIN on
 * postgres.js, COPY from an in-memory blob (a few thousand rows at a time) on PGlite. Running it
 * again adds nothing; a larger run adds only the new projects' evidence.
 */
export async function seedSynthetic(
  handle: DatabaseHandle,
  options: SeedSyntheticOptions,
): Promise<SeedSyntheticSummary> {
  const started = performance.now();
  const dataset = generateSynthetic(options);
  const report = options.onProgress ?? (() => {});
  const db = handle.db;
  const summary: SeedSyntheticSummary = { organizations: 0, projects: 0, evidence: 0, ms: 0 };

  report({ phase: 'methodology', done: 0, total: 1 });
  await storeMethodology(db, options.methodology ?? loadDefaultMethodology());
  report({ phase: 'methodology', done: 1, total: 1 });

  const orgs = [...dataset.organizations()];
  for (const [n, part] of [...chunks(orgs, 2000)].entries()) {
    const inserted = await db
      .insert(organizations)
      .values(part)
      .onConflictDoNothing({ target: organizations.slug })
      .returning({ id: organizations.id });
    summary.organizations += inserted.length;
    report({ phase: 'organizations', done: Math.min(orgs.length, (n + 1) * 2000), total: orgs.length });
  }
  const organizationIds = new Map<string, number>();
  for (const row of await db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(like(organizations.slug, `${SYNTHETIC_ORGANIZATION_PREFIX}%`))) {
    organizationIds.set(row.slug, row.id);
  }

  const projectList = [...dataset.projects()];
  let done = 0;
  for (const part of chunks(projectList, 1000)) {
    const inserted = await db
      .insert(projects)
      .values(part.map(({ organizationSlugs: _, ...project }) => project))
      .onConflictDoNothing({ target: projects.slug })
      .returning({ id: projects.id, slug: projects.slug });
    summary.projects += inserted.length;
    const ids = new Map(inserted.map((row) => [row.slug, row.id]));
    const links = part.flatMap((project) => {
      const projectId = ids.get(project.slug);
      if (projectId === undefined) return [];
      return project.organizationSlugs.map((slug, position) => {
        const organizationId = organizationIds.get(slug);
        if (organizationId === undefined) throw new Error(`synthetic organization ${slug} is missing`);
        return { projectId, organizationId, position };
      });
    });
    if (links.length > 0) await db.insert(projectOrganizations).values(links).onConflictDoNothing();
    done += part.length;
    report({ phase: 'projects', done, total: projectList.length });
  }

  // Evidence goes to the synthetic projects of this run that have none yet (resumable, idempotent).
  const wanted = await projectsWithoutEvidence(
    db,
    projectList.map((p) => p.slug),
  );
  const total = wanted.size * (options.evidencePerProject ?? 100);
  const lines = evidenceLines(dataset, wanted);
  const onRows = (rows: number) => {
    summary.evidence += rows;
    report({ phase: 'evidence', done: summary.evidence, total });
  };
  if (total > 0) {
    await loadEvidence(handle, lines, onRows, total >= (options.rebuildIndexesFrom ?? REBUILD_INDEXES_FROM));
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

async function projectsWithoutEvidence(db: Executor, slugs: string[]): Promise<Map<string, number>> {
  const wanted = new Map<string, number>();
  for (const part of chunks(slugs, 10_000)) {
    const rows = await queryRows<{ id: number; slug: string }>(
      db,
      sql`SELECT p.id, p.slug FROM ${projects} AS p
           WHERE ${inArray(sql`p.slug`, part)}
             AND NOT EXISTS (SELECT 1 FROM evidence AS e WHERE e.project_id = p.id)`,
    );
    for (const row of rows) wanted.set(row.slug, row.id);
  }
  return wanted;
}

/** CSV text in chunks of whole projects (about `rowsPerChunk` rows each) with their row counts. */
function* evidenceLines(
  dataset: SyntheticDataset,
  projectIds: Map<string, number>,
  rowsPerChunk = 5000,
): Generator<{ text: string; rows: number }> {
  let text = '';
  let rows = 0;
  let current = '';
  for (const row of dataset.evidence()) {
    if (row.project !== current) {
      if (rows >= rowsPerChunk) {
        yield { text, rows };
        text = '';
        rows = 0;
      }
      current = row.project;
    }
    const projectId = projectIds.get(row.project);
    if (projectId === undefined) continue;
    text += copyLine(row, projectId);
    rows++;
  }
  if (rows > 0) yield { text, rows };
}

/**
 * From this many rows on, the evidence table's secondary indexes and foreign keys are dropped before
 * the COPY and recreated after it, in the same transaction: building an index from sorted data, and
 * validating a foreign key with one join, are several times faster than a million single-row index
 * insertions and key lookups. The transaction holds an exclusive lock on `evidence` meanwhile, which
 * suits seeding, not a live server. Check constraints stay in force throughout.
 */
const REBUILD_INDEXES_FROM = 100_000;

type RunSql = (text: string) => Promise<Record<string, unknown>[]>;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Drops the evidence table's foreign keys and its indexes that back no constraint; returns the
 * statements that recreate them (indexes first, then foreign keys).
 */
async function dropEvidenceIndexesAndKeys(run: RunSql): Promise<string[]> {
  const indexes = await run(`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes AS i
     WHERE i.schemaname = current_schema() AND i.tablename = 'evidence'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c
                        WHERE c.conrelid = 'evidence'::regclass AND c.conname = i.indexname)`);
  const keys = await run(`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = 'evidence'::regclass AND contype = 'f'`);
  const restore: string[] = [];
  for (const { name, definition } of indexes) {
    await run(`DROP INDEX ${quoteIdent(String(name))}`);
    restore.push(String(definition));
  }
  for (const { name, definition } of keys) {
    await run(`ALTER TABLE evidence DROP CONSTRAINT ${quoteIdent(String(name))}`);
    restore.push(`ALTER TABLE evidence ADD CONSTRAINT ${quoteIdent(String(name))} ${String(definition)}`);
  }
  return restore;
}

async function loadEvidence(
  handle: DatabaseHandle,
  chunksOfLines: Generator<{ text: string; rows: number }>,
  onRows: (rows: number) => void,
  rebuildIndexes: boolean,
): Promise<void> {
  const copy = `COPY evidence (${EVIDENCE_COLUMNS}) FROM STDIN WITH (FORMAT csv)`;
  if (handle.client.kind === 'postgres') {
    await handle.client.sql.begin(async (tx) => {
      const run: RunSql = async (text) => [...(await tx.unsafe<Record<string, unknown>[]>(text))];
      const restore = rebuildIndexes ? await dropEvidenceIndexesAndKeys(run) : [];
      const writable = await tx.unsafe(copy).writable();
      await pipeline(
        Readable.from(
          (function* () {
            for (const chunk of chunksOfLines) {
              yield chunk.text;
              onRows(chunk.rows);
            }
          })(),
        ),
        writable,
      );
      if (restore.length > 0) await run(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const statement of restore) await run(statement);
    });
    return;
  }
  // PGlite: COPY reads an in-memory blob, a few thousand rows at a time; one transaction, so a
  // failure leaves no project half-filled.
  await handle.client.pglite.transaction(async (tx) => {
    const run: RunSql = async (text) => (await tx.query<Record<string, unknown>>(text)).rows;
    const restore = rebuildIndexes ? await dropEvidenceIndexesAndKeys(run) : [];
    for (const chunk of chunksOfLines) {
      await tx.query(copy.replace('STDIN', `'/dev/blob'`), [], { blob: new Blob([chunk.text]) });
      onRows(chunk.rows);
    }
    for (const statement of restore) await run(statement);
  });
}

export interface WriteSyntheticCsvSummary {
  rows: number;
  bytes: number;
}

/**
 * Writes the synthetic evidence as an import file: header
 * `project,indicator,value,observed_at,source_url,source_kind`, one row per evidence value.
 */
export async function writeSyntheticEvidenceCsv(
  path: string,
  options: SyntheticOptions,
): Promise<WriteSyntheticCsvSummary> {
  const dataset = generateSynthetic(options);
  const summary: WriteSyntheticCsvSummary = { rows: 0, bytes: 0 };
  function* lines() {
    const header = formatCsvRow([
      'project',
      'indicator',
      'value',
      'observed_at',
      'source_url',
      'source_kind',
    ]);
    summary.bytes += Buffer.byteLength(header);
    yield header;
    let text = '';
    for (const row of dataset.evidence()) {
      text += formatCsvRow([
        row.project,
        row.indicator,
        row.value,
        row.observedAt,
        row.sourceUrl,
        row.sourceKind,
      ]);
      summary.rows++;
      if (text.length > 1 << 16) {
        summary.bytes += Buffer.byteLength(text);
        yield text;
        text = '';
      }
    }
    if (text) {
      summary.bytes += Buffer.byteLength(text);
      yield text;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
  return summary;
}
