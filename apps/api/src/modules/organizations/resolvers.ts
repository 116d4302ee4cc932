/** Organization resolvers. */
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import * as organizations from './service';

export const resolvers: Resolvers = {
  OrganizationConnection: connectionResolvers,
  Query: {
    organization: (_, args, ctx) => organizations.getOrganization(ctx, args.slug),
    organizations: (_, args, ctx) => organizations.listOrganizations(ctx, args.filter ?? {}, args),
  },
  Mutation: {
    createOrganization: (_, { input }, ctx) => organizations.createOrganization(ctx, input),
    updateOrganization: (_, args, ctx) => organizations.updateOrganization(ctx, args.slug, args.input),
  },
  Organization: {
    projects: (o, _, ctx) => organizations.organizationProjects(ctx, o.id),
  },
};
