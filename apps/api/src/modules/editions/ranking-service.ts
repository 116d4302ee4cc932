/**
 * An edition's read models: ranking pages, a project's entries, shares by country and by
 * organization, value counts, rank intervals and changes against an earlier edition. Each takes an
 * edition the caller may see (visibility-service.ts); a draft has no results yet.
 */
import {
  competitionRanks,
  diffEditions,
  type EditionScores,
  shareRuleOf,
  sharesAcrossDimensions,
  UNKNOWN_GROUP,
} from '@ranking/scoring';
import type { ServiceContext } from '../../context';
import { AppError } from '../../errors';
import {
  type Connection,
  type PageArgs,
  pageWindow,
  paginateArray,
  toConnection,
} from '../../lib/pagination';
import { countValuesBehindBrokenLinks } from '../links/service';
import type { DimensionModel } from '../methodology/model';
import {
  dimensionsOf,
  findDimension,
  getMethodologyById,
  methodologyOf,
  unknownDimension,
} from '../methodology/service';
import type { ProjectFilter } from '../projects/model';
import type {
  EditionDiffModel,
  EditionRow,
  IndicatorResult,
  NodeScoreModel,
  OrganizationStandingModel,
  RankIntervalModel,
  RankingEntryModel,
  ResultRow,
  ShareModel,
  ValueCountsModel,
} from './model';
import {
  countEditionValues,
  countRankingRows,
  listRankingPage,
  listRanks,
  listResults,
  sumScoresByDimensionAndGroup,
  sumScoresByGroup,
} from './ranking-store';
import { allEditions, getEdition, getLatestScoredEdition } from './visibility-service';

/**
 * A stored result's freshness flags. Rows stored without them were computed under a methodology
 * without windows (with windows the engine always wrote them), where nothing can be stale and a value
 * is imputed exactly when no evidence entered it: imputed = raw is null, stale = false; their age is
 * not known from the row, so ageDays is null.
 */
export function freshnessOf(value: IndicatorResult): {
  imputed: boolean;
  stale: boolean;
  ageDays: number | null;
} {
  return {
    imputed: value.imputed ?? value.raw === null,
    stale: value.stale ?? false,
    ageDays: value.ageDays ?? null,
  };
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
  const query = { editionId: edition.id, dimension: dimension.key, filter: params.filter ?? {} };
  const shared = isEmptyFilter(query.filter)
    ? await sharedRankingPage(ctx, edition, dimension, window)
    : null;
  if (shared) return toConnection(shared.entries, window, shared.count);
  const { rows, count } = await listRankingPage(ctx.db, query, window);
  return toConnection(
    rows.map((row) => {
      // For the fields that load the project by id (RankInterval.project …).
      ctx.loaders.projectById.prime(row.project.id, row.project);
      return { ...row, dimensionModel: dimension };
    }),
    window,
    count,
  );
}

/** Rows of a ranking page as the store reads them: the result with its project. */
type RankingPageRow = Awaited<ReturnType<typeof listRankingPage>>['rows'][number];

/** The first rows of an edition's unfiltered ranking, kept in the row cache (lib/row-cache.ts). */
interface RankingPrefix {
  rows: RankingPageRow[];
  /** Whether `rows` is the whole ranking. */
  complete: boolean;
  /** The rows as ranking entries of their dimension, made once (the same for every request). */
  entries?: RankingEntryModel[];
}

/** The fewest rows read into the row cache for a ranking; later reads of more take four times as many. */
const RANKING_PREFIX_MIN = 500;
/** Pages reaching past this many rows of a ranking are read from the database each time. */
export const RANKING_PREFIX_MAX = 10_000;

const isEmptyFilter = (filter: ProjectFilter) =>
  Object.values(filter).every((v) => v === undefined || v === null);

/**
 * An unfiltered ranking page answered from the first rows of the ranking, kept in the row cache by
 * edition, computation and dimension (a stored result changes only when its edition is computed
 * again; its projects are the rows of when it was read, and any change empties the cache). The
 * first page reads RANKING_PREFIX_MIN rows, a page past them four times as many, up to
 * RANKING_PREFIX_MAX; null past that (or with the cache off): the caller reads the page itself.
 */
