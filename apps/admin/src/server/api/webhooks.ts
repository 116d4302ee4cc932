/** Webhook endpoints and their delivery log, for administrators (apps/api/src/modules/webhooks/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type { WebhookDetailQuery, WebhookFieldsFragment } from '@/graphql/generated/graphql';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

export type Webhook = WebhookFieldsFragment;
export type WebhookDelivery = NonNullable<
  WebhookDetailQuery['webhook']
>['deliveries']['edges'][number]['node'];

/** The events an endpoint can subscribe to (the API validates them; docs/webhooks.md). */
export const WEBHOOK_EVENTS = ['edition.published', 'edition.corrected', 'collection.finished'] as const;

graphql(`
  fragment WebhookFields on Webhook {
    id url description events enabled createdAt updatedAt deletedAt
  }
`);

const WEBHOOKS = graphql(`
  query Webhooks {
    webhooks(includeDeleted: true) { ...WebhookFields }
  }
`);

const WEBHOOK_DETAIL = graphql(`
  query WebhookDetail($id: ID!, $first: Int, $after: String) {
    webhook(id: $id) {
      ...WebhookFields
      deliveries(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id event eventId status attempts lastResponseCode lastError lastDurationMs
            nextAttemptAt deliveredAt createdAt
            attemptLog { attemptedAt ok responseCode error durationMs }
          }
        }
      }
    }
  }
`);

const CREATE_WEBHOOK = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) { secret webhook { ...WebhookFields } }
  }
`);

const UPDATE_WEBHOOK = graphql(`
  mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) { ...WebhookFields }
  }
`);

const DELETE_WEBHOOK = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id) { ...WebhookFields }
  }
`);

const REDELIVER = graphql(`
  mutation RedeliverWebhookDelivery($id: ID!) {
    redeliverWebhookDelivery(id: $id) { id status }
  }
`);

export async function listWebhooks(user: SessionUser): Promise<Webhook[]> {
  const data = await request(WEBHOOKS, {}, { user });
  return data.webhooks;
}

export async function findWebhook(
  user: SessionUser,
  id: string,
  first = 20,
  after?: string | null,
): Promise<WebhookDetailQuery['webhook']> {
  const data = await request(WEBHOOK_DETAIL, { id, first, after: after ?? null }, { user });
  return data.webhook;
}

export async function createWebhook(
  user: SessionUser,
  input: { url: string; events: string[]; description: string },
): Promise<{ webhook: Webhook; secret: string }> {
  const data = await request(CREATE_WEBHOOK, { input }, { user });
  return data.createWebhook;
}

export async function updateWebhook(
  user: SessionUser,
  id: string,
  input: { enabled?: boolean; events?: string[] },
): Promise<Webhook> {
  const data = await request(UPDATE_WEBHOOK, { id, input }, { user });
  return data.updateWebhook;
}

export async function deleteWebhook(user: SessionUser, id: string): Promise<Webhook> {
  const data = await request(DELETE_WEBHOOK, { id }, { user });
  return data.deleteWebhook;
}

export async function redeliverWebhookDelivery(user: SessionUser, id: string): Promise<void> {
  await request(REDELIVER, { id }, { user });
}
