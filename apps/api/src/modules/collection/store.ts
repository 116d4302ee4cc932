/** Database access for evidence collection: project sources, runs, the job queue, findings, provenance. */
import {
  type CollectionRunStatus,
  collectionFindings,
  collectionJobs,
  collectionRuns,
  type Executor,
  evidence,
  evidenceProvenance,
  type ProjectSourceKind,
  projectSources,
  projects,
  queryRows,
} from '@ranking/schema';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { EvidenceValues } from '../evidence/model';

export type SourceCounts = Record<string, { added: number; unchanged: number; failed: number }>;
export type CollectionRunRow = typeof collectionRuns.$inferSelect;
export type CollectionFindingRow = typeof collectionFindings.$inferSelect;
export type CollectionFindingModel = CollectionFindingRow & { project: string };
export type EvidenceProvenanceRow = Omit<typeof evidenceProvenance.$inferSelect, 'responseBody'>;

export interface ProjectSourceRow {
  projectId: number;
  kind: ProjectSourceKind;
  identifier: string;
}

export async function findSourcesOfProjects(
  db: Executor,
  projectIds: readonly number[],
): Promise<ProjectSourceRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select({
      projectId: projectSources.projectId,
      kind: projectSources.kind,
      identifier: projectSources.identifier,
    })
    .from(projectSources)
    .where(inArray(projectSources.projectId, [...projectIds]))
    .orderBy(asc(projectSources.projectId), asc(projectSources.kind), asc(projectSources.identifier));
}

/** Every project with at least one identifier (or only `slugs`), with its slug. */
export async function findCollectionTargets(
  db: Executor,
  slugs: readonly string[],
): Promise<{ projectId: number; slug: string; kind: ProjectSourceKind; identifier: string }[]> {
  return db
    .select({
      projectId: projectSources.projectId,
      slug: projects.slug,
      kind: projectSources.kind,
      identifier: projectSources.identifier,
    })
    .from(projectSources)
    .innerJoin(projects, eq(projects.id, projectSources.projectId))
    .where(slugs.length > 0 ? inArray(projects.slug, [...slugs]) : undefined)
    .orderBy(asc(projects.slug), asc(projectSources.kind), asc(projectSources.identifier));
}

/** Adds identifiers; those already listed are left alone. Returns how many were new. */
export async function insertProjectSources(db: Executor, rows: readonly ProjectSourceRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(projectSources)
    .values([...rows])
    .onConflictDoNothing()
    .returning({ projectId: projectSources.projectId });
  return inserted.length;
}

/**
 * Replaces a project's identifiers with `rows` (already checked and without repeats); returns the
 * previous list in `findSourcesOfProjects` order. The project's row is locked first, so two
 * replacements of one project run one after the other.
 */
export async function replaceProjectSources(
  db: Executor,
  projectId: number,
  rows: readonly { kind: ProjectSourceKind; identifier: string }[],
): Promise<ProjectSourceRow[]> {
  await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
  const before = await findSourcesOfProjects(db, [projectId]);
  await db.delete(projectSources).where(eq(projectSources.projectId, projectId));
  if (rows.length > 0)
    await db
      .insert(projectSources)
      .values(rows.map((r) => ({ projectId, kind: r.kind, identifier: r.identifier })));
  return before;
}

export async function insertRun(
  db: Executor,
  values: { sources: string[]; projects: string[]; requestedBy: string; counts: SourceCounts },
): Promise<CollectionRunRow> {
  const [run] = await db
    .insert(collectionRuns)
    .values({ ...values, progressTotal: values.sources.length })
    .returning();
  if (!run) throw new Error('insert returned no row');
  await db.insert(collectionJobs).values(values.sources.map((source) => ({ runId: run.id, source })));
  return run;
}

export async function findRun(db: Executor, id: number): Promise<CollectionRunRow | undefined> {
  const [run] = await db.select().from(collectionRuns).where(eq(collectionRuns.id, id));
  return run;
}

export async function listRuns(db: Executor, limit: number): Promise<CollectionRunRow[]> {
  return db.select().from(collectionRuns).orderBy(desc(collectionRuns.id)).limit(limit);
}

