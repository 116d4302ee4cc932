/** Methodology and indicator resolvers. */
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import * as methodology from './service';

export const resolvers: Resolvers = {
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
  },
};
