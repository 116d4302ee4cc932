/** Viewer, sign-in and user management resolvers. */
import { AppError, toGraphQLError } from '../../errors';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import { getOwnApiKey } from '../api-keys/service';
import * as users from './service';

export const resolvers: Resolvers = {
  UserConnection: connectionResolvers,
  Query: {
    viewer: (_, __, ctx) => {
      ctx.cache.mark('private');
      return ctx.actor;
    },
    users: (_, args, ctx) => users.listUsers(ctx, args),
  },
  Mutation: {
    // A throttled sign-in answers HTTP 429 with Retry-After, not just an error in a 200.
    signIn: (_, args, ctx) =>
      users.signIn(ctx, args.email, args.password).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'RATE_LIMITED'
          ? toGraphQLError(error, { withHttpStatus: true })
          : error;
      }),
    signOut: (_, __, ctx) => users.signOut(ctx),
    createUser: (_, { input }, ctx) => users.createUser(ctx, input),
    updateUser: (_, args, ctx) => users.updateUser(ctx, args.id, args.input),
  },
  Viewer: {
    kind: (a) => (a.kind === 'system' ? 'user' : a.kind),
    user: (a, _, ctx) => (a.kind === 'user' ? users.getUser(ctx, a.userId) : null),
    apiKey: (_, __, ctx) => getOwnApiKey(ctx),
    scopes: (a) => [...a.scopes],
  },
  User: {
    disabled: (u) => u.disabledAt !== null,
  },
};
