/** Evidence collection resolvers: project sources, runs, provenance. */
import type { CollectionRunStatus, ProjectSourceKind } from '@ranking/schema';
import { COLLECTION_RUN_STATUSES, PROJECT_SOURCE_KINDS } from '@ranking/schema';
import { collectorConfigOf } from '../../env';
import { upper } from '../../graphql/enum-values';
import { mayRead } from '../../graphql/field-rules';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import * as collection from './service';

export const resolvers: Resolvers = {
  SourceIdentifierKind: upper<ProjectSourceKind>(PROJECT_SOURCE_KINDS),
  CollectionRunStatus: upper<CollectionRunStatus>(COLLECTION_RUN_STATUSES),
  Query: {
    collectionRuns: (_, args, ctx) => collection.listCollectionRuns(ctx, args.first ?? 20),
    collectionRun: (_, args, ctx) => collection.getCollectionRun(ctx, args.id),
  },
  Mutation: {
    startCollection: async (_, { input }, ctx) => {
      const run = await collection.startCollection(ctx, input);
      // Runs in this process after the answer; its state is in the database (collectionRun), and a
      // run this process does not finish is resumed by the next `ranking collect`.
      const config = collectorConfigOf(ctx.deps.env);
      collection.runInBackground(ctx, run.id, { config });
      return run;
    },
    cancelCollection: (_, args, ctx) => collection.cancelCollection(ctx, args.id),
    setProjectSources: (_, args, ctx) => collection.setProjectSources(ctx, args.project, args.sources),
  },
  Project: {
    sources: (p, _, ctx) => collection.projectSources(ctx, p.id),
  },
  Evidence: {
    provenance: (e, _, ctx) => ctx.loaders.provenanceByEvidenceId.load(e.id),
  },
  EvidenceProvenance: {
    run: async (p, _, ctx) => {
      if (p.runId === null || !mayRead(ctx, 'EvidenceProvenance.run')) return null;
      return collection.getCollectionRun(ctx, p.runId);
    },
    rawResponse: (p, args, ctx) =>
      mayRead(ctx, 'EvidenceProvenance.rawResponse')
        ? collection.rawResponse(ctx, p.evidenceId, args.maxBytes ?? 65_536)
        : null,
  },
  CollectionRun: {
    progress: (r) => ({ done: r.progressDone, total: r.progressTotal }),
    counts: (r) =>
      Object.entries(r.counts).map(([source, c]) => ({
        source,
        added: c.added,
        unchanged: c.unchanged,
        failed: c.failed,
      })),
    findings: (r, _, ctx) => collection.listRunFindings(ctx, r.id),
    findingCount: (r, _, ctx) => collection.countRunFindings(ctx, r.id),
    evidence: (r, args, ctx) => collection.listRunEvidence(ctx, r.id, args),
  },
  CollectionFinding: {
    indicator: (f) => f.indicatorKey,
  },
};
