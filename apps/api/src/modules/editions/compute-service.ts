/**
 * Computing an edition (draft or computed → computed): snapshot the catalogue and the approved
 * evidence as of the cutoff (snapshot-store.ts), score the snapshots, run the uncertainty analysis,
 * store the results with their content hash. `verifyEdition` scores the same snapshots again.
 */
import type { Executor } from '@ranking/schema';
import type { Methodology, ScoreEntry } from '@ranking/scoring';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict, notFound } from '../../errors';
import { collectGarbage } from '../../lib/collect-garbage';
import { inTransaction } from '../../lib/transaction';
import { requireId } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import { findMethodologyInTransaction, getMethodologyById, methodologyOf } from '../methodology/service';
import { correctedValues } from './corrections';
import { markUsedEditionEvidence, UsedEvidenceIds } from './evidence-store';
import type {
  ComputeProgress,
  EditionRow,
  NewErratum,
  NewResult,
  SensitivityParams,
  VerifyResult,
} from './model';
import { deleteResults, insertResults, listRanks, replaceResults } from './ranking-store';
import {
  type CorrectionBasis,
  loadCorrectionBasis,
  loadEditionColumns,
  loadEditionInputs,
  runEditionSensitivity,
  scoreEditionColumnar,
  scoreEditionInputs,
} from './scoring-service';
import { analyzeEditionSnapshots, snapshotEditionEvidence, snapshotEditionProjects } from './snapshot-store';
import {
  findEditionForUpdate,
  findPreviousPublishedEdition,
  markEditionComputed,
  replaceErrata,
} from './store';

export async function computeEdition(
  ctx: ServiceContext,
  id: string | number,
  onProgress: ComputeProgress = () => {},
): Promise<EditionRow> {
  requireScope(ctx.actor, 'editions:manage');
  const editionId = requireId('id', id);
  const endTimer = ctx.deps.metrics.startTimer('edition_compute');
  return inTransaction(ctx, async (tx) => {
    const edition = await findEditionForUpdate(tx, editionId);
    if (!edition) throw notFound('Edition');
    if (edition.status === 'published')
      throw conflict('A published edition is read-only; create a new revision');
    onProgress('load');
    // Inside a transaction every read goes through `tx` (PGlite has one connection: a read on the
    // pool would wait for this transaction forever).
    const methodologyRow = await findMethodologyInTransaction(tx, { id: edition.methodologyId });
    if (!methodologyRow)
      throw new AppError('INTERNAL_SERVER_ERROR', `Methodology ${edition.methodologyId} is missing`);
    const methodology = methodologyOf(methodologyRow);
    // The snapshots are written first, set-based, and the engine then reads them back: compute and
    // verify score exactly the same rows, and a million evidence values never cross the wire twice.
    // Projects first: the evidence snapshot keeps only the evidence of the projects in the edition.
    const projectCount = await snapshotEditionProjects(tx, edition.id, edition.cutoff);
    const evidenceCount = await snapshotEditionEvidence(tx, edition.id, {
      cutoff: edition.cutoff,
      indicators: methodology.indicators.map((i) => i.key),
    });
    await analyzeEditionSnapshots(tx);
    const correction = await loadCorrectionBasis(tx, edition);
    const params = {
      samples: ctx.deps.sensitivity.samples,
      seed: edition.id,
      delta: ctx.deps.sensitivity.delta,
    };
    const previous = await findPreviousPublishedEdition(tx, edition.year);
    const previousRanks = new Map<string, number>();
    if (previous)
      for (const r of await listRanks(tx, previous.id)) previousRanks.set(`${r.dimension}:${r.slug}`, r.rank);
    const { contentHash, results, errata, used } = correction
      ? await computeCorrection(tx, edition, { methodology, correction, params, previousRanks, onProgress })
      : await computeColumnar(tx, edition, {
          methodology,
          evidenceCount,
          params,
          previousRanks,
          onProgress,
        });
    await replaceErrata(tx, edition.id, errata);
    await markUsedEditionEvidence(tx, edition.id, used.sorted());
    const computed = await markEditionComputed(tx, edition.id, {
      contentHash,
      sensitivityParams: params,
      previousEditionId: previous?.id ?? null,
    });
    await recordAudit(tx, ctx, {
      action: 'edition.compute',
      entityType: 'edition',
      entityId: edition.id,
      before: { status: edition.status, contentHash: edition.contentHash },
      after: {
        status: computed.status,
        contentHash: computed.contentHash,
        results,
        evidence: evidenceCount,
        projects: projectCount,
        sensitivity: params,
        ...(correction ? { errata: errata.length, correctionPolicy: edition.correctionPolicy } : {}),
      },
    });
    return computed;
  }).finally(endTimer);
}

