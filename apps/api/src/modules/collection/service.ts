/**
 * Evidence collection (apps/api/README.md, "Evidence collection"): each project's source
 * identifiers, collection runs that execute the collectors of @ranking/collectors and store what
 * they yield as `pending` evidence with its provenance, and findings for what a source could not
 * answer (not found is a finding, never a zero).
 *
 * Job execution: an in-process runner over `collection_jobs` (one job per run and source) claimed
 * with `FOR UPDATE SKIP LOCKED`. pg-boss would need PostgreSQL and a second code path for the
 * embedded PGlite database; the table queue is one mechanism that runs on both, survives a killed
 * process (the job stays in the table and is resumed) and needs no extra service. Retries with
 * backoff belong to the collectors' HTTP layer; a resumed run re-runs the unfinished sources and the
 * evidence natural key (ON CONFLICT DO NOTHING) keeps it from adding a value twice.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  COLLECTOR_SOURCES,
  COLLECTORS,
  type CollectContext,
  type CollectorConfig,
  type CollectorSource,
  type Finding,
  HF_COLLECTION_ID,
  type LogEntry,
  type Observation,
  type ProjectSources,
  systemClock,
} from '@ranking/collectors';
import { PROJECT_SOURCE_KINDS, type ProjectSourceKind } from '@ranking/schema';
import { actorLabel, requireScope } from '../../auth/actor';
import { clearCaches, type ServiceContext } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import type { PageArgs } from '../../lib/pagination';
import { type ProjectCsvProblem, readProjectCsv } from '../../lib/project-csv';
import { inTransaction } from '../../lib/transaction';
import { requireId } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import { flagAnomalies, hasDuplicateEvidence, listEvidence, prepareEvidence } from '../evidence/service';
import { announceCollectionFinished } from '../webhooks/service';
import {
  bumpCount,
  type CollectionRunRow,
  cancelRun,
  claimJob,
  findBlockingFullRun,
  findCollectionTargets,
  findRun,
  findUnfinishedRuns,
  finishJob,
  insertCollectedEvidence,
  insertFinding,
  insertProjectSources,
  insertProvenance,
  insertRun,
  listFindings,
  listRuns,
  lockSchedule,
  type ProjectSourceRow,
  replaceProjectSources,
  requeueInterruptedJobs,
  type SourceCounts,
  setRunStatus,
} from './store';

// ---------------------------------------------------------------------------------------------
// Source identifiers
// ---------------------------------------------------------------------------------------------

const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const IDENTIFIER_RULES: Record<ProjectSourceKind, { pattern: RegExp; hint: string }> = {
  github: { pattern: new RegExp(`^${NAME}/${NAME}$`), hint: 'OWNER/REPO' },
  huggingface_model: { pattern: new RegExp(`^${NAME}(/${NAME})?$`), hint: 'ORG/NAME or ORG' },
  huggingface_dataset: { pattern: new RegExp(`^${NAME}(/${NAME})?$`), hint: 'ORG/NAME or ORG' },
  // The title's slug, then the collection's 24-hex-digit id: the huggingface collector's own rule.
  huggingface_collection: { pattern: HF_COLLECTION_ID, hint: 'NAMESPACE/SLUG-ID' },
  pypi: { pattern: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, hint: 'a PyPI project name' },
  doi: { pattern: /^10\.\d{4,9}\/\S+$/, hint: '10.xxxx/...' },
  arxiv: {
    pattern: /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/,
    hint: 'an arXiv id such as 2307.09288',
  },
};

/** Why an identifier was refused: the field at fault, what a valid one looks like, and a message. */
export interface SourceIdentifierProblem {
  field: 'kind' | 'identifier';
  expected: string;
  error: string;
}

/**
 * Checks one identifier of `kind` and writes it the one way it is stored (a GitHub or doi.org URL
 * becomes the bare identifier). The one rule for every way identifiers come in (`ranking sources
 * import`, `setProjectSources`); returns the problem for a bad one.
 */