async function sharedRankingPage(
  ctx: ServiceContext,
  edition: EditionRow,
  dimension: DimensionModel,
  window: { limit: number; offset: number },
): Promise<{ entries: RankingEntryModel[]; count: number | (() => Promise<number>) } | null> {
  const cache = ctx.deps.rowCache;
  // The page and the row after it (hasNextPage).
  const needed = window.offset + window.limit + 1;
  if (!cache.enabled || needed > RANKING_PREFIX_MAX) return null;
  const key = `ranking:${edition.id}:${edition.computedAt?.getTime() ?? 0}:${dimension.key}`;
  const params = { editionId: edition.id, dimension: dimension.key, filter: {} };
  let prefix = cache.get<RankingPrefix>(key);
  if (!prefix || (!prefix.complete && prefix.rows.length < needed)) {
    const generation = cache.generation;
    const limit = Math.min(
      RANKING_PREFIX_MAX,
      Math.max(needed, RANKING_PREFIX_MIN, 4 * (prefix?.rows.length ?? 0)),
    );
    const { rows } = await listRankingPage(ctx.db, params, { limit, offset: 0 });
    prefix = { rows: rows.slice(0, limit), complete: rows.length <= limit };
    cache.set(key, prefix, generation);
  }
  // A dimension's model is made once per stored methodology (dimensionsOf), so it is the same here.
  if (prefix.entries?.[0]?.dimensionModel !== dimension)
    prefix.entries = prefix.rows.map((row) => ({ ...row, dimensionModel: dimension }));
  return {
    entries: prefix.entries.slice(window.offset, needed),
    count: prefix.complete ? prefix.rows.length : () => countRankingRows(ctx.db, params),
  };
}

/** A project's entries in an edition (the default revision of the latest visible year when none is named). */
export async function getProjectResults(
  ctx: ServiceContext,
  projectId: number,
  params: { year?: number | null | undefined; revision?: number | null | undefined },
): Promise<RankingEntryModel[]> {
  let edition: EditionRow | null;
  if (params.year === undefined || params.year === null) {
    edition = await getLatestScoredEdition(ctx);
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

export async function getRegionShares(
  ctx: ServiceContext,
  edition: EditionRow,
  dimension?: string | null,
): Promise<ShareModel[]> {
  const key = dimension ? (await requireDimension(ctx, edition, dimension)).key : undefined;
  if (edition.status === 'draft') return [];
  const [groups, overall] = await Promise.all([
    sumScoresByGroup(ctx.db, { editionId: edition.id, dimension: key, groupBy: 'country' }),
    key === undefined ? sharesOverAllDimensions(ctx, edition, 'country') : undefined,
  ]);
  const total = groups.reduce((sum, g) => sum + g.score, 0);
  return groups
    .map((g) => ({
      region: g.groupKey ?? UNKNOWN_GROUP,
      share: overall ? (overall.get(g.groupKey ?? '') ?? 0) : total > 0 ? g.score / total : 0,
      projects: g.projects,
      score: g.score,
      ranks: g.ranks,
    }))
    .sort((a, b) => b.share - a.share || a.region.localeCompare(b.region));
}

export async function getOrganizationRanking(
  ctx: ServiceContext,
  edition: EditionRow,
  params: { dimension?: string | null | undefined } & PageArgs,
): Promise<Connection<OrganizationStandingModel>> {
  pageWindow(params);
  const key = params.dimension ? (await requireDimension(ctx, edition, params.dimension)).key : undefined;
  if (edition.status === 'draft') return paginateArray([], params);
  const [groups, overall] = await Promise.all([
    sumScoresByGroup(ctx.db, { editionId: edition.id, dimension: key, groupBy: 'organization' }),
    key === undefined ? sharesOverAllDimensions(ctx, edition, 'organization') : undefined,
  ]);
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
    share: overall ? (overall.get(g.slug) ?? 0) : total > 0 ? g.score / total : 0,
    projects: g.projects,
    ranks: g.ranks,
  }));
  return paginateArray(standings, params);
}

