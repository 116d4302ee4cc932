'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formString, toActionError } from '@/server/action-errors';
import {
  createWebhook,
  deleteWebhook,
  redeliverWebhookDelivery,
  updateWebhook,
  WEBHOOK_EVENTS,
} from '@/server/api/webhooks';
import { requireUser } from '@/server/auth';

const isId = (id: string) => /^\d+$/.test(id);

/** Registers an endpoint; the secret comes back in `detail` — shown this once. */
export async function createWebhookAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/webhooks', 'admin');
  const { t } = await getI18n();
  const url = formString(data, 'url');
  const description = formString(data, 'description');
  const events = data
    .getAll('events')
    .filter((e): e is string => typeof e === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(e));
  const fieldErrors: Record<string, string> = {};
  if (!url) fieldErrors.url = t('error.BAD_USER_INPUT');
  if (events.length === 0) fieldErrors.events = t('webhooks.eventsRequired');
  if (Object.keys(fieldErrors).length > 0)
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors, values: { url, description } };
  try {
    const created = await createWebhook(user, { url, events, description });
    revalidatePath('/admin/webhooks');
    return { status: 'ok', message: t('webhooks.secret'), detail: [created.secret, created.webhook.id] };
  } catch (error) {
    return toActionError(error, { url, description });
  }
}

export async function setWebhookEnabledAction(data: FormData): Promise<void> {
  const user = await requireUser('/admin/webhooks', 'admin');
  const id = formString(data, 'id');
  if (!isId(id)) return;
  await updateWebhook(user, id, { enabled: formString(data, 'enabled') === 'true' });
  revalidatePath('/admin/webhooks');
  revalidatePath(`/admin/webhooks/${id}`);
}

export async function deleteWebhookAction(data: FormData): Promise<void> {
  const user = await requireUser('/admin/webhooks', 'admin');
  const id = formString(data, 'id');
  if (!isId(id)) return;
  await deleteWebhook(user, id);
  revalidatePath('/admin/webhooks');
  revalidatePath(`/admin/webhooks/${id}`);
}

/** "Send again": the delivery becomes due now; its next request is a new attempt. */
export async function redeliverAction(data: FormData): Promise<void> {
  const webhookId = formString(data, 'webhookId');
  const user = await requireUser(`/admin/webhooks/${isId(webhookId) ? webhookId : ''}`, 'admin');
  const id = formString(data, 'id');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await redeliverWebhookDelivery(user, id);
  if (isId(webhookId)) revalidatePath(`/admin/webhooks/${webhookId}`);
}
