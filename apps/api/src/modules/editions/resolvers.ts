/** Edition resolvers: parse arguments, call the editions service, map to the schema. */

import type { ServiceContext } from '../../context';
import { mayRead } from '../../graphql/field-rules';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import { keptEvidence, loadEvidence } from '../evidence/service';
import type { DimensionModel, IndicatorModel } from '../methodology/model';
import {
  dimensionNodes,
  getMethodologyById,
  indicatorModels,
  methodologyOf,
  shareRuleOfRow,
} from '../methodology/service';
import { getProjectById } from '../projects/service';
import { computeEdition } from './compute-service';
import { editionErrata } from './errata-service';
import * as editionEvidence from './evidence-service';
import { createEdition, publishEdition, setEditionDoi } from './lifecycle-service';
import type { IndicatorScoreModel, RankingEntryModel } from './model';
import * as ranking from './ranking-service';
import * as visibility from './visibility-service';
import * as whatIf from './what-if-service';

/** Per request: each dimension's indicator models, read once however many entries a page has. */
const requestIndicators = new WeakMap<
  ServiceContext,
  Map<DimensionModel, { loading: Promise<IndicatorModel[]>; loaded?: IndicatorModel[] }>
>();

/** The dimension's indicator models: the array once read in this request, else a promise of it. */
function dimensionIndicators(
  ctx: ServiceContext,
  dimension: DimensionModel,
): IndicatorModel[] | Promise<IndicatorModel[]> {
  let byDimension = requestIndicators.get(ctx);
  if (!byDimension) {
    byDimension = new Map();
    requestIndicators.set(ctx, byDimension);
  }
  let models = byDimension.get(dimension);
  if (!models) {
    const loading = indicatorModels(ctx, dimension.methodology, dimension.indicatorKeys);
    const entry: { loading: Promise<IndicatorModel[]>; loaded?: IndicatorModel[] } = { loading };
    loading.then(
      (loaded) => {
        entry.loaded = loaded;
      },
      () => {},
    );
    models = entry;
    byDimension.set(dimension, models);
  }
  return models.loaded ?? models.loading;
}

/**
 * What is built from a stored result's parts (its indicators, its nodes), once while the row cache
 * holds the result and the indicator rows (reference cache) are unchanged: it depends on nothing else.
 */
const fromResult = <T>(ctx: ServiceContext, part: object, build: () => T): T =>
  ctx.deps.rowCache.derived(part, build, ctx.deps.referenceCache.generation);

/** An entry's indicator scores, in the dimension's order (the catalogue rows from `models`). */
function indicatorScores(
  ctx: ServiceContext,
  r: RankingEntryModel,
  models: IndicatorModel[],
): IndicatorScoreModel[] {
  return fromResult(ctx, r.indicators, () => {
    const dimension = r.dimensionModel;
    const scores: IndicatorScoreModel[] = [];
    for (const [i, key] of dimension.indicatorKeys.entries()) {
      const value = r.indicators[key];
      const indicator = models[i];
      if (!value || !indicator) continue;
      const placement = dimension.leaves.get(key);
      scores.push({
        raw: value.raw,
        normalized: value.normalized,
        contribution: value.contribution,
        evidenceIds: value.evidenceIds,
        ...ranking.freshnessOf(value),
        indicatorKey: key,
        indicator,
        weight: placement?.weight ?? 0,
        pillar: placement?.pillar ?? null,
      });
    }
    return scores;
  });
}

