/**
 * Checks of the evidence form, shared by the browser (instant messages) and the server action: the
 * evidence input schema of @ranking/contracts (the API's and the bulk import's rules), each field's
 * problem shown as the form's own message.
 */
import { evidenceInputSchema, evidenceProblems } from '@ranking/contracts';
import type { MessageKey } from '@/i18n/messages';

export interface EvidenceFormValues {
  project: string;
  indicator: string;
  value: string;
  sourceUrl: string;
  observedAt: string;
}

export type EvidenceFieldErrors = Partial<Record<keyof EvidenceFormValues, MessageKey>>;

const MESSAGE_OF: Record<keyof EvidenceFormValues, MessageKey> = {
  project: 'evidence.valid.project',
  indicator: 'evidence.valid.indicator',
  value: 'evidence.valid.value',
  sourceUrl: 'evidence.valid.url',
  observedAt: 'evidence.valid.date',
};

const isFormField = (field: string): field is keyof EvidenceFormValues => field in MESSAGE_OF;

export function validateEvidence(values: EvidenceFormValues): EvidenceFieldErrors {
  const result = evidenceInputSchema().safeParse(values);
  const errors: EvidenceFieldErrors = {};
  if (result.success) return errors;
  for (const { field } of evidenceProblems(result.error)) {
    if (isFormField(field)) errors[field] = MESSAGE_OF[field];
  }
  return errors;
}
