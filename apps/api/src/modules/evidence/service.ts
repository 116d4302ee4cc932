/**
 * Evidence: submission (canonical URL, duplicate detection), review (no self-review; approval
 * supersedes the previous approved value of the same project, indicator and date) and visibility.
 */
import { evidenceInputSchema, evidenceProblems } from '@ranking/contracts';
import {
  type EvidenceStatus,
  type Executor,
  PROJECT_CATEGORIES,
  type ProjectCategory,
  type SourceKind,
} from '@ranking/schema';
import { actorUserId, hasScope, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { badInput, conflict, forbidden, notFound } from '../../errors';
import { asksForHiddenEvidence } from '../../graphql/field-rules';
import { type Connection, keysetWindow, type PageArgs, toKeysetConnection } from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { optionalText, requireId } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import { requestArchivesAfterApproval } from '../links/service';
import { flagAnomalies, loadAnomalies } from './anomalies';
import { EVIDENCE_ROWS } from './loaders';
import {
  type EvidenceRow,
  type EvidenceValues,
  findDuplicateEvidence,
  findEvidenceForUpdate,
  insertEvidence,
  listEvidenceHistory,
  listEvidence as listEvidenceRows,
  setEvidenceReview,
  supersedeApprovedEvidence,
} from './store';

export { type AnomalyRow, flagAnomalies, flagImportedAnomalies, loadAnomalies } from './anomalies';

/** The parent of `EvidenceConnection` resolvers (its `totalCount` is counted only when selected). */
export type { EvidenceRow } from './store';
export type EvidenceConnectionModel = Connection<EvidenceRow>;

const PUBLIC_STATUSES: readonly EvidenceStatus[] = ['approved', 'superseded'];
const ALL_STATUSES: readonly EvidenceStatus[] = ['pending', 'approved', 'rejected', 'superseded'];

export const canSeeReviewDetails = (ctx: ServiceContext) => hasScope(ctx.actor, 'read:drafts');

/** Accepted values (approved, superseded): everyone may see them. */
const isPublicEvidence = (row: EvidenceRow) => PUBLIC_STATUSES.includes(row.status);

export function isEvidenceVisible(ctx: ServiceContext, row: EvidenceRow): boolean {
  return isPublicEvidence(row) || canSeeReviewDetails(ctx);
}

const byId = (row: EvidenceRow) => row.id;

export interface EvidenceFilterInput {
  project?: string | null | undefined;
  indicator?: string | null | undefined;
  /** A dimension key: evidence of the projects of that category. */
  dimension?: string | null | undefined;
  /** An organization slug: evidence of the projects it is one of the organizations of. */
  organization?: string | null | undefined;
  status?: readonly EvidenceStatus[] | null | undefined;
  observedFrom?: string | null | undefined;
  observedTo?: string | null | undefined;
  illustrative?: boolean | null | undefined;
  flagged?: boolean | null | undefined;
}

/**
 * Narrowings no GraphQL filter offers: the project a `Project.evidence` list belongs to, or the
 * collection run that added the values (`CollectionRun.evidence`; the caller checks the run's scope).
 */
export interface EvidenceListScope {
  projectId?: number;
  collectionRunId?: number;
}

export async function listEvidence(
  ctx: ServiceContext,
  filter: EvidenceFilterInput,
  page: PageArgs,
  scope: EvidenceListScope = {},
): Promise<Connection<EvidenceRow>> {
  const { projectId, collectionRunId } = scope;
  const window = keysetWindow(page);
  let statuses: readonly EvidenceStatus[];
  if (filter.status && filter.status.length > 0) {
    if (asksForHiddenEvidence(filter.status)) requireScope(ctx.actor, 'read:drafts');
    statuses = filter.status;
  } else {
    statuses = canSeeReviewDetails(ctx) ? ALL_STATUSES : PUBLIC_STATUSES;
  }
  ctx.cache.mark(canSeeReviewDetails(ctx) ? 'private' : 'public');
  let resolvedProjectId = projectId;
  if (resolvedProjectId === undefined && filter.project) {
    const project = await ctx.loaders.projectBySlug.load(filter.project);
    if (!project) return toKeysetConnection([], window, byId, 0);
    resolvedProjectId = project.id;
  }
  let organizationId: number | undefined;
  if (filter.organization) {
    const organization = await ctx.loaders.organizationBySlug.load(filter.organization);
    if (!organization) return toKeysetConnection([], window, byId, 0);
    organizationId = organization.id;
  }
  let category: ProjectCategory | undefined;
  if (filter.dimension) {
    if (!(PROJECT_CATEGORIES as readonly string[]).includes(filter.dimension)) {
      throw badInput('filter.dimension', `Unknown dimension ${filter.dimension}`);
    }
    category = filter.dimension as ProjectCategory;
  }
  const { rows, count } = await listEvidenceRows(
    ctx.db,
    {
      projectId: resolvedProjectId,
      category,
      organizationId,
      indicatorKey: filter.indicator ?? undefined,
      statuses,
      observedFrom: filter.observedFrom ?? undefined,
      observedTo: filter.observedTo ?? undefined,
      illustrative: filter.illustrative ?? undefined,
      flagged: filter.flagged ?? undefined,
      collectionRunId,
    },
    window,
  );
  for (const row of rows) ctx.loaders.evidenceById.prime(row.id, row);
  return toKeysetConnection(rows, window, byId, count);
}

export async function getEvidenceItem(ctx: ServiceContext, id: string): Promise<EvidenceRow | null> {
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  const row = await ctx.loaders.evidenceById.load(numeric);
  // By the caller only, never by the row: a hidden id must be answered as a missing one.
  ctx.cache.mark(canSeeReviewDetails(ctx) ? 'private' : 'public');
  return row && isEvidenceVisible(ctx, row) ? row : null;
}

/**
 * The evidence rows of `ids` the caller may see, as `loadEvidence` answers them, when the row cache
 * holds every one; else undefined. Synchronous: a ranking page with its evidence resolves thousands of
 * these, and a promise each costs more than the rest of the work. A stored result's `evidenceIds` are
 * the same array for every request while the row cache holds the result, so the rows are found once
 * (`RowCache.derived`). The arrays are shared: not to be changed.
 */
export function keptEvidence(
  ctx: ServiceContext,
  ids: readonly (number | string)[],
): EvidenceRow[] | undefined {
  const cache = ctx.deps.rowCache;
  const kept = cache.derived(ids, () => {
    const numeric = ids.map(Number).filter((n) => Number.isSafeInteger(n));
    const found = cache.peekMany<EvidenceRow | null>(EVIDENCE_ROWS, numeric);
    if (!found) return undefined;
    const rows = found.filter((row): row is EvidenceRow => row !== null);
    // Those everyone may see (accepted values), for isEvidenceVisible once per caller, not per row.
    return { rows, publicRows: rows.filter(isPublicEvidence) };
  });
  if (!kept) return undefined;
  return canSeeReviewDetails(ctx) ? kept.rows : kept.publicRows;
}

/** Loads evidence rows by id (e.g. behind a ranking entry), dropping those the caller may not see. */
export async function loadEvidence(
  ctx: ServiceContext,
  ids: readonly (number | string)[],
): Promise<EvidenceRow[]> {
  const numeric = ids.map(Number).filter((n) => Number.isSafeInteger(n));
  const rows = await ctx.loaders.evidenceById.loadMany(numeric);
  return rows.flatMap((r) => (r && !(r instanceof Error) && isEvidenceVisible(ctx, r) ? [r] : []));
}

/**
 * `Evidence.history`: every value of the same project, indicator and observation date the caller may
 * see (rejected and pending ones with `read:drafts`), oldest first. Nothing is ever deleted.
 */
export async function evidenceHistory(ctx: ServiceContext, row: EvidenceRow): Promise<EvidenceRow[]> {
  const reviewer = canSeeReviewDetails(ctx);
  if (reviewer) ctx.cache.mark('private');
  return listEvidenceHistory(ctx.db, row, reviewer ? ALL_STATUSES : PUBLIC_STATUSES);
}

export interface SubmitEvidenceInput {
  project: string;
  indicator: string;
  value: number;
  sourceUrl: string;
  observedAt: string;
  retrievedAt?: string | Date | null | undefined;
  sourceKind?: SourceKind | null | undefined;
  note?: string | null | undefined;
}

/**
 * The evidence rules every writer goes through (a submission, a collection run): the input schema of
 * @ranking/contracts (value, dates, URL and its canonical form, source kind, note; the same rules
 * as the bulk import and the admin's form), then the project and indicator looked up, turned into
 * the row to insert (without its submitter). The first problem is the answer (BAD_USER_INPUT).
 */
export async function prepareEvidence(
  ctx: ServiceContext,
  input: SubmitEvidenceInput,
): Promise<Omit<EvidenceValues, 'submittedBy'>> {
  const now = ctx.deps.now();
  const parsed = evidenceInputSchema({ now }).safeParse(input);
  if (!parsed.success) {
    const [problem] = evidenceProblems(parsed.error);
    throw badInput(problem?.field ?? 'input', problem?.message ?? 'Invalid evidence');
  }
  const checked = parsed.data;
  const project = await ctx.loaders.projectBySlug.load(checked.project);
  if (!project) throw badInput('project', `Unknown project ${checked.project}`);
  const indicator = await ctx.loaders.indicatorByKey.load(checked.indicator);
  if (!indicator) throw badInput('indicator', `Unknown indicator ${checked.indicator}`);
  return {
    projectId: project.id,
    indicatorKey: indicator.key,
    value: checked.value,
    sourceUrl: checked.sourceUrl,
    canonicalUrl: checked.canonicalUrl,
    observedAt: checked.observedAt,
    retrievedAt: checked.retrievedAt ?? now,
    sourceKind: checked.sourceKind,
    note: checked.note,
  };
}

export async function submitEvidence(ctx: ServiceContext, input: SubmitEvidenceInput): Promise<EvidenceRow> {
  requireScope(ctx.actor, 'evidence:write');
  const prepared = await prepareEvidence(ctx, input);
  return inTransaction(ctx, (tx) => insertPendingEvidence(tx, ctx, prepared));
}

/**
 * Stores a prepared value (`prepareEvidence`) as pending evidence submitted by the caller, in the
 * caller's transaction: the duplicate check, the anomaly flag and the audit entry of every submission.
 * An accepted dispute proposes its value through here (modules/disputes), so the value still needs
 * another reviewer's approval (four eyes) like any other.
 */
export async function insertPendingEvidence(
  tx: Executor,
  ctx: ServiceContext,
  prepared: Omit<EvidenceValues, 'submittedBy'>,
): Promise<EvidenceRow> {
  requireScope(ctx.actor, 'evidence:write');
  const values = { ...prepared, submittedBy: actorUserId(ctx.actor) };
  const duplicate = await findDuplicateEvidence(tx, values);
  if (duplicate) {
    throw conflict(`The same value from the same source was already submitted (evidence ${duplicate.id})`, {
      existingId: String(duplicate.id),
      existingStatus: duplicate.status,
    });
  }
  const row = await insertEvidence(tx, values);
  await flagAnomalies(tx, [row.id]);
  await recordAudit(tx, ctx, {
    action: 'evidence.submit',
    entityType: 'evidence',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** One review decision in the caller's transaction: the rules of docs/data-model.md, then the audit entry. */
async function reviewOne(
  tx: Executor,
  ctx: ServiceContext,
  evidenceId: number,
  decision: 'approve' | 'reject',
  note: string | null,
  reviewer: number | null,
  label: string,
): Promise<EvidenceRow> {
  const before = await findEvidenceForUpdate(tx, evidenceId);
  if (!before) throw notFound(label);
  if (before.submittedBy !== null && before.submittedBy === reviewer) {
    throw forbidden(`Nobody reviews their own evidence (${label.toLowerCase()})`);
  }
  if (before.status !== 'pending')
    throw conflict(`${label} is already ${before.status}`, { id: String(evidenceId) });
  if (decision === 'approve' && !note) {
    const [anomaly] = await loadAnomalies(tx, [evidenceId]);
    if (anomaly)
      throw badInput(
        'note',
        `${label} was flagged as an anomaly (${anomaly.reason}): approving it needs a note`,
      );
  }
  const after = await setEvidenceReview(tx, evidenceId, {
    status: decision === 'approve' ? 'approved' : 'rejected',
    reviewedBy: reviewer,
    note,
  });
  const superseded = decision === 'approve' ? await supersedeApprovedEvidence(tx, after) : [];
  await recordAudit(tx, ctx, {
    action: decision === 'approve' ? 'evidence.approve' : 'evidence.reject',
    entityType: 'evidence',
    entityId: evidenceId,
    before: { status: before.status },
    after: { status: after.status, reviewNote: after.reviewNote, superseded },
  });
  return after;
}

export async function reviewEvidence(
  ctx: ServiceContext,
  id: string | number,
  decision: 'approve' | 'reject',
  noteInput: string | null | undefined,
): Promise<EvidenceRow> {
  requireScope(ctx.actor, 'evidence:review');
  const evidenceId = requireId('id', id);
  const note = optionalText('note', noteInput);
  if (decision === 'reject' && !note) throw badInput('note', 'A rejection needs a note');
  const reviewer = actorUserId(ctx.actor);
  const row = await inTransaction(ctx, (tx) =>
    reviewOne(tx, ctx, evidenceId, decision, note, reviewer, 'The evidence'),
  );
  // Committed: an archived copy of the link is asked for after the answer, and cannot undo it.
  if (decision === 'approve') requestArchivesAfterApproval(ctx, [row]);
  return row;
}

/** At most this many ids per `reviewEvidenceBatch`. */
export const MAX_BATCH_REVIEW = 100;

/**
 * Reviews several pending values in one transaction, all or nothing: the first refusal (not found,
 * not pending, own evidence) rolls every decision back and names the evidence.
 */
export async function reviewEvidenceBatch(
  ctx: ServiceContext,
  ids: readonly (string | number)[],
  decision: 'approve' | 'reject',
  noteInput: string | null | undefined,
): Promise<EvidenceRow[]> {
  requireScope(ctx.actor, 'evidence:review');
  if (ids.length === 0) throw badInput('ids', 'Give at least one evidence id');
  const unique = [...new Set(ids.map((id) => requireId('ids', id)))];
  if (unique.length > MAX_BATCH_REVIEW) throw badInput('ids', `At most ${MAX_BATCH_REVIEW} ids per batch`);
  const note = optionalText('note', noteInput);
  if (decision === 'reject' && !note) throw badInput('note', 'A rejection needs a note');
  const reviewer = actorUserId(ctx.actor);
  const rows = await inTransaction(ctx, async (tx) => {
    const reviewed: EvidenceRow[] = [];
    // Locked in id order, so two overlapping batches cannot deadlock.
    for (const id of [...unique].sort((x, y) => x - y)) {
      reviewed.push(await reviewOne(tx, ctx, id, decision, note, reviewer, `Evidence ${id}`));
    }
    const byId = new Map(reviewed.map((r) => [r.id, r]));
    return unique.flatMap((id) => byId.get(id) ?? []);
  });
  if (decision === 'approve') requestArchivesAfterApproval(ctx, rows);
  return rows;
}

/**
 * Whether evidence with the same natural key (project, indicator, observation date, canonical URL
 * and value) is stored already: a collection run counts such a value `unchanged`.
 */
export async function hasDuplicateEvidence(ctx: ServiceContext, values: EvidenceValues): Promise<boolean> {
  return (await findDuplicateEvidence(ctx.db, values)) !== undefined;
}
