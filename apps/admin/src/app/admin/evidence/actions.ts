'use server';

import { canonicalizeUrl, parseDecimal } from '@ranking/contracts';
import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { validateEvidence } from '@/lib/evidence-validation';
import { statusLabel } from '@/lib/labels';
import { formString, formValues, toActionError } from '@/server/action-errors';
import {
  findEvidence,
  reviewEvidence,
  reviewEvidenceBatch,
  SOURCE_KINDS,
  type SourceKind,
  submitEvidence,
} from '@/server/api/evidence';
import { requireUser } from '@/server/auth';
import { ApiError } from '@/server/graphql';

const FIELDS = ['project', 'indicator', 'value', 'sourceUrl', 'observedAt', 'sourceKind', 'note'] as const;

export async function submitEvidenceAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/evidence/new', 'evidence:write');
  const { t, locale } = await getI18n();
  const values = formValues(data, FIELDS);
  const problems = validateEvidence({
    project: values.project ?? '',
    indicator: values.indicator ?? '',
    value: values.value ?? '',
    sourceUrl: values.sourceUrl ?? '',
    observedAt: values.observedAt ?? '',
  });
  const fieldErrors = Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, t(key)]));
  if (Object.keys(fieldErrors).length > 0) {
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors, values };
  }
  const project = values.project ?? '';
  const indicator = values.indicator ?? '';
  const sourceUrl = values.sourceUrl ?? '';
  const value = parseDecimal((values.value ?? '').trim()) ?? 0;
  const rawKind = values.sourceKind ?? '';
  const sourceKind: SourceKind = (SOURCE_KINDS as readonly string[]).includes(rawKind)
    ? (rawKind as SourceKind)
    : 'OTHER';
  try {
    if (formString(data, 'confirmDuplicate') !== '1') {
      // Same source for the same project and indicator is probably the same value entered twice.
      const existing = await findEvidence(user, { project, indicator }, 100);
      // The API stores each link's canonical form by the same rule (@ranking/contracts).
      const canonical = canonicalizeUrl(sourceUrl);
      const duplicates = existing.edges
        .map((e) => e.node)
        .filter((e) => e.status !== 'REJECTED' && e.canonicalUrl === canonical);
      if (duplicates.length > 0) {
        return {
          status: 'warning',
          message: t('evidence.duplicate'),
          detail: duplicates.map(
            (e) =>
              `#${e.id} · ${new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US').format(e.value)} · ${e.observedAt} · ${statusLabel(t, e.status)}`,
          ),
          values,
        };
      }
    }
    const created = await submitEvidence(user, {
      project,
      indicator,
      value,
      sourceUrl,
      observedAt: values.observedAt ?? '',
      sourceKind,
      note: values.note || null,
    });
    revalidatePath('/admin/evidence');
    return { status: 'ok', message: `${t('evidence.submitted')} (#${created.id})`, detail: [created.id] };
  } catch (error) {
    return toActionError(error, values);
  }
}

/** One form for the queue: the pressed button's `intent` says approve:ID, reject:ID or bulk. */
export async function reviewAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/evidence', 'evidence:review');
  const { t } = await getI18n();
  const intent = formString(data, 'intent');
  try {
    if (intent === 'bulk') {
      const ids = data.getAll('ids').filter((v): v is string => typeof v === 'string' && /^\d+$/.test(v));
      if (ids.length === 0) return { status: 'idle' };
      // One transaction on the API side: all approved, or none (the error names the evidence).
      const reviewed = await reviewEvidenceBatch(user, ids, 'APPROVE', null);
      revalidatePath('/admin/evidence');
      return { status: 'ok', message: t('evidence.approved', { count: reviewed.length }) };
    }
    const [verb, id] = intent.split(':');
    if (!id || !/^\d+$/.test(id)) return { status: 'idle' };
    if (verb === 'approve') {
      try {
        await reviewEvidence(user, id, 'APPROVE', formString(data, `note-${id}`) || null);
      } catch (error) {
        // The API refuses to approve a value flagged as an anomaly without a note (docs/data-model.md,
        // "Anomaly flags"); the form asks for one, this says so if it was left empty anyway.
        if (
          error instanceof ApiError &&
          error.code === 'BAD_USER_INPUT' &&
          error.field?.split('.').at(-1) === 'note'
        ) {
          return {
            status: 'error',
            message: t('evidence.flaggedNoteRequired', { id }),
            fieldErrors: { [`note-${id}`]: t('evidence.flaggedNoteRequired', { id }) },
          };
        }
        throw error;
      }
      revalidatePath('/admin/evidence');
      return { status: 'ok', message: t('evidence.approved', { count: 1 }) };
    }
    if (verb === 'reject') {
      const note = formString(data, `note-${id}`);
      if (!note) {
        return {
          status: 'error',
          message: t('evidence.noteRequired'),
          fieldErrors: { [`note-${id}`]: t('evidence.noteRequired') },
        };
      }
      await reviewEvidence(user, id, 'REJECT', note);
      revalidatePath('/admin/evidence');
      return { status: 'ok', message: t('evidence.rejected') };
    }
    return { status: 'idle' };
  } catch (error) {
    revalidatePath('/admin/evidence');
    return toActionError(error);
  }
}
