/** Project resolvers. */
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import { getProjectResults } from '../editions/service';
import { listEvidence } from '../evidence/service';
import * as projects from './service';

export const resolvers: Resolvers = {
  ProjectConnection: connectionResolvers,
  Query: {
    project: (_, args, ctx) => projects.getProject(ctx, args.slug),
    projects: (_, args, ctx) => projects.listProjects(ctx, args.filter ?? {}, args),
  },
  Mutation: {
    createProject: (_, { input }, ctx) => projects.createProject(ctx, input),
    updateProject: (_, args, ctx) => projects.updateProject(ctx, args.slug, args.input),
  },
  Project: {
    id: (p) => String(p.id),
    organizations: (p, _, ctx) => projects.projectOrganizations(ctx, p.id),
    primaryOrganization: async (p, _, ctx) => (await projects.projectOrganizations(ctx, p.id))[0] ?? null,
    country: async (p, _, ctx) => (await projects.projectOrganizations(ctx, p.id))[0]?.country ?? null,
    results: (p, args, ctx) => getProjectResults(ctx, p.id, args),
    evidence: (p, args, ctx) => listEvidence(ctx, args.filter ?? {}, args, p.id),
  },
};
