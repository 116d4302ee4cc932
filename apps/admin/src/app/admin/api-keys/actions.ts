'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formString, toActionError } from '@/server/action-errors';
import { API_SCOPES, type ApiScope, createApiKey, revokeApiKey } from '@/server/api/admin';
import { requireUser } from '@/server/auth';

export async function createApiKeyAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/api-keys', 'admin');
  const { t } = await getI18n();
  const name = formString(data, 'name');
  const scopes = data
    .getAll('scopes')
    .filter((s): s is ApiScope => typeof s === 'string' && (API_SCOPES as readonly string[]).includes(s));
  const fieldErrors: Record<string, string> = {};
  if (!name) fieldErrors.name = t('error.BAD_USER_INPUT');
  if (scopes.length === 0) fieldErrors.scopes = t('error.BAD_USER_INPUT');
  if (Object.keys(fieldErrors).length > 0)
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors };
  try {
    const created = await createApiKey(user, { name, scopes });
    revalidatePath('/admin/api-keys');
    return { status: 'ok', message: t('apiKeys.secret'), detail: [created.key] };
  } catch (error) {
    return toActionError(error, { name });
  }
}

export async function revokeApiKeyAction(data: FormData): Promise<void> {
  const user = await requireUser('/admin/api-keys', 'admin');
  const id = formString(data, 'id');
  if (!/^\d+$/.test(id)) return;
  await revokeApiKey(user, id);
  revalidatePath('/admin/api-keys');
}
