/**
 * Editions: which revision a caller sees, the read models of a ranking (entries, shares,
 * organization standings, rank intervals, changes) and the workflow draft → computed → published.
 */
import { competitionRanks, diffEditions, type EditionScores } from '@ranking/scoring';
import { actorUserId, hasScope, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict, notFound } from '../../errors';
import {
  type Connection,
  type PageArgs,
  pageWindow,
  paginateArray,
  toConnection,
} from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { optionalText, requireDate, requireId, requireText } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import {
  type DimensionModel,
  dimensionsOf,
  findDimension,
  getMethodologyById,
  methodologyOf,
  unknownDimension,
} from '../methodology/service';
import { findMethodologiesByIds, findMethodology } from '../methodology/store';
import type { ProjectFilter } from '../projects/store';
import { markUsedEditionEvidence } from './evidence-store';
import type { NodeScoreModel } from './resolvers';
import { loadEditionInputs, runEditionSensitivity, scoreEditionInputs } from './scoring';
import {
  analyzeEditionSnapshots,
  countEditionValues,
  type EditionRow,
  findEditionForUpdate,
  findPreviousPublishedEdition,
  insertEdition,
  listEditionsOfYear,
  listRankingPage,
  listRanks,
  listResults,
  markEditionComputed,
  markEditionPublished,
  type NewResult,
  type ResultRow,
  replaceResults,
  snapshotEditionEvidence,
  snapshotEditionProjects,
  sumScoresByGroup,
} from './store';

/** The parent of `OrganizationRankingConnection` resolvers (its `totalCount` is counted only when selected). */
export type OrganizationRankingConnectionModel = Connection<OrganizationStandingModel>;

/** The parent of `RankingConnection` resolvers (its `totalCount` is counted only when selected). */
export type RankingConnectionModel = Connection<RankingEntryModel>;

// ---------------------------------------------------------------------------------------------
// Visibility

const canReadDrafts = (ctx: ServiceContext) => hasScope(ctx.actor, 'read:drafts');

export function isVisible(ctx: ServiceContext, edition: EditionRow): boolean {
  return edition.status === 'published' || canReadDrafts(ctx);
}

/** Records in the response's cache policy what kind of edition data was read. */
function observe(ctx: ServiceContext, edition: EditionRow): EditionRow {
  if (edition.status !== 'published') ctx.cache.mark('private');
  return edition;
}

async function allEditions(ctx: ServiceContext): Promise<EditionRow[]> {
  return ctx.loaders.allEditions.load('all');
}

/** The revision `edition(year)` returns: the latest visible one (latest published for readers without read:drafts). */
function defaultOfYear(
  ctx: ServiceContext,
  rows: readonly EditionRow[],
  year: number,
): EditionRow | undefined {
  return rows.filter((e) => e.year === year && isVisible(ctx, e)).sort((a, b) => b.revision - a.revision)[0];
}

export async function listEditions(ctx: ServiceContext, allRevisions: boolean): Promise<EditionRow[]> {
  ctx.cache.mark('published');
  if (canReadDrafts(ctx)) ctx.cache.mark('private');
  const rows = await allEditions(ctx);
  const visible = rows.filter((e) => isVisible(ctx, e));
  if (allRevisions) return visible;
  const years = [...new Set(visible.map((e) => e.year))];
  return years.flatMap((year) => {
    const row = defaultOfYear(ctx, visible, year);
    return row ? [row] : [];
  });
}

/**
 * NOT_FOUND for a year without an edition the caller may see, naming the years that have one (an
 * error, never a cached null: the answer changes when the year's first edition is published).
 */
function unknownYear(ctx: ServiceContext, rows: readonly EditionRow[], year: number): AppError {
  ctx.cache.mark('private');
  const years = [...new Set(rows.filter((e) => isVisible(ctx, e)).map((e) => e.year))].sort((a, b) => b - a);
  return new AppError(
    'NOT_FOUND',
    years.length > 0
      ? `No edition of ${year}; editions exist for ${years.join(', ')}`
      : `No edition of ${year}; no edition is published yet`,
    { field: 'year', details: { years } },
  );
}

