'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { toActionError } from '@/server/action-errors';
import { uploadMethodology } from '@/server/api/methodology';
import { requireUser } from '@/server/auth';

const MAX_BYTES = 1_000_000;

/** Uploads a methodology; problems come back as "path\tmessage" lines in `detail`. */
export async function uploadMethodologyAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/methodology', 'editions:manage');
  const { t } = await getI18n();
  const file = data.get('file');
  const pasted = data.get('document');
  let document = typeof pasted === 'string' ? pasted.trim() : '';
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_BYTES) return { status: 'error', message: t('error.BAD_USER_INPUT') };
    document = (await file.text()).trim();
  }
  if (!document)
    return {
      status: 'error',
      message: t('error.BAD_USER_INPUT'),
      fieldErrors: { document: t('methodology.file') },
    };
  try {
    const result = await uploadMethodology(user, document);
    if (result.problems.length > 0 || !result.methodology) {
      return {
        status: 'error',
        message: t('methodology.problems', { count: result.problems.length }),
        detail: result.problems.map((p) => `${p.path}\t${p.message}`),
      };
    }
    revalidatePath('/admin/methodology');
    return { status: 'ok', message: t('methodology.uploaded', { version: result.methodology.version }) };
  } catch (error) {
    return toActionError(error);
  }
}