export function normalizeSourceIdentifier(
  kind: string,
  raw: string,
): { kind: ProjectSourceKind; identifier: string } | SourceIdentifierProblem {
  if (!(PROJECT_SOURCE_KINDS as readonly string[]).includes(kind)) {
    const expected = `one of ${PROJECT_SOURCE_KINDS.join(', ')}`;
    return { field: 'kind', expected, error: `unknown kind ${JSON.stringify(kind)} (${expected})` };
  }
  const k = kind as ProjectSourceKind;
  let identifier = raw.trim();
  if (k === 'github')
    identifier = identifier.replace(/^https?:\/\/(www\.)?github\.com\//i, '').replace(/(\.git)?\/?$/, '');
  if (k === 'huggingface_model')
    identifier = identifier.replace(/^https?:\/\/huggingface\.co\//i, '').replace(/\/$/, '');
  if (k === 'huggingface_dataset')
    identifier = identifier.replace(/^https?:\/\/huggingface\.co\/datasets\//i, '').replace(/\/$/, '');
  if (k === 'huggingface_collection')
    identifier = identifier.replace(/^https?:\/\/huggingface\.co\/collections\//i, '').replace(/\/$/, '');
  if (k === 'doi') identifier = identifier.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  if (k === 'arxiv') identifier = identifier.replace(/^arxiv:/i, '');
  const rule = IDENTIFIER_RULES[k];
  if (identifier === '') return { field: 'identifier', expected: rule.hint, error: 'identifier is empty' };
  if (identifier.length > 300 || !rule.pattern.test(identifier))
    return {
      field: 'identifier',
      expected: rule.hint,
      error: `${kind} identifier ${JSON.stringify(raw)} is not ${rule.hint}`,
    };
  return { kind: k, identifier };
}

export type SourcesImportProblem = ProjectCsvProblem;

export interface SourcesImportReport {
  status: 'imported' | 'dry-run' | 'refused';
  rows: number;
  added: number;
  unchanged: number;
  problems: SourcesImportProblem[];
}

/**
 * `ranking sources import FILE.csv`: header `project,kind,identifier` (any order). Every row is
 * checked first; one bad row refuses the file (each problem with its line); otherwise one
 * transaction adds the new identifiers (those already listed are unchanged) and one audit entry.
 */
export async function importProjectSources(
  ctx: ServiceContext,
  input: AsyncIterable<Uint8Array>,
  options: { dryRun?: boolean } = {},
): Promise<SourcesImportReport> {
  requireScope(ctx.actor, 'evidence:write');
  const { rows, parsed, problems } = await readProjectCsv<{ kind: ProjectSourceKind; identifier: string }>(
    input,
    {
      required: ['project', 'kind', 'identifier'],
      row: (field) => {
        const checked = normalizeSourceIdentifier(field('kind'), field('identifier'));
        return 'error' in checked ? { column: checked.field, message: checked.error } : { value: checked };
      },
    },
    async (slug) => (await ctx.loaders.projectBySlug.load(slug))?.id,
  );
  if (problems.length > 0) return { status: 'refused', rows, added: 0, unchanged: 0, problems };
  const values: ProjectSourceRow[] = [];
  const seen = new Set<string>();
  for (const { projectId, value } of parsed) {
    const key = `${projectId}\u0000${value.kind}\u0000${value.identifier}`;
    if (seen.has(key)) continue;
    seen.add(key);
    values.push({ projectId, kind: value.kind, identifier: value.identifier });
  }
  if (options.dryRun)
    return { status: 'dry-run', rows, added: values.length, unchanged: rows - values.length, problems };
  const added = await inTransaction(ctx, async (tx) => {
    const n = await insertProjectSources(tx, values);
    await recordAudit(tx, ctx, {
      action: 'sources.import',
      entityType: 'project_sources',
      entityId: null,
      after: { rows, added: n },
    });
    return n;
  });
  return { status: 'imported', rows, added, unchanged: rows - added, problems };
}

/** At most this many identifiers per project (`setProjectSources`). */
export const MAX_PROJECT_SOURCES = 100;

export interface ProjectSourceInput {
  kind: string;
  identifier: string;
}

/**
 * `setProjectSources` (the admin project page's Sources form): replaces the project's identifiers
 * with `sources`, each checked by the rule `ranking sources import` uses. The first bad entry refuses
 * the whole list (BAD_USER_INPUT, field `sources[I].kind` or `sources[I].identifier`); an entry that
 * repeats an earlier one after normalisation (`https://github.com/a/b` and `a/b`) is refused too, at
 * the later index. One transaction: the old list is deleted, the new one inserted and, when it
 * changed, one audit entry `project.sources` with both lists.
 */
export async function setProjectSources(
  ctx: ServiceContext,
  slug: string,
  sources: readonly ProjectSourceInput[],
) {
  requireScope(ctx.actor, 'evidence:write');
  if (sources.length > MAX_PROJECT_SOURCES)
    throw badInput('sources', `At most ${MAX_PROJECT_SOURCES} sources per project`);
  const wanted: { kind: ProjectSourceKind; identifier: string }[] = [];
  const firstAt = new Map<string, number>();
  sources.forEach((source, i) => {
    const checked = normalizeSourceIdentifier(source.kind, source.identifier);
    // The message says what is valid, not the value: it is arbitrary client text.
    if ('error' in checked) {
      const field = `sources[${i}].${checked.field}`;
      throw badInput(
        field,
        checked.field === 'kind'
          ? `${field} must be ${checked.expected}`
          : `${field} must be ${checked.expected} for kind ${source.kind}`,
      );
    }
    const key = `${checked.kind}\u0000${checked.identifier}`;
    const earlier = firstAt.get(key);
    if (earlier !== undefined)
      throw badInput(`sources[${i}].identifier`, `sources[${i}] repeats sources[${earlier}]`);
    firstAt.set(key, i);
    wanted.push(checked);
  });
  const project = await ctx.loaders.projectBySlug.load(slug);
  if (!project) throw notFound('Project');
  const keys = (list: readonly { kind: string; identifier: string }[]) =>
    new Set(list.map((s) => `${s.kind}\u0000${s.identifier}`));
  await inTransaction(ctx, async (tx) => {
    const before = (await replaceProjectSources(tx, project.id, wanted)).map(({ kind, identifier }) => ({
      kind,
      identifier,
    }));
    const old = keys(before);
    if (old.size !== firstAt.size || [...firstAt.keys()].some((k) => !old.has(k)))
      await recordAudit(tx, ctx, {
        action: 'project.sources',
        entityType: 'project',
        entityId: project.id,
        before: { sources: before },
        after: { sources: wanted },
      });
  });
  return project;
}

/** `Project.sources`, batched per request. */
export async function projectSources(ctx: ServiceContext, projectId: number) {
  return ctx.loaders.projectSources.load(projectId);
}

// ---------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------

export interface StartCollectionInput {
  sources?: readonly string[] | null | undefined;
  projects?: readonly string[] | null | undefined;
}

/** Checks sources and projects; an empty list means all. */
async function checkScope(ctx: ServiceContext, input: StartCollectionInput) {
  const requested = (input.sources ?? []).map((s) => s.toLowerCase());
  // The message names the position, not the value: an unknown value is arbitrary client text and
  // is not echoed back.
  requested.forEach((source, i) => {
    if (!(COLLECTOR_SOURCES as readonly string[]).includes(source))
      throw badInput(
        'sources',
        `sources[${i}] is not a known source (one of ${COLLECTOR_SOURCES.join(', ')})`,
      );
  });
  const sources = [...new Set(requested)];
  const projects = [...new Set(input.projects ?? [])];
  for (const slug of projects) {
    if (!(await ctx.loaders.projectBySlug.load(slug)))
      throw badInput('projects', `Unknown project ${JSON.stringify(slug)}`);
  }
  return {
    sources: (sources.length > 0 ? sources : [...COLLECTOR_SOURCES]) as CollectorSource[],
    projects,
  };
}

/**
 * The collection schedule's step (`COLLECT_EVERY`, ./schedule.ts): records a queued run of every
 * source and project unless a full run was created at or after `since` or one is still unfinished.
 * Check and insert hold one advisory lock, so of several API processes due at once one starts a run.
 * Returns the new run, or the one that made it not due.
 */
export async function startScheduledCollection(
  ctx: ServiceContext,
  since: Date,
): Promise<{ started: CollectionRunRow } | { blockedBy: CollectionRunRow }> {
  requireScope(ctx.actor, 'evidence:write');
  const sources = [...COLLECTOR_SOURCES];
  return inTransaction(ctx, async (tx) => {
    await lockSchedule(tx);
    const blocking = await findBlockingFullRun(tx, sources, since);
    if (blocking) return { blockedBy: blocking };
    const counts: SourceCounts = Object.fromEntries(
      sources.map((s) => [s, { added: 0, unchanged: 0, failed: 0 }]),
    );
    const run = await insertRun(tx, { sources, projects: [], counts, requestedBy: actorLabel(ctx.actor) });
    await recordAudit(tx, ctx, {
      action: 'collection.start',
      entityType: 'collection_run',
      entityId: run.id,
      after: { sources, projects: [], scheduled: true },
    });
    return { started: run };
  });
}

/** Records a queued run (one job per source); `runCollection` executes it. */
export async function startCollection(
  ctx: ServiceContext,
  input: StartCollectionInput,
): Promise<CollectionRunRow> {
  requireScope(ctx.actor, 'evidence:write');
  const scope = await checkScope(ctx, input);
  const counts: SourceCounts = Object.fromEntries(
    scope.sources.map((s) => [s, { added: 0, unchanged: 0, failed: 0 }]),
  );
  return inTransaction(ctx, async (tx) => {
    const run = await insertRun(tx, { ...scope, counts, requestedBy: actorLabel(ctx.actor) });
    await recordAudit(tx, ctx, {
      action: 'collection.start',
      entityType: 'collection_run',
      entityId: run.id,
      after: scope,
    });
    return run;
  });
}

export async function getCollectionRun(
  ctx: ServiceContext,
  id: string | number,
): Promise<CollectionRunRow | null> {
  requireScope(ctx.actor, 'read:drafts');
  ctx.cache.mark('private');
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  return (await findRun(ctx.db, numeric)) ?? null;
}

export async function listCollectionRuns(ctx: ServiceContext, first: number): Promise<CollectionRunRow[]> {
  requireScope(ctx.actor, 'read:drafts');
  ctx.cache.mark('private');
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be 1 to 100');
  return listRuns(ctx.db, first);
}

/**
 * Runs executing in this process, so a cancellation here also aborts the request in flight; a run in
 * another process sees its `cancelled` status after its current item.
 */
const activeRuns = new Map<number, AbortController>();

export async function cancelCollection(ctx: ServiceContext, id: string | number): Promise<CollectionRunRow> {
  requireScope(ctx.actor, 'evidence:write');
  const runId = requireId('id', id);
  const cancelled = await inTransaction(ctx, async (tx) => {
    const before = await findRun(tx, runId);
    if (!before) throw notFound('The collection run');
    const after = await cancelRun(tx, runId);
    if (!after) throw notFound('The collection run');
    if (before.status !== after.status)
      await recordAudit(tx, ctx, {
        action: 'collection.cancel',
        entityType: 'collection_run',
        entityId: runId,
        before: { status: before.status },
        after: { status: after.status },
      });
    return after;
  });
  if (cancelled.status === 'cancelled') activeRuns.get(runId)?.abort(new Error('cancelled'));
  return cancelled;
}

/** Runs left queued or running by a stopped process, oldest first (resumed by the next `ranking collect`). */
export const unfinishedRuns = (ctx: ServiceContext) => findUnfinishedRuns(ctx.db);

export interface RunOptions {
  config: CollectorConfig;
  signal?: AbortSignal;
  log?: (entry: LogEntry) => void;
  /** After each stored observation or finding. */
  onItem?: (item: Observation | Finding, outcome: 'added' | 'unchanged' | 'failed' | 'noted') => void;
}

/** The targets of one collector: each project's identifiers of the kinds it reads. */
function targetsFor(
  source: CollectorSource,
  rows: { slug: string; kind: ProjectSourceKind; identifier: string }[],
): ProjectSources[] {
  const kinds: readonly string[] = COLLECTORS[source].identifierKinds;
  const byProject = new Map<string, ProjectSources>();
  for (const row of rows) {
    if (!kinds.includes(row.kind)) continue;
    const target = byProject.get(row.slug) ?? { project: row.slug, sources: [] };
    target.sources.push({ kind: row.kind, identifier: row.identifier });
    byProject.set(row.slug, target);
  }
  return [...byProject.values()];
}

/**
 * Executes a run's queued jobs in this process: each observation becomes `pending` evidence (through
 * the evidence rules) with its provenance, in its own transaction, so what was stored before a crash
 * stays and a resume adds no duplicate. Checks for cancellation after every item.
 */
export async function runCollection(
  ctx: ServiceContext,
  runId: number,
  options: RunOptions,
): Promise<CollectionRunRow> {
  requireScope(ctx.actor, 'evidence:write');
  const initial = await findRun(ctx.db, runId);
  if (!initial) throw notFound('The collection run');
  if (!['queued', 'running'].includes(initial.status)) return initial;
  await requeueInterruptedJobs(ctx.db, runId);
  await setRunStatus(ctx.db, runId, 'running');
  const rows = await findCollectionTargets(ctx.db, initial.projects);
  const errors: string[] = [];
  let cancelled = false;
  const cancel = new AbortController();
  activeRuns.set(runId, cancel);
  try {
    for (;;) {
      const claimed = await claimJob(ctx.db, runId);
      if (claimed === undefined) break;
      const source = claimed as CollectorSource;
      const collector = COLLECTORS[source];
      const controller = new AbortController();
      const onAbort = () => controller.abort(options.signal?.reason);
      const onCancel = () => controller.abort(cancel.signal.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      cancel.signal.addEventListener('abort', onCancel, { once: true });
      const collectCtx: CollectContext = {
        config: options.config,
        clock: systemClock,
        signal: controller.signal,
        log: options.log ?? (() => {}),
      };
      let status: 'done' | 'failed' | 'cancelled' = 'done';
      try {
        for await (const item of collector.collect(targetsFor(source, rows), collectCtx)) {
          const outcome =
            item.type === 'observation'
              ? await storeObservation(ctx, runId, collector.version, item)
              : await storeFinding(ctx, runId, item);
          options.onItem?.(item, outcome);
          const now = await findRun(ctx.db, runId);
          if (now?.status === 'cancelled') {
            cancelled = true;
            controller.abort(new Error('cancelled'));
            break;
          }
        }
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (cancel.signal.aborted) cancelled = true;
        else {
          status = 'failed';
          errors.push(`${source}: ${error instanceof Error ? error.message : String(error)}`);
        }
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        cancel.signal.removeEventListener('abort', onCancel);
      }
      if (cancelled) status = 'cancelled';
      await finishJob(ctx.db, runId, source, status);
      if (cancelled) break;
    }
  } finally {
    activeRuns.delete(runId);
    ctx.loaders.clearAll();
    clearCaches(ctx.deps);
  }
  // The end, its audit entry and its webhook event (`collection.finished`) commit together.
  return inTransaction(ctx, async (tx) => {
    const final = cancelled
      ? await findRun(tx, runId)
      : await setRunStatus(tx, runId, 'completed', errors.length > 0 ? errors.join('\n') : null);
    if (!final) throw notFound('The collection run');
    await recordAudit(tx, ctx, {
      action: 'collection.finish',
      entityType: 'collection_run',
      entityId: runId,
      after: { status: final.status, counts: final.counts },
    });
    await announceCollectionFinished(tx, ctx, final);
    return final;
  });
}

/** Starts `runCollection` without waiting; a run that throws is marked `failed` with the error. */
export function runInBackground(ctx: ServiceContext, runId: number, options: RunOptions): void {
  runCollection(ctx, runId, options).catch(async (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    await inTransaction(ctx, async (tx) => {
      const failed = await setRunStatus(tx, runId, 'failed', message);
      if (failed) await announceCollectionFinished(tx, ctx, failed);
    }).catch(() => {});
  });
}

async function storeObservation(
  ctx: ServiceContext,
  runId: number,
  collectorVersion: string,
  item: Observation,
): Promise<'added' | 'unchanged' | 'failed'> {
  const source = item.provenance.collector;
  let prepared: Awaited<ReturnType<typeof prepareEvidence>>;
  try {
    prepared = await prepareEvidence(ctx, {
      project: item.project,
      indicator: item.indicator,
      value: item.value,
      sourceUrl: item.sourceUrl,
      observedAt: item.observedAt,
      retrievedAt: item.provenance.retrievedAt,
      sourceKind: item.sourceKind,
      note: item.note ?? null,
    });
  } catch (error) {
    // A value the evidence rules refuse is a finding of the run, not a stored value.
    if (!(error instanceof AppError)) throw error;
    const project = await ctx.loaders.projectBySlug.load(item.project);
    if (!project) throw error;
    await inTransaction(ctx, async (tx) => {
      if (
        await insertFinding(tx, {
          runId,
          projectId: project.id,
          source,
          kind: 'error',
          identifierKind: 'value',
          identifier: item.sourceUrl,
          indicatorKey: item.indicator,
          message: `value refused: ${error.message}`,
        })
      )
        await bumpCount(tx, runId, source, 'failed');
    });
    return 'failed';
  }
  return inTransaction(ctx, async (tx) => {
    const id = await insertCollectedEvidence(tx, { ...prepared, submittedBy: null });
    if (id === undefined) {
      await bumpCount(tx, runId, source, 'unchanged');
      return 'unchanged';
    }
    await flagAnomalies(tx, [id]);
    const p = item.provenance;
    await insertProvenance(tx, {
      evidenceId: id,
      runId,
      collector: p.collector,
      collectorVersion: p.collectorVersion || collectorVersion,
      retrievedAt: p.retrievedAt,
      requestUrl: p.requestUrl,
      requestMethod: p.requestMethod,
      requestBody: p.requestBody ?? null,
      responseStatus: p.responseStatus,
      responseSha256: p.responseSha256,
      responseBody: gzipSync(p.responseBody),
      details: {
        ...(item.window ? { window: item.window } : {}),
        ...(item.details ? { values: item.details } : {}),
        ...(p.repositories ? { repositories: p.repositories } : {}),
        ...(p.responses
          ? {
              responses: p.responses.map((r) => ({
                requestUrl: r.requestUrl,
                requestMethod: r.requestMethod,
                responseStatus: r.responseStatus,
                responseSha256: r.responseSha256,
                retrievedAt: r.retrievedAt.toISOString(),
              })),
            }
          : {}),
      },
    });
    await bumpCount(tx, runId, source, 'added');
    return 'added';
  });
}

async function storeFinding(ctx: ServiceContext, runId: number, item: Finding): Promise<'failed' | 'noted'> {
  const project = await ctx.loaders.projectBySlug.load(item.project);
  if (!project) throw new Error(`collector answered for unknown project ${item.project}`);
  const failed = item.kind === 'not_found' || item.kind === 'error';
  return inTransaction(ctx, async (tx) => {
    const inserted = await insertFinding(tx, {
      runId,
      projectId: project.id,
      source: item.source,
      kind: item.kind,
      identifierKind: item.identifier.kind,
      identifier: item.identifier.identifier,
      indicatorKey: item.indicator ?? null,
      message: item.message,
      renamedTo: item.renamedTo ?? null,
      requestUrl: item.requestUrl ?? null,
      responseStatus: item.responseStatus ?? null,
    });
    if (inserted && failed) await bumpCount(tx, runId, item.source, 'failed');
    return failed ? 'failed' : 'noted';
  });
}

/**
 * `ranking collect --dry-run`: runs the collectors and counts what a run would add, writing nothing.
 */
export async function previewCollection(
  ctx: ServiceContext,
  input: StartCollectionInput,
  options: RunOptions,
): Promise<{ counts: SourceCounts; findings: Finding[] }> {
  requireScope(ctx.actor, 'evidence:write');
  const scope = await checkScope(ctx, input);
  const rows = await findCollectionTargets(ctx.db, scope.projects);
  const counts: SourceCounts = {};
  const findings: Finding[] = [];
  for (const source of scope.sources) {
    const c = { added: 0, unchanged: 0, failed: 0 };
    counts[source] = c;
    const collectCtx: CollectContext = {
      config: options.config,
      clock: systemClock,
      ...(options.signal ? { signal: options.signal } : {}),
      log: options.log ?? (() => {}),
    };
    for await (const item of COLLECTORS[source].collect(targetsFor(source, rows), collectCtx)) {
      if (item.type === 'finding') {
        findings.push(item);
        if (item.kind === 'not_found' || item.kind === 'error') c.failed++;
        options.onItem?.(item, 'noted');
        continue;
      }
      try {
        const prepared = await prepareEvidence(ctx, {
          project: item.project,
          indicator: item.indicator,
          value: item.value,
          sourceUrl: item.sourceUrl,
          observedAt: item.observedAt,
          sourceKind: item.sourceKind,
        });
        if (await hasDuplicateEvidence(ctx, { ...prepared, submittedBy: null })) c.unchanged++;
        else c.added++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        c.failed++;
      }
      options.onItem?.(item, 'noted');
    }
  }
  return { counts, findings };
}

/** A run's findings (`CollectionRun.findings`): the caller has already been allowed to see the run. */
export async function listRunFindings(ctx: ServiceContext, runId: number) {
  return listFindings(ctx.db, runId);
}

/** How many findings a run recorded (`CollectionRun.findingCount`), batched per request. */
export async function countRunFindings(ctx: ServiceContext, runId: number): Promise<number> {
  return ctx.loaders.findingCountByRunId.load(runId);
}

/**
 * The evidence a run added (`CollectionRun.evidence`), newest first, in keyset pages: every status,
 * since the caller has already been allowed to see the run (`read:drafts`).
 */
export async function listRunEvidence(ctx: ServiceContext, runId: number, page: PageArgs) {
  requireScope(ctx.actor, 'read:drafts');
  return listEvidence(ctx, {}, page, { collectionRunId: runId });
}

export const RAW_RESPONSE_MAX_BYTES = 1_048_576;

/**
 * The start of a collected value's raw response (`EvidenceProvenance.rawResponse`): at most
 * `maxBytes` bytes of the decompressed body, cut before an incomplete UTF-8 character.
 */
export async function rawResponse(
  ctx: ServiceContext,
  evidenceId: number,
  maxBytes: number,
): Promise<{ text: string; bytes: number; truncated: boolean } | null> {
  requireScope(ctx.actor, 'read:drafts');
  ctx.cache.mark('private');
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > RAW_RESPONSE_MAX_BYTES)
    throw badInput('maxBytes', `maxBytes must be 1 to ${RAW_RESPONSE_MAX_BYTES}`);
  const stored = await ctx.loaders.responseBodyByEvidenceId.load(evidenceId);
  if (!stored) return null;
  const body = gunzipSync(stored);
  if (body.length <= maxBytes) return { text: body.toString('utf8'), bytes: body.length, truncated: false };
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character the cut falls in.
  while (end > 0 && ((body[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: body.toString('utf8', 0, end), bytes: body.length, truncated: true };
}