/**
 * Every group's share over all dimensions by the rule of the edition's methodology
 * (docs/methodology-format.md, Shares), keyed by country code or organization slug ('' for projects
 * without one, which still count in each dimension's total).
 */
async function sharesOverAllDimensions(
  ctx: ServiceContext,
  edition: EditionRow,
  groupBy: 'country' | 'organization',
): Promise<Map<string, number>> {
  const [rows, methodology] = await Promise.all([
    sumScoresByDimensionAndGroup(ctx.db, { editionId: edition.id, groupBy }),
    getMethodologyById(ctx, edition.methodologyId),
  ]);
  const byDimension = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let groups = byDimension.get(row.dimension);
    if (groups === undefined) {
      groups = new Map();
      byDimension.set(row.dimension, groups);
    }
    groups.set(row.groupKey ?? '', row.score);
  }
  return sharesAcrossDimensions(shareRuleOf(methodologyOf(methodology)), [...byDimension.values()]);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/**
 * A region's English name (`Share.label`): the country's name for an ISO 3166-1 alpha-2 code, and
 * "International communities" for `unknown` — projects whose primary organization has no country.
 */
export function regionLabel(region: string): string {
  if (region === UNKNOWN_GROUP) return 'International communities';
  try {
    return regionNames.of(region) ?? region;
  } catch {
    return region;
  }
}

/**
 * How an edition's indicator values came about. `measured`, `illustrative` and `imputed` split the
 * values (they add up to `total`); `stale` counts values with stale evidence across them (a stale value
 * dropped by `stale: exclude` is also imputed, one kept by `flag` is also measured or illustrative);
 * `brokenLinks` counts across them too, from the links' latest checks (it moves as links are checked),
 * and so does `flagged`, from the anomaly flags of the evidence behind them.
 */
export async function getValueCounts(ctx: ServiceContext, edition: EditionRow): Promise<ValueCountsModel> {
  if (edition.status === 'draft')
    return { measured: 0, illustrative: 0, imputed: 0, stale: 0, brokenLinks: 0, flagged: 0, total: 0 };
  const [counts, brokenLinks] = await Promise.all([
    countEditionValues(ctx.db, edition.id),
    countValuesBehindBrokenLinks(ctx.db, edition.id),
  ]);
  return {
    measured: counts.total - counts.imputed - counts.illustrative,
    illustrative: counts.illustrative,
    imputed: counts.imputed,
    stale: counts.stale,
    brokenLinks,
    flagged: counts.flagged,
    total: counts.total,
  };
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

/**
 * A rank quantile without floating-point noise. The bounds are type-7 quantiles of integer ranks at
 * p = 0.05, 0.5 and 0.95: (m − 1)·p has a fractional part that is a multiple of 1/20, so every bound
 * is exactly a multiple of 0.05 (5, 5.05, 5.5 …). The engine's arithmetic leaves noise in the last
 * bits (5.049999999999983); rounding to the nearest 0.05 removes it and changes nothing else.
 */
export const rankQuantile = (value: number): number => Math.round(value * 20) / 20;

/** A result's rank interval, as the API and the exports (rank_intervals.csv) give it. */
export function rankIntervalOf(r: ResultRow): RankIntervalModel | null {
  if (r.rankMedian === null || r.rankP05 === null || r.rankP95 === null) return null;
  return {
    projectId: r.projectId,
    rank: r.rank,
    medianRank: rankQuantile(r.rankMedian),
    p05Rank: rankQuantile(r.rankP05),
    p95Rank: rankQuantile(r.rankP95),
  };
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

/** Every stored result of an edition, by dimension and rank (the export's rows). */
export async function listEditionResults(ctx: ServiceContext, edition: EditionRow): Promise<ResultRow[]> {
  return listResults(ctx.db, edition.id);
}