/** Runs a crash left `queued` or `running` (resumed on the next `ranking collect`). */
export async function findUnfinishedRuns(db: Executor): Promise<CollectionRunRow[]> {
  return db
    .select()
    .from(collectionRuns)
    .where(inArray(collectionRuns.status, ['queued', 'running']))
    .orderBy(asc(collectionRuns.id));
}

export async function setRunStatus(
  db: Executor,
  id: number,
  status: CollectionRunStatus,
  error?: string | null,
): Promise<CollectionRunRow | undefined> {
  const finished = status === 'completed' || status === 'failed' || status === 'cancelled';
  const [run] = await db
    .update(collectionRuns)
    .set({
      status,
      ...(error === undefined ? {} : { error }),
      ...(status === 'running' ? { startedAt: sql`coalesce(${collectionRuns.startedAt}, now())` } : {}),
      ...(finished ? { finishedAt: sql`now()` } : {}),
    })
    .where(eq(collectionRuns.id, id))
    .returning();
  return run;
}

/** Marks a queued or running run cancelled; answers the row as it is now. */
export async function cancelRun(db: Executor, id: number): Promise<CollectionRunRow | undefined> {
  await db
    .update(collectionJobs)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(collectionJobs.runId, id), inArray(collectionJobs.status, ['queued', 'running'])));
  await db
    .update(collectionRuns)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(collectionRuns.id, id), inArray(collectionRuns.status, ['queued', 'running'])));
  return findRun(db, id);
}

/** A job a killed process left `running` goes back to the queue (an explicit or start-up resume). */
export async function requeueInterruptedJobs(db: Executor, runId: number): Promise<void> {
  await db
    .update(collectionJobs)
    .set({ status: 'queued' })
    .where(and(eq(collectionJobs.runId, runId), eq(collectionJobs.status, 'running')));
}

/**
 * Claims the run's next queued job. `FOR UPDATE SKIP LOCKED` lets several workers share one queue
 * on PostgreSQL without waiting on each other; PGlite accepts the same statement.
 */
export async function claimJob(db: Executor, runId: number): Promise<string | undefined> {
  const rows = await queryRows<{ source: string }>(
    db,
    sql`
    UPDATE collection_jobs SET status = 'running', attempts = attempts + 1, claimed_at = now()
    WHERE (run_id, source) = (
      SELECT run_id, source FROM collection_jobs
      WHERE run_id = ${runId} AND status = 'queued'
      ORDER BY source LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING source`,
  );
  return rows[0]?.source;
}

export async function finishJob(
  db: Executor,
  runId: number,
  source: string,
  status: 'done' | 'failed' | 'cancelled',
): Promise<void> {
  await db
    .update(collectionJobs)
    .set({ status, finishedAt: sql`now()` })
    .where(and(eq(collectionJobs.runId, runId), eq(collectionJobs.source, source)));
  await db
    .update(collectionRuns)
    .set({
      progressDone: sql`(SELECT count(*)::int FROM collection_jobs WHERE run_id = ${runId} AND status <> 'queued' AND status <> 'running')`,
    })
    .where(eq(collectionRuns.id, runId));
}

/** Adds one to `counts[source][field]` of the run. */
export async function bumpCount(
  db: Executor,
  runId: number,
  source: string,
  field: 'added' | 'unchanged' | 'failed',
): Promise<void> {
  await db
    .update(collectionRuns)
    .set({
      counts: sql`jsonb_set(${collectionRuns.counts}, ARRAY[${source}, ${field}]::text[],
        to_jsonb(coalesce((${collectionRuns.counts} -> ${source} ->> ${field})::int, 0) + 1), true)`,
    })
    .where(eq(collectionRuns.id, runId));
}

/**
 * Inserts a collected value unless the same one is stored (the evidence natural key: project,
 * indicator, observation date, canonical URL, value), so a resumed or repeated run adds nothing.
 * Returns the new row's id, or undefined when it was already there.
 */
