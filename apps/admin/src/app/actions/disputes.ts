'use server';

import { parseDecimal } from '@ranking/contracts';
import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formString, formValues, toActionError } from '@/server/action-errors';
import { acceptDispute, rejectDispute, submitDispute } from '@/server/api/disputes';
import { requireUser } from '@/server/auth';

const FIELDS = ['edition', 'project', 'indicator', 'claim', 'proposedValue', 'sourceUrl', 'contact'] as const;

/** The public "Contest this value" form: an anonymous `submitDispute` (the API checks everything). */
export async function submitDisputeAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const { t } = await getI18n();
  const values = formValues(data, FIELDS);
  // The claim keeps its own whitespace: it is stored as typed.
  const claimValue = data.get('claim');
  const claim = typeof claimValue === 'string' ? claimValue : '';
  const proposedText = values.proposedValue ?? '';
  const proposedValue = proposedText ? parseDecimal(proposedText) : null;
  if (proposedText && proposedValue === null) {
    return {
      status: 'error',
      message: t('error.BAD_USER_INPUT'),
      fieldErrors: { proposedValue: t('disputes.proposedValue') },
      values,
    };
  }
  try {
    const created = await submitDispute(
      {
        edition: values.edition ?? '',
        project: values.project ?? '',
        indicator: values.indicator ?? '',
        claim,
        proposedValue,
        sourceUrl: values.sourceUrl || null,
        contact: values.contact || null,
      },
      formString(data, 'contestToken') || undefined,
    );
    return {
      status: 'ok',
      message: t('disputes.submitted', { id: created.id, token: created.withdrawalToken ?? '' }),
      detail: [created.id],
    };
  } catch (error) {
    return toActionError(error, values);
  }
}

/** The triage page's accept and reject buttons (scope `evidence:review`). */
export async function decideDisputeAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/disputes', 'evidence:review');
  const { t } = await getI18n();
  const id = formString(data, 'id');
  const reason = formString(data, 'reason');
  try {
    if (formString(data, 'intent') === 'reject') {
      await rejectDispute(user, id, reason);
      revalidatePath('/admin/disputes');
      return { status: 'ok', message: t('disputes.rejected', { id }) };
    }
    const accepted = await acceptDispute(user, id, reason || null, formString(data, 'sourceUrl') || null);
    revalidatePath('/admin/disputes');
    return {
      status: 'ok',
      message: accepted.evidence
        ? t('disputes.acceptedWithEvidence', { id, evidence: accepted.evidence.id })
        : t('disputes.accepted', { id }),
    };
  } catch (error) {
    return toActionError(error);
  }
}
