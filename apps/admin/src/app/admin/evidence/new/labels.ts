import type { MessageKey } from '@/i18n/messages';

/** Message keys of the evidence form's labels and validation messages. */
export const EVIDENCE_FORM_LABELS = {
  project: 'common.project',
  indicator: 'common.indicator',
  value: 'common.value',
  sourceUrl: 'evidence.sourceUrl',
  observedAt: 'evidence.observedAt',
  sourceKind: 'evidence.sourceKind',
  note: 'evidence.note',
  optional: 'common.optional',
  pickProject: 'evidence.pickProject',
  pickIndicator: 'evidence.pickIndicator',
  valueHelp: 'evidence.valueHelp',
  urlHelp: 'evidence.urlHelp',
  dateHelp: 'evidence.dateHelp',
  submit: 'evidence.new',
  submitAnyway: 'evidence.submitAnyway',
  duplicateList: 'evidence.duplicateList',
  illustrative: 'common.illustrative',
  'evidence.valid.project': 'evidence.valid.project',
  'evidence.valid.indicator': 'evidence.valid.indicator',
  'evidence.valid.value': 'evidence.valid.value',
  'evidence.valid.url': 'evidence.valid.url',
  'evidence.valid.date': 'evidence.valid.date',
} as const satisfies Record<string, MessageKey>;

export type EvidenceFormLabels = Record<keyof typeof EVIDENCE_FORM_LABELS, string>;
