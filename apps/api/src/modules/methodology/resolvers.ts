/** Methodology and indicator resolvers: the document's trees and indicator definitions, typed. */
import { isIndicatorNode, SHARE_RULES } from '@ranking/scoring';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import * as methodology from './service';

const spellings = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in T as Uppercase<K>]: K };

export const resolvers: Resolvers = {
  Direction: spellings(['higher', 'lower']),
  CombineMethod: spellings(['latest', 'sum', 'max', 'min', 'mean', 'median', 'count']),
  TransformMethod: spellings(['none', 'log', 'log1p', 'sqrt']),
  NormalizeMethod: spellings(['minmax', 'goalposts', 'zscore', 'rank', 'none']),
  MissingPolicy: spellings(['zero', 'exclude', 'mean']),
  StalePolicy: spellings(['exclude', 'flag']),
  AggregateMethod: spellings(['arithmetic', 'geometric']),
  ShareRuleKey: spellings(SHARE_RULES),
  Query: {
    methodology: (_, args, ctx) => methodology.getMethodology(ctx, args),
    methodologies: (_, __, ctx) => methodology.listMethodologies(ctx),
    indicators: (_, args, ctx) => methodology.listIndicators(ctx, args),
  },
  Mutation: {
    uploadMethodology: (_, args, ctx) => methodology.uploadMethodology(ctx, args.document),
  },
  Methodology: {
    id: (m) => m.key,
    scale: (m) => methodology.methodologyOf(m).scale,
    document: (m) => methodology.methodologyOf(m),
    dimensions: (m) => methodology.dimensionsOf(m),
    indicators: (m, _, ctx) => methodology.indicatorsOf(ctx, m),
    shareRule: (m) => methodology.shareRuleOfRow(m),
  },
  Indicator: {
    direction: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.direction ?? null,
    combine: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.combine ?? null,
    cap: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.cap ?? null,
    winsorize: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.winsorize ?? null,
    transform: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.transform ?? null,
    normalize: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.normalize ?? null,
    missing: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.missing ?? null,
    window: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.window ?? null,
    stale: async (i, _, ctx) => (await methodology.definitionOf(ctx, i))?.stale ?? null,
  },
  Normalization: {
    min: (n) => (n.method === 'goalposts' ? n.min : null),
    max: (n) => (n.method === 'goalposts' ? n.max : null),
  },
  MethodologyNode: {
    __resolveType: (m) => (isIndicatorNode(m.node) ? 'IndicatorNode' : 'GroupNode'),
  },
  GroupNode: {
    key: (m) => m.node.key,
    name: (m) => m.node.name,
    weight: (m) => m.node.weight,
    aggregate: (m) => m.node.aggregate,
    children: (m) => m.node.children.map((node) => methodology.treeNode(node, m.methodology)),
  },
  IndicatorNode: {
    indicator: async (m, _, ctx) => {
      const [model] = await methodology.indicatorModels(ctx, m.methodology, [m.node.indicator]);
      if (!model) throw new Error(`indicator ${m.node.indicator} missing`);
      return model;
    },
    weight: (m) => m.node.weight,
  },
};