interface ComputeOptions {
  methodology: Methodology;
  params: SensitivityParams;
  /** Ranks of the previous published edition by `dimension:slug`. */
  previousRanks: ReadonlyMap<string, number>;
  onProgress: ComputeProgress;
}

/** The stored form of a result: group nodes without the left-out ones, evidence ids as numbers. */
function resultOf(
  dimension: string,
  projectId: number,
  entry: ScoreEntry,
  previousRanks: ReadonlyMap<string, number>,
  interval: { medianRank: number; p05Rank: number; p95Rank: number } | undefined,
): NewResult {
  const nodes: Record<string, number> = {};
  for (const [key, value] of Object.entries(entry.nodes)) if (value !== null) nodes[key] = value;
  return {
    dimension,
    projectId,
    score: entry.score,
    rank: entry.rank,
    previousRank: previousRanks.get(`${dimension}:${entry.project}`) ?? null,
    nodes,
    indicators: Object.fromEntries(
      Object.entries(entry.indicators).map(([key, value]) => [
        key,
        { ...value, evidenceIds: value.evidenceIds.map(Number) },
      ]),
    ),
    rankMedian: interval?.medianRank ?? null,
    rankP05: interval?.p05Rank ?? null,
    rankP95: interval?.p95Rank ?? null,
  };
}

/** Results are written in batches of this many rows while they are made. */
const RESULT_BATCH = 500;

/** What a compute hands back: the hash, the results written, the errata, the evidence behind the results. */
interface Computed {
  contentHash: string;
  results: number;
  errata: NewErratum[];
  used: UsedEvidenceIds;
}

/**
 * A first revision, in bounded memory: the evidence snapshot read in pages into typed columns
 * (loadEditionColumns), scored and its sensitivity drawn on the columns, and each project's
 * explanation record made, hashed and written a batch at a time (scoreEditionColumnar) — so no
 * object per evidence value, and no more than a batch of records, is ever held.
 */
async function computeColumnar(
  tx: Executor,
  edition: EditionRow,
  options: ComputeOptions & { evidenceCount: number },
): Promise<Computed> {
  const { methodology, params, previousRanks, onProgress } = options;
  const inputs = await loadEditionColumns(tx, edition.id, methodology, options.evidenceCount);
  // The driver's pages are garbage now; collected here, and every few batches below (collect-garbage.ts).
  collectGarbage();
  onProgress('score', `${inputs.columns.length} evidence values, ${inputs.projects.length} projects`);
  await deleteResults(tx, edition.id);
  let batch: NewResult[] = [];
  let batches = 0;
  const used = new UsedEvidenceIds();
  let stored = false;
  const scored = await scoreEditionColumnar({
    methodology,
    inputs,
    cutoff: edition.cutoff,
    sensitivity: params,
    onSensitivity: () => onProgress('sensitivity', `${params.samples} samples`),
    onEntry: async ({ dimension, project, entry, interval }) => {
      if (!stored) {
        onProgress('store');
        stored = true;
      }
      const projectId = (inputs.projects[project] as { id: number }).id;
      const row = resultOf(dimension, projectId, entry, previousRanks, interval);
      used.addResult(row);
      batch.push(row);
      if (batch.length >= RESULT_BATCH) {
        await insertResults(tx, edition.id, batch);
        batch = [];
        if (++batches % 20 === 0) collectGarbage();
      }
    },
  });
  await insertResults(tx, edition.id, batch);
  return { contentHash: scored.contentHash, results: scored.results, errata: [], used };
}

/**
 * A revision > 1 with the revision it corrects (docs/corrections.md): the correction policy needs
 * both editions' explanation records side by side, so the snapshot is scored as objects.
 */
