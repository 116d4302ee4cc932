/** Project resolvers. */
import { badInput } from '../../errors';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { isSelected, type SelectionInfo } from '../../graphql/selection';
import { connectionResolvers } from '../../lib/pagination';
import { getProjectResults } from '../editions/ranking-service';
import { listEvidence } from '../evidence/service';
import * as projects from './service';

/** Fields of `Project` answered from its organizations (`projects.projectOrganizations`). */
const ORGANIZATION_FIELDS = ['organizations', 'primaryOrganization', 'country'];

/** How many editions one `resultsIn` may name. */
const MAX_HISTORY_EDITIONS = 200;

/** Whether the operation asks for a project's organizations at `under` (a path ending in a dot). */
const selectsOrganizations = (info: SelectionInfo, under = '') =>
  ORGANIZATION_FIELDS.some((field) => isSelected(info, under + field));

export const resolvers: Resolvers = {
  ProjectConnection: connectionResolvers,
  Query: {
    project: (_, args, ctx, info) =>
      projects.getProject(ctx, args.slug, { withOrganizations: selectsOrganizations(info) }),
    projects: (_, args, ctx, info) =>
      projects.listProjects(ctx, args.filter ?? {}, args, {
        withOrganizations: selectsOrganizations(info, 'edges.node.'),
      }),
  },
  Mutation: {
    createProject: (_, { input }, ctx) => projects.createProject(ctx, input),
    updateProject: (_, args, ctx) => projects.updateProject(ctx, args.slug, args.input),
  },
  Project: {
    organizations: (p, _, ctx) =>
      projects.keptOrganizations(ctx, p.id) ?? projects.projectOrganizations(ctx, p.id),
    primaryOrganization: async (p, _, ctx) => (await projects.projectOrganizations(ctx, p.id))[0] ?? null,
    country: async (p, _, ctx) => (await projects.projectOrganizations(ctx, p.id))[0]?.country ?? null,
    results: (p, args, ctx) => getProjectResults(ctx, p.id, args),
    // The loaders batch the editions' rows into one statement.
    resultsIn: (p, args, ctx) => {
      if (args.editions.length > MAX_HISTORY_EDITIONS)
        throw badInput('editions', `At most ${MAX_HISTORY_EDITIONS} editions`);
      return Promise.all(
        args.editions.map(async (e) => ({
          year: e.year,
          revision: e.revision ?? null,
          results: await getProjectResults(ctx, p.id, e),
        })),
      );
    },
    evidence: (p, args, ctx) => listEvidence(ctx, args.filter ?? {}, args, { projectId: p.id }),
  },
};
