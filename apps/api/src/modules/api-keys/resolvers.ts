/** API key resolvers. */
import { mayRead } from '../../graphql/field-rules';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import * as documents from './documents';
import * as apiKeys from './service';

export const resolvers: Resolvers = {
  Query: {
    apiKeys: (_, args, ctx) => apiKeys.listApiKeys(ctx, args.includeRevoked ?? false),
  },
  Mutation: {
    createApiKey: (_, { input }, ctx) => apiKeys.createApiKey(ctx, input),
    revokeApiKey: (_, args, ctx) => apiKeys.revokeApiKey(ctx, args.id),
    registerTrustedDocument: (_, { input }, ctx) => documents.registerTrustedDocument(ctx, input),
    removeTrustedDocument: (_, args, ctx) => documents.removeTrustedDocument(ctx, args.apiKeyId, args.hash),
    setApiKeyTrustedDocumentsOnly: (_, args, ctx) =>
      documents.setTrustedDocumentsOnly(ctx, args.id, args.only),
  },
  ApiKey: {
    rateLimit: async (k, _, ctx) => {
      const allowance = await apiKeys.getKeyAllowance(ctx, k.id, ctx.http.rateLimit);
      return {
        limit: allowance.limit,
        remaining: allowance.remaining,
        resetAt: new Date(Date.now() + allowance.resetInMs),
      };
    },
    trustedDocuments: (k, _, ctx) => documents.listTrustedDocuments(ctx, k.id),
    usage: (k, args, ctx) => apiKeys.getApiKeyUsage(ctx, k.id, args.days ?? 30),
    owner: (k, _, ctx) =>
      mayRead(ctx, 'ApiKey.owner', k.ownerId) && k.ownerId !== null
        ? ctx.loaders.userById.load(k.ownerId)
        : null,
  },
};