export async function insertCollectedEvidence(
  db: Executor,
  values: EvidenceValues,
): Promise<number | undefined> {
  const [row] = await db.insert(evidence).values(values).onConflictDoNothing().returning({ id: evidence.id });
  return row?.id;
}

export async function insertProvenance(
  db: Executor,
  values: typeof evidenceProvenance.$inferInsert,
): Promise<void> {
  await db.insert(evidenceProvenance).values(values);
}

export async function insertFinding(
  db: Executor,
  values: typeof collectionFindings.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(collectionFindings)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: collectionFindings.id });
  return rows.length > 0;
}

export async function listFindings(db: Executor, runId: number): Promise<CollectionFindingModel[]> {
  const rows = await db
    .select({ finding: collectionFindings, project: projects.slug })
    .from(collectionFindings)
    .innerJoin(projects, eq(projects.id, collectionFindings.projectId))
    .where(eq(collectionFindings.runId, runId))
    .orderBy(asc(collectionFindings.id));
  return rows.map((r) => ({ ...r.finding, project: r.project }));
}

export async function findProvenanceByEvidenceIds(
  db: Executor,
  ids: readonly number[],
): Promise<EvidenceProvenanceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      evidenceId: evidenceProvenance.evidenceId,
      runId: evidenceProvenance.runId,
      collector: evidenceProvenance.collector,
      collectorVersion: evidenceProvenance.collectorVersion,
      retrievedAt: evidenceProvenance.retrievedAt,
      requestUrl: evidenceProvenance.requestUrl,
      requestMethod: evidenceProvenance.requestMethod,
      requestBody: evidenceProvenance.requestBody,
      responseStatus: evidenceProvenance.responseStatus,
      responseSha256: evidenceProvenance.responseSha256,
      details: evidenceProvenance.details,
    })
    .from(evidenceProvenance)
    .where(inArray(evidenceProvenance.evidenceId, [...ids]));
}

/** How many findings each run recorded (`CollectionRun.findingCount`). */
export async function countFindingsOfRuns(
  db: Executor,
  runIds: readonly number[],
): Promise<{ runId: number; count: number }[]> {
  if (runIds.length === 0) return [];
  return db
    .select({ runId: collectionFindings.runId, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(collectionFindings)
    .where(inArray(collectionFindings.runId, [...runIds]))
    .groupBy(collectionFindings.runId);
}

/** The stored (gzip) raw responses of collected evidence. */
export async function findResponseBodies(
  db: Executor,
  evidenceIds: readonly number[],
): Promise<{ evidenceId: number; body: Uint8Array }[]> {
  if (evidenceIds.length === 0) return [];
  return db
    .select({ evidenceId: evidenceProvenance.evidenceId, body: evidenceProvenance.responseBody })
    .from(evidenceProvenance)
    .where(inArray(evidenceProvenance.evidenceId, [...evidenceIds]));
}

/**
 * Serialises the collection schedule's "is a run due?" check and its insert across processes, until
 * the transaction ends (an advisory lock: PGlite has the same function).
 */
export async function lockSchedule(db: Executor): Promise<void> {
  await queryRows(
    db,
    sql`SELECT pg_advisory_xact_lock(hashtext('ranking:collection-schedule'))::text AS locked`,
  );
}

/**
 * The newest full run (every project, at least `sources`) created at or after `since`, or still
 * queued or running whenever it was created: the schedule starts none while one exists.
 */
export async function findBlockingFullRun(
  db: Executor,
  sources: readonly string[],
  since: Date,
): Promise<CollectionRunRow | undefined> {
  const [run] = await db
    .select()
    .from(collectionRuns)
    .where(
      and(
        sql`${collectionRuns.projects} = '[]'::jsonb`,
        sql`${collectionRuns.sources} @> ${JSON.stringify(sources)}::jsonb`,
        sql`(${collectionRuns.createdAt} >= ${since.toISOString()}::timestamptz OR ${collectionRuns.status} IN ('queued', 'running'))`,
      ),
    )
    .orderBy(desc(collectionRuns.id))
    .limit(1);
  return run;
}
