/** Webhook resolvers: endpoints, their delivery log, and "send again". */
import { WEBHOOK_DELIVERY_STATUSES } from '@ranking/schema';
import { upper } from '../../graphql/enum-values';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import * as webhooks from './service';

export const resolvers: Resolvers = {
  WebhookDeliveryStatus: upper(WEBHOOK_DELIVERY_STATUSES),
  Query: {
    webhooks: (_, args, ctx) => webhooks.listWebhooks(ctx, args.includeDeleted ?? false),
    webhook: (_, args, ctx) => webhooks.getWebhook(ctx, args.id),
  },
  Mutation: {
    createWebhook: (_, { input }, ctx) => webhooks.createWebhook(ctx, input),
    updateWebhook: (_, { id, input }, ctx) => webhooks.updateWebhook(ctx, id, input),
    deleteWebhook: (_, { id }, ctx) => webhooks.deleteWebhook(ctx, id),
    redeliverWebhookDelivery: (_, { id }, ctx) => webhooks.redeliverWebhookDelivery(ctx, id),
  },
  Webhook: {
    deliveries: (w, args, ctx) => webhooks.webhookDeliveries(ctx, w.id, args),
  },
  WebhookDeliveryConnection: connectionResolvers,
  WebhookDelivery: {
    attemptLog: (d, _, ctx) => webhooks.deliveryAttempts(ctx, d.id),
  },
};