/** One edition; a year without any the caller may see is NOT_FOUND (`orNull`: null). */
export async function getEdition(
  ctx: ServiceContext,
  year: number,
  revision?: number | null,
  options: { orNull?: boolean } = {},
): Promise<EditionRow | null> {
  const rows = await allEditions(ctx);
  if (revision === undefined || revision === null) {
    // Which revision is the default changes when a correction is published.
    ctx.cache.mark('published');
    const row = defaultOfYear(ctx, rows, year);
    if (!row) {
      if (options.orNull) return null;
      throw unknownYear(ctx, rows, year);
    }
    return observe(ctx, row);
  }
  const row = rows.find((e) => e.year === year && e.revision === revision);
  if (!row || !isVisible(ctx, row)) {
    ctx.cache.mark('public');
    return null;
  }
  return observe(ctx, row);
}

export async function getEditionById(ctx: ServiceContext, id: string | number): Promise<EditionRow | null> {
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  const row = await ctx.loaders.editionById.load(numeric);
  if (!row || !isVisible(ctx, row)) {
    ctx.cache.mark('public');
    return null;
  }
  return observe(ctx, row);
}

export async function loadVisibleEdition(ctx: ServiceContext, id: number | null): Promise<EditionRow | null> {
  if (id === null) return null;
  const row = await ctx.loaders.editionById.load(id);
  return row && isVisible(ctx, row) ? observe(ctx, row) : null;
}

export async function isDefaultRevision(ctx: ServiceContext, edition: EditionRow): Promise<boolean> {
  ctx.cache.mark('published');
  if (edition.status !== 'published') return false;
  const rows = await allEditions(ctx);
  const latest = rows
    .filter((e) => e.year === edition.year && e.status === 'published')
    .sort((a, b) => b.revision - a.revision)[0];
  return latest?.id === edition.id;
}

export async function listRevisions(ctx: ServiceContext, edition: EditionRow): Promise<EditionRow[]> {
  ctx.cache.mark('published');
  const rows = await allEditions(ctx);
  return rows
    .filter((e) => e.year === edition.year && isVisible(ctx, e))
    .sort((a, b) => a.revision - b.revision)
    .map((e) => observe(ctx, e));
}

// ---------------------------------------------------------------------------------------------
// Read models

export interface RankingEntryModel extends ResultRow {
  dimensionModel: DimensionModel;
}

/**
 * A result's group nodes in tree order, each with its methodology weight and its contribution: the
 * sum of the stored contributions of the indicators below it (so the pillars' contributions add up
 * to the score, as the indicators' do).
 */
export function breakdownOf(r: RankingEntryModel): NodeScoreModel[] {
  return [...r.dimensionModel.groups].flatMap(([key, group]) => {
    const score = r.nodes[key];
    if (score === undefined) return [];
    let contribution = 0;
    for (const indicator of group.indicatorKeys) contribution += r.indicators[indicator]?.contribution ?? 0;
    return [{ key, name: group.name, score, weight: group.weight, contribution, parent: group.parent }];
  });
}

export async function editionDimensions(ctx: ServiceContext, edition: EditionRow): Promise<DimensionModel[]> {
  return dimensionsOf(await getMethodologyById(ctx, edition.methodologyId));
}

export async function requireDimension(
  ctx: ServiceContext,
  edition: EditionRow,
  key: string,
): Promise<DimensionModel> {
  const dimensions = await editionDimensions(ctx, edition);
  const found = findDimension(dimensions, key);
  if (!found) throw unknownDimension(key, dimensions);
  return found;
}

export async function getRanking(
  ctx: ServiceContext,
  edition: EditionRow,
  params: { dimension: string; filter?: ProjectFilter | null | undefined } & PageArgs,
): Promise<Connection<RankingEntryModel>> {
  const window = pageWindow(params);
  const dimension = await requireDimension(ctx, edition, params.dimension);
  if (edition.status === 'draft') return toConnection([], window, 0);
  const { rows, count } = await listRankingPage(
    ctx.db,
    { editionId: edition.id, dimension: dimension.key, filter: params.filter ?? {} },
    window,
  );
  return toConnection(
    rows.map(({ project, ...row }) => {
      ctx.loaders.projectById.prime(project.id, project);
      return { ...row, dimensionModel: dimension };
    }),
    window,
    count,
  );
}

