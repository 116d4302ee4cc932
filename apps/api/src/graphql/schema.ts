/** The executable schema: merged module SDL + merged module resolvers. */
import { mergeResolvers } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers as apiKeys } from '../modules/api-keys/resolvers';
import { resolvers as audit } from '../modules/audit/resolvers';
import { resolvers as bulk } from '../modules/bulk/resolvers';
import { resolvers as collection } from '../modules/collection/resolvers';
import { resolvers as common } from '../modules/common/resolvers';
import { resolvers as disputes } from '../modules/disputes/resolvers';
import { resolvers as editions } from '../modules/editions/resolvers';
import { resolvers as evidence } from '../modules/evidence/resolvers';
import { resolvers as links } from '../modules/links/resolvers';
import { resolvers as methodology } from '../modules/methodology/resolvers';
import { resolvers as organizations } from '../modules/organizations/resolvers';
import { resolvers as projects } from '../modules/projects/resolvers';
import { resolvers as users } from '../modules/users/resolvers';
import { resolvers as webhooks } from '../modules/webhooks/resolvers';
import { loadTypeDefs } from './type-defs';

let cached: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  cached ??= makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: mergeResolvers([
      common,
      editions,
      evidence,
      projects,
      organizations,
      methodology,
      users,
      apiKeys,
      audit,
      bulk,
      collection,
      links,
      disputes,
      webhooks,
    ]),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  return cached;
}
