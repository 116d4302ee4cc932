/**
 * What-if and rank bounds: an edition's stored normalised values re-aggregated by the scoring
 * engine with other weights (nothing is stored), and each project's best and worst rank when the
 * top-level weights vary within a band. Models are prepared once per edition and dimension
 * (what-if-cache.ts); who may see the edition was decided when it was loaded.
 */
import {
  prepareWhatIf,
  type RankBound,
  type RankBoundsReport,
  rankBounds,
  type WhatIfEntry,
  WhatIfError,
  type WhatIfPage,
  whatIfPage,
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
import type { DimensionModel } from '../methodology/model';
import type { EditionRow } from './model';
import { requireDimension } from './ranking-service';
import type { PreparedDimension } from './what-if-cache';
import { listWhatIfRows } from './what-if-store';

/** At most this many weight overrides per request (a dimension has a few dozen nodes). */
export const MAX_WEIGHTS = 100;
/** Rank bounds are computed for dimensions of at most this many projects (the search is O(n²·k²)). */
export const MAX_RANK_BOUNDS_PROJECTS = 500;
export const DEFAULT_BAND = 0.5;

export interface WhatIfEntryModel extends WhatIfEntry {
  projectId: number;
}

/** The parent of `WhatIfConnection` resolvers. */
export type WhatIfConnectionModel = Connection<WhatIfEntryModel>;

export interface RankBoundModel extends RankBound {
  projectId: number;
}

export interface RankBoundsConnectionModel extends Connection<RankBoundModel> {
  method: RankBoundsReport['method'];
  band: number;
  weights: RankBoundsReport['weights'];
}

/** A refusal of the engine as the API's BAD_USER_INPUT: the argument path, the reason, the valid keys. */
function badWhatIfInput(error: unknown): never {
  if (error instanceof WhatIfError) {
    throw new AppError('BAD_USER_INPUT', error.message, {
      field: error.path,
      details: { reason: error.code, ...(error.validKeys.length > 0 ? { validKeys: error.validKeys } : {}) },
      cause: error,
    });
  }
  throw error;
}

const editionKey = (edition: EditionRow, dimension: DimensionModel) =>
  `${edition.id}:${edition.computedAt?.getTime() ?? 0}:${dimension.key}`;

async function preparedDimension(
  ctx: ServiceContext,
  edition: EditionRow,
  dimension: DimensionModel,
): Promise<PreparedDimension> {
  return ctx.deps.whatIf.model(editionKey(edition, dimension), async () => {
    const rows = await listWhatIfRows(ctx.db, { editionId: edition.id, dimension: dimension.key });
    const model = prepareWhatIf({
      methodology: dimension.methodology,
      dimension: dimension.key,
      projects: rows.map((r) => ({ project: r.slug, indicators: r.indicators })),
    });
    return { model, projectIds: new Map(rows.map((r) => [r.slug, r.projectId])) };
  });
}

export interface WeightInput {
  node: string;
  weight: number;
}

/** The dimension re-scored and re-ranked with some node weights replaced, by new rank (then slug). */
export async function getWhatIf(
  ctx: ServiceContext,
  edition: EditionRow,
  params: { dimension: string; weights: readonly WeightInput[] } & PageArgs,
): Promise<Connection<WhatIfEntryModel>> {
  const window = pageWindow(params);
  const dimension = await requireDimension(ctx, edition, params.dimension);
  if (params.weights.length > MAX_WEIGHTS) {
    throw new AppError('BAD_USER_INPUT', `At most ${MAX_WEIGHTS} weights per request`, { field: 'weights' });
  }
  if (edition.status === 'draft') return paginateArray([], params);
  const { model, projectIds } = await preparedDimension(ctx, edition, dimension);
  let page: WhatIfPage;
  try {
    // One more than the page, to tell whether there is a next one; entries are made for the page only.
    page = whatIfPage(model, params.weights, { offset: window.offset, limit: window.limit + 1 });
  } catch (error) {
    badWhatIfInput(error);
  }
  return toConnection(
    page.entries.map((entry) => ({ ...entry, projectId: projectIds.get(entry.project) ?? 0 })),
    window,
    page.total,
  );
}

/** Each project's best and worst rank over the band, in official rank order. */
export async function getRankBounds(
  ctx: ServiceContext,
  edition: EditionRow,
  params: { dimension: string; band?: number | null | undefined } & PageArgs,
): Promise<RankBoundsConnectionModel> {
  pageWindow(params);
  const dimension = await requireDimension(ctx, edition, params.dimension);
  const band = params.band ?? DEFAULT_BAND;
  if (!(band >= 0 && band < 1)) {
    throw new AppError('BAD_USER_INPUT', `band must be at least 0 and less than 1, not ${band}`, {
      field: 'band',
    });
  }
  if (edition.status === 'draft') {
    return { ...paginateArray([], params), method: 'exact', band, weights: [] };
  }
  const prepared = await preparedDimension(ctx, edition, dimension);
  if (prepared.model.n > MAX_RANK_BOUNDS_PROJECTS) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Rank bounds are computed for dimensions of at most ${MAX_RANK_BOUNDS_PROJECTS} projects; ${dimension.key} has ${prepared.model.n}`,
      { field: 'dimension', details: { projects: prepared.model.n, limit: MAX_RANK_BOUNDS_PROJECTS } },
    );
  }
  const report = await ctx.deps.whatIf.bounds(`${editionKey(edition, dimension)}:${band}`, async () => {
    try {
      return rankBounds(prepared.model, { band });
    } catch (error) {
      return badWhatIfInput(error);
    }
  });
  const entries = report.entries.map((e) => ({ ...e, projectId: prepared.projectIds.get(e.project) ?? 0 }));
  return {
    ...paginateArray(entries, params),
    method: report.method,
    band: report.band,
    weights: report.weights,
  };
}