/** A project's entries in an edition (the default revision of the latest visible year when none is named). */
export async function getProjectResults(
  ctx: ServiceContext,
  projectId: number,
  params: { year?: number | null | undefined; revision?: number | null | undefined },
): Promise<RankingEntryModel[]> {
  let edition: EditionRow | null;
  if (params.year === undefined || params.year === null) {
    const visible = (await allEditions(ctx)).filter((e) => isVisible(ctx, e) && e.status !== 'draft');
    const latestYear = visible[0]?.year;
    edition = latestYear === undefined ? null : (defaultOfYear(ctx, visible, latestYear) ?? null);
    if (edition) observe(ctx, edition);
    ctx.cache.mark('published');
  } else {
    edition = await getEdition(ctx, params.year, params.revision, { orNull: true });
  }
  if (!edition) return [];
  const dimensions = await editionDimensions(ctx, edition);
  const rows = await ctx.loaders.projectResults.load(`${edition.id}:${projectId}`);
  return rows.flatMap((row) => {
    const dimensionModel = dimensions.find((d) => d.key === row.dimension);
    return dimensionModel ? [{ ...row, dimensionModel }] : [];
  });
}

export interface ShareModel {
  region: string;
  share: number;
  projects: number;
  score: number;
  ranks: number[];
}

export async function getRegionShares(
  ctx: ServiceContext,
  edition: EditionRow,
  dimension?: string | null,
): Promise<ShareModel[]> {
  const key = dimension ? (await requireDimension(ctx, edition, dimension)).key : undefined;
  if (edition.status === 'draft') return [];
  const groups = await sumScoresByGroup(ctx.db, {
    editionId: edition.id,
    dimension: key,
    groupBy: 'country',
  });
  const total = groups.reduce((sum, g) => sum + g.score, 0);
  return groups
    .map((g) => ({
      region: g.groupKey ?? 'unknown',
      share: total > 0 ? g.score / total : 0,
      projects: g.entries,
      score: g.score,
      ranks: g.ranks,
    }))
    .sort((a, b) => b.share - a.share || a.region.localeCompare(b.region));
}

export interface OrganizationStandingModel {
  rank: number;
  organizationId: number;
  score: number;
  share: number;
  projects: number;
  ranks: number[];
}

export async function getOrganizationRanking(
  ctx: ServiceContext,
  edition: EditionRow,
  params: { dimension?: string | null | undefined } & PageArgs,
): Promise<Connection<OrganizationStandingModel>> {
  pageWindow(params);
  const key = params.dimension ? (await requireDimension(ctx, edition, params.dimension)).key : undefined;
  if (edition.status === 'draft') return paginateArray([], params);
  const groups = await sumScoresByGroup(ctx.db, {
    editionId: edition.id,
    dimension: key,
    groupBy: 'organization',
  });
  const total = groups.reduce((sum, g) => sum + g.score, 0);
  const ranked = groups
    .flatMap((g) =>
      g.organizationId === null || g.groupKey === null
        ? []
        : [{ ...g, slug: g.groupKey, organizationId: g.organizationId }],
    )
    .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
  const ranks = competitionRanks(ranked.map((g) => g.score));
  const standings = ranked.map((g, i) => ({
    rank: ranks[i] ?? i + 1,
    organizationId: g.organizationId,
    score: g.score,
    share: total > 0 ? g.score / total : 0,
    projects: g.entries,
    ranks: g.ranks,
  }));
  return paginateArray(standings, params);
}

export interface ValueCountsModel {
  measured: number;
  illustrative: number;
  imputed: number;
  stale: number;
  total: number;
}

/**
 * How an edition's indicator values came about. `measured`, `illustrative` and `imputed` split the
 * values (they add up to `total`); `stale` counts values with stale evidence across them (a stale value
 * dropped by `stale: exclude` is also imputed, one kept by `flag` is also measured or illustrative).
 */