async function computeCorrection(
  tx: Executor,
  edition: EditionRow,
  options: ComputeOptions & { correction: CorrectionBasis },
): Promise<Computed> {
  const { methodology, correction, params, previousRanks, onProgress } = options;
  const inputs = await loadEditionInputs(tx, edition.id);
  const { projects, observations } = inputs;
  const projectIds = new Map(projects.map((p) => [p.slug, p.id]));
  onProgress('score', `${observations.length} evidence values, ${projects.length} projects`);
  const scored = scoreEditionInputs({
    methodology,
    projects,
    observations,
    cutoff: edition.cutoff,
    correction,
  });
  onProgress('sensitivity', `${params.samples} samples`);
  const sensitivity = runEditionSensitivity({
    methodology,
    projects,
    observations,
    cutoff: edition.cutoff,
    ...params,
  });
  onProgress('store');
  const rows: NewResult[] = [];
  for (const dimension of scored.scores.dimensions) {
    const intervals = new Map((sensitivity[dimension.key] ?? []).map((i) => [i.project, i]));
    for (const entry of dimension.entries) {
      const projectId = projectIds.get(entry.project);
      if (projectId === undefined) continue;
      // Under `insertion` a project that kept its published entry keeps its published interval too.
      const kept =
        edition.correctionPolicy === 'insertion'
          ? correction.rows.get(`${dimension.key}:${entry.project}`)
          : undefined;
      const interval = kept
        ? kept.rank === entry.rank && kept.score === entry.score
          ? { medianRank: kept.rankMedian, p05Rank: kept.rankP05, p95Rank: kept.rankP95 }
          : intervals.get(entry.project)
        : intervals.get(entry.project);
      const row = resultOf(dimension.key, projectId, entry, previousRanks, undefined);
      row.rankMedian = interval?.medianRank ?? null;
      row.rankP05 = interval?.p05Rank ?? null;
      row.rankP95 = interval?.p95Rank ?? null;
      rows.push(row);
    }
  }
  await replaceResults(tx, edition.id, rows);
  const used = new UsedEvidenceIds();
  for (const row of rows) used.addResult(row);
  return {
    contentHash: scored.contentHash,
    results: rows.length,
    errata: errataOf(edition, correction, scored.scores, projectIds),
    used,
  };
}

/**
 * The errata of a revision > 1: per corrected value (correctedValues: the raw value differs from the
 * corrected revision's) and per dimension whose entry of the project has that indicator, the value,
 * score and rank before and after, with the revision's cause and dispute. Stamped on publish.
 */
function errataOf(
  edition: EditionRow,
  correction: CorrectionBasis,
  scores: ReturnType<typeof scoreEditionInputs>['scores'],
  projectIds: ReadonlyMap<string, number>,
): NewErratum[] {
  const previous = correction.scores;
  const errata: NewErratum[] = [];
  for (const change of correctedValues(scores, previous)) {
    const projectId = projectIds.get(change.project);
    if (projectId === undefined) continue;
    for (const dimension of scores.dimensions) {
      const entry = dimension.entries.find((e) => e.project === change.project);
      if (!entry || !(change.indicator in entry.indicators)) continue;
      const old = correction.rows.get(`${dimension.key}:${change.project}`);
      errata.push({
        correctedEditionId: correction.edition.id,
        projectId,
        indicatorKey: change.indicator,
        dimension: dimension.key,
        oldValue: change.oldValue,
        newValue: change.newValue,
        oldScore: old?.score ?? null,
        newScore: entry.score,
        oldRank: old?.rank ?? null,
        newRank: entry.rank,
        cause: edition.correctionCause,
        disputeId: edition.correctionDisputeId,
        decidedBy: null,
      });
    }
  }
  return errata;
}

/**
 * Recomputes the content hash from the edition's stored snapshots (projects as they were, evidence)
 * and its methodology: later catalogue edits do not change the outcome. A first revision is scored
 * on columns, as it was computed (bounded memory); a correcting revision as objects.
 */
export async function verifyEdition(ctx: ServiceContext, edition: EditionRow): Promise<VerifyResult> {
  requireScope(ctx.actor, 'read:drafts');
  const methodology = methodologyOf(await getMethodologyById(ctx, edition.methodologyId));
  const correction = await loadCorrectionBasis(ctx.db, edition);
  let computedHash: string;
  if (correction) {
    const { projects, observations } = await loadEditionInputs(ctx.db, edition.id);
    computedHash = scoreEditionInputs({
      methodology,
      projects,
      observations,
      cutoff: edition.cutoff,
      correction,
    }).contentHash;
  } else {
    const inputs = await loadEditionColumns(ctx.db, edition.id, methodology);
    computedHash = (await scoreEditionColumnar({ methodology, inputs, cutoff: edition.cutoff })).contentHash;
  }
  return {
    edition,
    storedHash: edition.contentHash,
    computedHash,
    matches: computedHash === edition.contentHash,
  };
}
