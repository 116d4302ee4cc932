/** API key resolvers. */
import { mayRead } from '../../graphql/field-rules';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import * as apiKeys from './service';

export const resolvers: Resolvers = {
  Query: {
    apiKeys: (_, args, ctx) => apiKeys.listApiKeys(ctx, args.includeRevoked ?? false),
  },
  Mutation: {
    createApiKey: (_, { input }, ctx) => apiKeys.createApiKey(ctx, input),
    revokeApiKey: (_, args, ctx) => apiKeys.revokeApiKey(ctx, args.id),
  },
  ApiKey: {
    id: (k) => String(k.id),
    rateLimit: async (k, _, ctx) => {
      const allowance = await apiKeys.getKeyAllowance(ctx, k.id, ctx.http.rateLimit);
      return {
        limit: allowance.limit,
        remaining: allowance.remaining,
        resetAt: new Date(Date.now() + allowance.resetInMs),
      };
    },
    owner: (k, _, ctx) =>
      mayRead(ctx, 'ApiKey.owner', k.ownerId) && k.ownerId !== null
        ? ctx.loaders.userById.load(k.ownerId)
        : null,
  },
};