export async function getValueCounts(ctx: ServiceContext, edition: EditionRow): Promise<ValueCountsModel> {
  if (edition.status === 'draft') return { measured: 0, illustrative: 0, imputed: 0, stale: 0, total: 0 };
  const counts = await countEditionValues(ctx.db, edition.id);
  return {
    measured: counts.total - counts.imputed - counts.illustrative,
    illustrative: counts.illustrative,
    imputed: counts.imputed,
    stale: counts.stale,
    total: counts.total,
  };
}

export interface RankIntervalModel {
  projectId: number;
  rank: number;
  medianRank: number;
  p05Rank: number;
  p95Rank: number;
}

export async function getSensitivity(
  ctx: ServiceContext,
  edition: EditionRow,
  dimension: string,
): Promise<RankIntervalModel[]> {
  const { key } = await requireDimension(ctx, edition, dimension);
  if (edition.status === 'draft') return [];
  const rows = await listResults(ctx.db, edition.id, key);
  return rows.flatMap((r) => rankIntervalOf(r) ?? []);
}

export function rankIntervalOf(r: ResultRow): RankIntervalModel | null {
  if (r.rankMedian === null || r.rankP05 === null || r.rankP95 === null) return null;
  return {
    projectId: r.projectId,
    rank: r.rank,
    medianRank: r.rankMedian,
    p05Rank: r.rankP05,
    p95Rank: r.rankP95,
  };
}

export interface RankMoveModel {
  projectId: number;
  rank: number | null;
  previousRank: number | null;
  change: number | null;
  score: number | null;
  previousScore: number | null;
}

export interface EditionDiffModel {
  previousEdition: EditionRow;
  dimensions: {
    dimension: string;
    movers: RankMoveModel[];
    newEntries: RankMoveModel[];
    exits: RankMoveModel[];
  }[];
}

async function scoresOf(
  ctx: ServiceContext,
  edition: EditionRow,
): Promise<{ scores: EditionScores; ids: Map<string, number> }> {
  const rows = await listRanks(ctx.db, edition.id);
  const ids = new Map<string, number>();
  const dims = new Map<string, EditionScores['dimensions'][number]>();
  for (const row of rows) {
    ids.set(row.slug, row.projectId);
    let dim = dims.get(row.dimension);
    if (!dim) {
      dim = { key: row.dimension, name: row.dimension, entries: [] };
      dims.set(row.dimension, dim);
    }
    dim.entries.push({ project: row.slug, score: row.score, rank: row.rank, nodes: {}, indicators: {} });
  }
  return { scores: { methodology: { id: '', version: '' }, dimensions: [...dims.values()] }, ids };
}

/** Largest `minChange` accepted (a rank change is below the number of projects). */
const MAX_MIN_CHANGE = 100_000;

