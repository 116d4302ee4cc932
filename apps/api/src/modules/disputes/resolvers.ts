/** Dispute resolvers: thin; the rules are in ./service.ts. No field reads the contact address. */

import { mayRead } from '../../graphql/field-rules';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import { loadVisibleEdition } from '../editions/visibility-service';
import { loadEvidence } from '../evidence/service';
import { getProjectById } from '../projects/service';
import * as contacts from './contacts-service';
import * as disputes from './service';

export const resolvers: Resolvers = {
  DisputeConnection: connectionResolvers,
  Query: {
    dispute: (_, args, ctx) => disputes.getDispute(ctx, args.id),
    disputes: (_, args, ctx) => disputes.listDisputes(ctx, args.filter ?? {}, args),
  },
  Mutation: {
    submitDispute: (_, { input }, ctx) => disputes.submitDispute(ctx, input),
    acceptDispute: (_, args, ctx) => disputes.acceptDispute(ctx, args.id, args.reason, args.sourceUrl),
    rejectDispute: (_, args, ctx) => disputes.rejectDispute(ctx, args.id, args.reason),
    withdrawDispute: (_, args, ctx) => disputes.withdrawDispute(ctx, args.id, args.token),
    openContestWindow: (_, args, ctx) =>
      disputes.openContestWindow(
        ctx,
        args.edition,
        new Date(args.opensAt),
        new Date(args.closesAt),
        args.visibility ?? 'public',
      ),
    setProjectContacts: (_, args, ctx) => contacts.setProjectContacts(ctx, args.project, args.contacts),
  },
  Project: {
    contacts: (p, _, ctx) => contacts.projectContacts(ctx, p.id),
  },
  ProjectContact: {
    addedBy: (c, _, ctx) =>
      mayRead(ctx, 'ProjectContact.addedBy', c.addedBy) && c.addedBy !== null
        ? ctx.loaders.userById.load(c.addedBy)
        : null,
  },
  Edition: {
    disputes: (edition, args, ctx) => disputes.listEditionDisputes(ctx, edition, args),
    disputeCounts: (edition, _, ctx) => disputes.getDisputeCounts(ctx, edition),
    contestWindow: (edition, _, ctx) => disputes.getContestWindow(ctx, edition),
  },
  Evidence: {
    dispute: (e, _, ctx) => disputes.disputeOfEvidence(ctx, e.id),
  },
  ContestWindow: {
    isOpen: (w, _, ctx) => w.opensAt <= ctx.deps.now() && ctx.deps.now() < w.closesAt,
  },
  Dispute: {
    edition: (d, _, ctx) => loadVisibleEdition(ctx, d.editionId),
    project: async (d, _, ctx) => {
      const project = await getProjectById(ctx, d.projectId);
      if (!project) throw new Error(`project ${d.projectId} of dispute ${d.id} is missing`);
      return project;
    },
    indicator: async (d, _, ctx) =>
      (await ctx.loaders.indicatorByKey.load(d.indicatorKey)) ?? {
        key: d.indicatorKey,
        name: d.indicatorKey,
        nameZh: null,
        unit: null,
        description: null,
      },
    evidence: async (d, _, ctx) =>
      d.evidenceId === null ? null : ((await loadEvidence(ctx, [d.evidenceId]))[0] ?? null),
    withdrawalToken: (d) => d.withdrawalToken ?? null,
  },
};