export const resolvers: Resolvers = {
  OrganizationRankingConnection: connectionResolvers,
  RankingConnection: connectionResolvers,
  WhatIfConnection: connectionResolvers,
  EditionEvidenceConnection: connectionResolvers,
  EditionEvidence: {
    id: (v) => String(v.evidenceId),
    project: (v, _, ctx) => getProjectById(ctx, v.projectId),
    indicator: async (v, _, ctx) => {
      const edition = await ctx.loaders.editionById.load(v.editionId);
      const methodology = edition ? await getMethodologyById(ctx, edition.methodologyId) : null;
      const [model] = await indicatorModels(ctx, methodology ? methodologyOf(methodology) : null, [
        v.indicatorKey,
      ]);
      if (!model) throw new Error(`indicator ${v.indicatorKey} missing`);
      return model;
    },
    evidence: async (v, _, ctx) => (await loadEvidence(ctx, [v.evidenceId]))[0] ?? null,
  },
  RankBoundsConnection: connectionResolvers,
  RankBoundsMethod: { EXACT: 'exact', SEARCH: 'search' },
  Erratum: {
    revision: (e) => e.edition.revision,
    correctedRevision: async (e, _, ctx) => {
      const corrected = await ctx.loaders.editionById.load(e.rows[0]?.correctedEditionId ?? 0);
      return corrected?.revision ?? e.edition.revision - 1;
    },
    project: (e, _, ctx) => getProjectById(ctx, e.rows[0]?.projectId ?? 0),
    indicator: (e) => e.rows[0]?.indicatorKey ?? '',
    oldValue: (e) => e.rows[0]?.oldValue ?? null,
    newValue: (e) => e.rows[0]?.newValue ?? null,
    cause: (e) => e.rows[0]?.cause ?? null,
    disputeId: (e) => (e.rows[0]?.disputeId == null ? null : String(e.rows[0].disputeId)),
    decidedBy: (e, _, ctx) => {
      const id = e.rows[0]?.decidedBy ?? null;
      return mayRead(ctx, 'Erratum.decidedBy', id) && id !== null ? ctx.loaders.userById.load(id) : null;
    },
    decidedAt: (e) => e.rows[0]?.decidedAt ?? null,
    recordedAt: (e) => e.rows[0]?.recordedAt ?? e.edition.computedAt ?? e.edition.createdAt,
    dimensions: (e) => e.rows,
  },
  WhatIfEntry: {
    project: (e, _, ctx) => getProjectById(ctx, e.projectId),
  },
  RankBound: {
    project: (e, _, ctx) => getProjectById(ctx, e.projectId),
  },
  Query: {
    editions: (_, args, ctx) => visibility.listEditions(ctx, args.allRevisions ?? false),
    edition: (_, args, ctx) =>
      visibility.getEdition(ctx, args.year, args.revision, { asOf: args.asOf ? new Date(args.asOf) : null }),
    editionById: (_, args, ctx) => visibility.getEditionById(ctx, args.id),
  },
  Mutation: {
    createEdition: (_, { input }, ctx) => createEdition(ctx, input),
    computeEdition: (_, args, ctx) => computeEdition(ctx, args.id),
    publishEdition: (_, args, ctx) => publishEdition(ctx, args.id, args.contentHash),
    setEditionDoi: (_, args, ctx) => setEditionDoi(ctx, args.id, args.doi),
  },
  Edition: {
    isDefaultRevision: (e, _, ctx) => visibility.isDefaultRevision(ctx, e),
    errata: (e, _, ctx) => editionErrata(ctx, e),
    methodology: async (e, _, ctx) => {
      const row = await ctx.loaders.methodologyById.load(e.methodologyId);
      if (!row) throw new Error(`methodology ${e.methodologyId} missing`);
      return row;
    },
    dimensions: (e, _, ctx) => ranking.editionDimensions(ctx, e),
    previousEdition: (e, _, ctx) => visibility.loadVisibleEdition(ctx, e.previousEditionId),
    revisions: (e, _, ctx) => visibility.listRevisions(ctx, e),
    sensitivityParameters: (e) => e.sensitivityParams,
    valueCounts: (e, _, ctx) => ranking.getValueCounts(ctx, e),
    ranking: (e, args, ctx) =>
      ranking.getRanking(ctx, e, {
        dimension: args.dimension,
        first: args.first,
        after: args.after,
        filter: args.filter,
      }),
    regionShares: (e, args, ctx) => ranking.getRegionShares(ctx, e, args.dimension),
    shareRule: async (e, _, ctx) => {
      const row = await ctx.loaders.methodologyById.load(e.methodologyId);
      if (!row) throw new Error(`methodology ${e.methodologyId} missing`);
      return shareRuleOfRow(row);
    },
    organizationRanking: (e, args, ctx) =>
      ranking.getOrganizationRanking(ctx, e, {
        dimension: args.dimension,
        first: args.first,
        after: args.after,
      }),
    sensitivity: (e, args, ctx) => ranking.getSensitivity(ctx, e, args.dimension),
    whatIf: (e, args, ctx) =>
      whatIf.getWhatIf(ctx, e, {
        dimension: args.dimension,
        weights: args.weights,
        first: args.first,
        after: args.after,
      }),
    evidence: (e, args, ctx) => editionEvidence.listEditionEvidence(ctx, e, args.filter ?? {}, args),
    evidenceCounts: (e, _, ctx) => editionEvidence.getEvidenceCounts(ctx, e),
    rankBounds: (e, args, ctx) =>
      whatIf.getRankBounds(ctx, e, {
        dimension: args.dimension,
        band: args.band,
        first: args.first,
        after: args.after,
      }),
    changes: (e, args, ctx) =>
      ranking.getChanges(ctx, e, {
        movers: args.movers ?? 10,
        minChange: args.minChange,
        against: args.against,
      }),
  },
  RankingEntry: {
    rankChange: (r) => (r.previousRank === null ? null : r.previousRank - r.rank),
    project: (r, _, ctx) => r.project ?? getProjectById(ctx, r.projectId),
    breakdown: (r, _, ctx) => fromResult(ctx, r.nodes, () => ranking.breakdownOf(r)),
    // The dimension's indicator rows come from one load shared by every entry of the page (then
    // without a promise), so each IndicatorScore resolves synchronously (a page holds thousands).
    indicators: (r, _, ctx) => {
      const models = dimensionIndicators(ctx, r.dimensionModel);
      return Array.isArray(models)
        ? indicatorScores(ctx, r, models)
        : models.then((loaded) => indicatorScores(ctx, r, loaded));
    },
    rankInterval: (r) => ranking.rankIntervalOf(r),
  },
  // Without a promise when the row cache holds the rows: a page resolves thousands of these.
  IndicatorScore: {
    evidence: (s, _, ctx) => keptEvidence(ctx, s.evidenceIds) ?? loadEvidence(ctx, s.evidenceIds),
    isIllustrative: (s, _, ctx) => {
      const kept = keptEvidence(ctx, s.evidenceIds);
      if (kept) return kept.some((e) => e.isIllustrative);
      return loadEvidence(ctx, s.evidenceIds).then((rows) => rows.some((e) => e.isIllustrative));
    },
  },
  Share: {
    label: (s) => ranking.regionLabel(s.region),
    topCount: (s, args) => s.ranks.filter((rank) => rank <= args.n).length,
  },
  OrganizationStanding: {
    organization: async (s, _, ctx) => {
      const row = await ctx.loaders.organizationById.load(s.organizationId);
      if (!row) throw new Error(`organization ${s.organizationId} missing`);
      return row;
    },
    topCount: (s, args) => s.ranks.filter((rank) => rank <= args.n).length,
  },
  RankInterval: {
    project: (r, _, ctx) => getProjectById(ctx, r.projectId),
  },
  RankMove: {
    project: (r, _, ctx) => getProjectById(ctx, r.projectId),
  },
  Dimension: {
    aggregate: (d) => d.definition.aggregate,
    nodes: (d) => dimensionNodes(d),
    indicators: (d, _, ctx) => indicatorModels(ctx, d.methodology, d.indicatorKeys),
  },
};