export async function getChanges(
  ctx: ServiceContext,
  edition: EditionRow,
  params: { movers: number; minChange?: number | null | undefined; against?: number | null | undefined },
): Promise<EditionDiffModel | null> {
  const { movers } = params;
  const minChange = params.minChange ?? 1;
  if (!Number.isInteger(movers) || movers < 0 || movers > 100) {
    throw new AppError('BAD_USER_INPUT', 'movers must be between 0 and 100', { field: 'movers' });
  }
  if (!Number.isInteger(minChange) || minChange < 1 || minChange > MAX_MIN_CHANGE) {
    throw new AppError('BAD_USER_INPUT', `minChange must be between 1 and ${MAX_MIN_CHANGE}`, {
      field: 'minChange',
    });
  }
  if (edition.status === 'draft') return null;
  let previous: EditionRow | null | undefined;
  if (params.against !== undefined && params.against !== null) {
    const rows = await allEditions(ctx);
    ctx.cache.mark('published');
    const earlier = rows.filter((e) => e.status === 'published' && e.year < edition.year);
    previous = earlier.filter((e) => e.year === params.against).sort((a, b) => b.revision - a.revision)[0];
    if (!previous) {
      const years = [...new Set(earlier.map((e) => e.year))].sort((a, b) => b - a);
      throw new AppError(
        'BAD_USER_INPUT',
        `against must be the year of a published edition before ${edition.year}` +
          (years.length > 0 ? `: ${years.join(', ')}` : '; there is none'),
        { field: 'against', details: { years } },
      );
    }
  } else {
    if (edition.previousEditionId === null) return null;
    previous = await ctx.loaders.editionById.load(edition.previousEditionId);
  }
  if (!previous) return null;
  const [current, before] = await Promise.all([scoresOf(ctx, edition), scoresOf(ctx, previous)]);
  // Every mover, largest first; then those moving at least minChange places, cut to `movers`.
  const diff = diffEditions(current.scores, before.scores, { movers: Number.MAX_SAFE_INTEGER });
  const idOf = (slug: string) => current.ids.get(slug) ?? before.ids.get(slug) ?? 0;
  const previousByDimension = new Map(
    before.scores.dimensions.map((d) => [d.key, new Map(d.entries.map((e) => [e.project, e]))]),
  );
  return {
    previousEdition: previous,
    dimensions: diff.dimensions.map((d) => {
      const entries = new Map(d.entries.map((e) => [e.project, e]));
      const old = previousByDimension.get(d.key) ?? new Map();
      return {
        dimension: d.key,
        movers: d.biggestMovers
          .filter((e) => Math.abs(e.rankChange ?? 0) >= minChange)
          .slice(0, movers)
          .map((e) => ({
            projectId: idOf(e.project),
            rank: e.rank,
            previousRank: e.previousRank,
            change: e.rankChange,
            score: e.score,
            previousScore: e.previousScore,
          })),
        newEntries: d.newEntries.map((slug) => {
          const e = entries.get(slug);
          return {
            projectId: idOf(slug),
            rank: e?.rank ?? null,
            previousRank: null,
            change: null,
            score: e?.score ?? null,
            previousScore: null,
          };
        }),
        exits: d.exits.map((slug) => {
          const e = old.get(slug);
          return {
            projectId: idOf(slug),
            rank: null,
            previousRank: e?.rank ?? null,
            change: null,
            score: null,
            previousScore: e?.score ?? null,
          };
        }),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Workflow

export interface CreateEditionInput {
  year: number;
  title: string;
  cutoff: string;
  methodologyVersion?: string | null | undefined;
}

export async function createEdition(ctx: ServiceContext, input: CreateEditionInput): Promise<EditionRow> {
  requireScope(ctx.actor, 'editions:manage');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new AppError('BAD_USER_INPUT', 'year must be between 2000 and 2100', { field: 'year' });
  }
  const title = requireText('title', input.title, 200);
  const cutoff = requireDate('cutoff', input.cutoff);
  const version = optionalText('methodologyVersion', input.methodologyVersion, 100);
  return inTransaction(ctx, async (tx) => {
    const methodology = await findMethodology(tx, { version: version ?? undefined });
    if (!methodology) {
      throw new AppError(
        'BAD_USER_INPUT',
        version ? `Unknown methodology version ${version}` : 'No methodology is stored',
        {
          field: 'methodologyVersion',
        },
      );
    }
    const revisions = await listEditionsOfYear(tx, input.year);
    const latest = revisions[revisions.length - 1];
    if (latest && latest.status !== 'published') {
      throw conflict(`Edition ${input.year} revision ${latest.revision} is not published yet`, {
        editionId: latest.id,
      });
    }
    const edition = await insertEdition(tx, {
      year: input.year,
      revision: latest ? latest.revision + 1 : 1,
      title,
      methodologyId: methodology.id,
      cutoff,
      createdBy: actorUserId(ctx.actor),
    });
    await recordAudit(tx, ctx, {
      action: 'edition.create',
      entityType: 'edition',
      entityId: edition.id,
      after: edition,
    });
    return edition;
  });
}

export type ComputeProgress = (phase: 'load' | 'score' | 'sensitivity' | 'store', detail?: string) => void;

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
    const [methodologyRow] = await findMethodologiesByIds(tx, [edition.methodologyId]);
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
    const inputs = await loadEditionInputs(tx, edition.id);
    const { projects, observations } = inputs;
    const projectIds = new Map(projects.map((p) => [p.slug, p.id]));
    onProgress('score', `${observations.length} evidence values, ${projects.length} projects`);
    const scored = scoreEditionInputs({ methodology, projects, observations, cutoff: edition.cutoff });
    const params = {
      samples: ctx.deps.sensitivity.samples,
      seed: edition.id,
      delta: ctx.deps.sensitivity.delta,
    };
    onProgress('sensitivity', `${params.samples} samples`);
    const sensitivity = runEditionSensitivity({
      methodology,
      projects,
      observations,
      cutoff: edition.cutoff,
      ...params,
    });
    onProgress('store');
    const previous = await findPreviousPublishedEdition(tx, edition.year);
    const previousRanks = new Map<string, number>();
    if (previous)
      for (const r of await listRanks(tx, previous.id)) previousRanks.set(`${r.dimension}:${r.slug}`, r.rank);

    const rows: NewResult[] = [];
    for (const dimension of scored.scores.dimensions) {
      const intervals = new Map((sensitivity[dimension.key] ?? []).map((i) => [i.project, i]));
      for (const entry of dimension.entries) {
        const projectId = projectIds.get(entry.project);
        if (projectId === undefined) continue;
        const interval = intervals.get(entry.project);
        const nodes: Record<string, number> = {};
        for (const [key, value] of Object.entries(entry.nodes)) if (value !== null) nodes[key] = value;
        rows.push({
          dimension: dimension.key,
          projectId,
          score: entry.score,
          rank: entry.rank,
          previousRank: previousRanks.get(`${dimension.key}:${entry.project}`) ?? null,
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
        });
      }
    }
    await replaceResults(tx, edition.id, rows);
    await markUsedEditionEvidence(tx, edition.id);
    const computed = await markEditionComputed(tx, edition.id, {
      contentHash: scored.contentHash,
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
        results: rows.length,
        evidence: evidenceCount,
        projects: projectCount,
        sensitivity: params,
      },
    });
    return computed;
  }).finally(endTimer);
}

