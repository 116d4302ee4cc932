'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formString, toActionError } from '@/server/action-errors';
import {
  API_SCOPES,
  type ApiScope,
  createApiKey,
  registerTrustedDocument,
  removeTrustedDocument,
  revokeApiKey,
  setTrustedDocumentsOnly,
} from '@/server/api/admin';
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

/** The largest document file read from the form (the API refuses more than 100 000 characters). */
const MAX_DOCUMENT_FILE_BYTES = 400_000;

/** Registers a trusted document from the pasted text, or else from the chosen file. */
export async function registerDocumentAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/api-keys', 'admin');
  const { t } = await getI18n();
  const apiKeyId = formString(data, 'apiKeyId');
  const name = formString(data, 'name');
  // The text exactly as given: its SHA-256 is what clients send.
  const pasted = data.get('document');
  let document = typeof pasted === 'string' ? pasted.replaceAll('\r\n', '\n') : '';
  const file = data.get('file');
  if (document.trim() === '' && file instanceof File && file.size > 0) {
    if (file.size > MAX_DOCUMENT_FILE_BYTES)
      return { status: 'error', message: t('error.PAYLOAD_TOO_LARGE'), values: { name } };
    document = await file.text();
  }
  if (!/^\d+$/.test(apiKeyId) || document.trim() === '')
    return {
      status: 'error',
      message: t('error.BAD_USER_INPUT'),
      fieldErrors: { document: t('apiKeys.documentMissing') },
      values: { name },
    };
  try {
    const registered = await registerTrustedDocument(user, { apiKeyId, document, name: name || null });
    revalidatePath('/admin/api-keys');
    return {
      status: 'ok',
      message: t('apiKeys.documentRegistered', { name: registered.name }),
      detail: [registered.hash],
    };
  } catch (error) {
    return toActionError(error, { name, document });
  }
}

export async function removeDocumentAction(data: FormData): Promise<void> {
  const user = await requireUser('/admin/api-keys', 'admin');
  const apiKeyId = formString(data, 'apiKeyId');
  const hash = formString(data, 'hash');
  if (!/^\d+$/.test(apiKeyId) || !/^[0-9a-f]{64}$/.test(hash)) return;
  await removeTrustedDocument(user, apiKeyId, hash);
  revalidatePath('/admin/api-keys');
}

export async function setTrustedDocumentsOnlyAction(data: FormData): Promise<void> {
  const user = await requireUser('/admin/api-keys', 'admin');
  const id = formString(data, 'id');
  if (!/^\d+$/.test(id)) return;
  await setTrustedDocumentsOnly(user, id, formString(data, 'only') === 'true');
  revalidatePath('/admin/api-keys');
}
