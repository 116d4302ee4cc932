/** Evidence resolvers. Who submitted and reviewed, and review notes, follow the read rules of src/graphql/field-rules.ts. */
import { mayRead } from '../../graphql/field-rules';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import { getProjectById } from '../projects/service';
import * as evidence from './service';

export const resolvers: Resolvers = {
  EvidenceConnection: connectionResolvers,
  Query: {
    evidence: (_, args, ctx) => evidence.listEvidence(ctx, args.filter ?? {}, args),
    evidenceItem: (_, args, ctx) => evidence.getEvidenceItem(ctx, args.id),
  },
  Mutation: {
    submitEvidence: (_, { input }, ctx) => evidence.submitEvidence(ctx, input),
    reviewEvidence: (_, args, ctx) => evidence.reviewEvidence(ctx, args.id, args.decision, args.note),
    reviewEvidenceBatch: (_, args, ctx) =>
      evidence.reviewEvidenceBatch(ctx, args.ids, args.decision, args.note),
  },
  Evidence: {
    project: (e, _, ctx) => getProjectById(ctx, e.projectId),
    indicator: async (e, _, ctx) =>
      (await ctx.loaders.indicatorByKey.load(e.indicatorKey)) ?? {
        key: e.indicatorKey,
        name: e.indicatorKey,
        nameZh: null,
        unit: null,
        description: null,
      },
    submittedBy: (e, _, ctx) =>
      mayRead(ctx, 'Evidence.submittedBy', e.submittedBy) && e.submittedBy !== null
        ? ctx.loaders.userById.load(e.submittedBy)
        : null,
    reviewedBy: (e, _, ctx) =>
      mayRead(ctx, 'Evidence.reviewedBy', e.reviewedBy) && e.reviewedBy !== null
        ? ctx.loaders.userById.load(e.reviewedBy)
        : null,
    reviewNote: (e, _, ctx) => (mayRead(ctx, 'Evidence.reviewNote') ? e.reviewNote : null),
    anomaly: (e, _, ctx) => ctx.loaders.anomalyByEvidenceId.load(e.id),
    recordedAt: (e) => e.submittedAt,
    history: (e, _, ctx) => evidence.evidenceHistory(ctx, e),
    supersededBy: async (e, _, ctx) =>
      e.supersededBy === null ? null : ((await evidence.loadEvidence(ctx, [e.supersededBy]))[0] ?? null),
  },
};