export async function publishEdition(
  ctx: ServiceContext,
  id: string | number,
  contentHash: string,
): Promise<EditionRow> {
  requireScope(ctx.actor, 'editions:manage');
  const editionId = requireId('id', id);
  if (!/^[0-9a-f]{64}$/.test(contentHash)) {
    throw new AppError('BAD_USER_INPUT', 'contentHash must be 64 lower-case hex digits', {
      field: 'contentHash',
    });
  }
  return inTransaction(ctx, async (tx) => {
    const edition = await findEditionForUpdate(tx, editionId);
    if (!edition) throw notFound('Edition');
    if (edition.status === 'published') throw conflict('The edition is already published');
    if (edition.status !== 'computed') throw conflict('The edition has not been computed');
    if (edition.contentHash !== contentHash) {
      throw conflict('The content hash does not match the computed edition; review it again', {
        contentHash: edition.contentHash,
      });
    }
    const published = await markEditionPublished(tx, edition.id, actorUserId(ctx.actor));
    await recordAudit(tx, ctx, {
      action: 'edition.publish',
      entityType: 'edition',
      entityId: edition.id,
      before: { status: edition.status },
      after: {
        status: published.status,
        contentHash: published.contentHash,
        publishedAt: published.publishedAt,
      },
    });
    return published;
  });
}

export interface VerifyResult {
  edition: EditionRow;
  storedHash: string | null;
  computedHash: string;
  matches: boolean;
}

/**
 * Recomputes the content hash from the edition's stored snapshots (projects as they were, evidence)
 * and its methodology: later catalogue edits do not change the outcome.
 */
export async function verifyEdition(ctx: ServiceContext, edition: EditionRow): Promise<VerifyResult> {
  requireScope(ctx.actor, 'read:drafts');
  const methodology = methodologyOf(await getMethodologyById(ctx, edition.methodologyId));
  const { projects, observations } = await loadEditionInputs(ctx.db, edition.id);
  const scored = scoreEditionInputs({ methodology, projects, observations, cutoff: edition.cutoff });
  return {
    edition,
    storedHash: edition.contentHash,
    computedHash: scored.contentHash,
    matches: scored.contentHash === edition.contentHash,
  };
}

/** Editions of a year for operator commands (all revisions, drafts included). */
export async function editionsOfYear(ctx: ServiceContext, year: number): Promise<EditionRow[]> {
  requireScope(ctx.actor, 'read:drafts');
  return listEditionsOfYear(ctx.db, year);
}
