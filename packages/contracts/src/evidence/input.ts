/**
 * The evidence input schema: the rules every writer of evidence goes through (the `submitEvidence`
 * mutation, a collection run, the bulk CSV import, the admin's evidence form). Each field is checked
 * and normalised here; whether the project and indicator exist is the API's check (it needs the
 * database).
 *
 * Values may arrive typed (GraphQL: a number, a Date) or as text (a CSV cell, a form field): both are
 * accepted and read the same way. Every failure is one zod issue at the field's key with a message
 * that names the field as the caller calls it (`names`: `observed_at` in a CSV file).
 */
import { z } from 'zod';
import { canonicalizeUrl, InvalidUrlError } from './canonical-url';
import { SOURCE_KINDS, type SourceKind } from './source-kinds';
import {
  isCalendarDate,
  MAX_NOTE_LENGTH,
  MAX_SOURCE_URL_LENGTH,
  parseDecimal,
  RETRIEVED_AT_SKEW_MS,
  todayUtc,
} from './values';

export const EVIDENCE_FIELDS = [
  'project',
  'indicator',
  'value',
  'sourceUrl',
  'observedAt',
  'retrievedAt',
  'sourceKind',
  'note',
] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

/** A checked evidence value, ready to store (with its submitter). */
export interface EvidenceInput {
  project: string;
  indicator: string;
  value: number;
  /** The URL as given, trimmed. */
  sourceUrl: string;
  /** Its canonical form (canonicalizeUrl), for duplicate detection. */
  canonicalUrl: string;
  observedAt: string;
  /** Null when not given: the API then stores the time of the request. */
  retrievedAt: Date | null;
  sourceKind: SourceKind;
  note: string | null;
}

export interface EvidenceSchemaOptions {
  /** The time "in the future" is measured against (default: now). */
  now?: Date;
  /** What the messages call each field (default: its key). */
  names?: Partial<Record<EvidenceField, string>>;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';
const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The schema of one evidence input. Parse with `safeParse` and read `error.issues`: each names its
 * field in `path[0]` and says what is wrong in `message`.
 *
 * @example
 * evidenceInputSchema({ names: { observedAt: 'observed_at' } }).safeParse(row)
 */
export function evidenceInputSchema(options: EvidenceSchemaOptions = {}) {
  const now = options.now ?? new Date();
  const today = todayUtc(now);
  const name = (field: EvidenceField) => options.names?.[field] ?? field;

  const requiredText = (field: EvidenceField) =>
    z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const text = asText(value);
        if (text) return text;
        ctx.addIssue({ code: 'custom', message: `${name(field)} must not be empty` });
        return z.NEVER;
      });

  const value = z
    .unknown()
    .optional()
    .transform((input, ctx) => {
      let number: number | null;
      let shown: string;
      if (typeof input === 'number') {
        number = input;
        shown = String(input);
      } else if (typeof input === 'string') {
        shown = input.trim();
        number = parseDecimal(shown);
        if (number === null) {
          ctx.addIssue({ code: 'custom', message: `non-numeric ${name('value')} "${shown}"` });
          return z.NEVER;
        }
      } else {
        ctx.addIssue({ code: 'custom', message: `${name('value')} must be a number` });
        return z.NEVER;
      }
      if (Number.isFinite(number)) return number;
      ctx.addIssue({ code: 'custom', message: `${name('value')} ${shown} is not a finite number` });
      return z.NEVER;
    });

  const sourceUrl = z
    .unknown()
    .optional()
    .transform((input, ctx) => {
      const text = asText(input);
      const field = name('sourceUrl');
      if (!text) {
        ctx.addIssue({ code: 'custom', message: `${field} must not be empty` });
        return z.NEVER;
      }
      if (text.length > MAX_SOURCE_URL_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `${field} is longer than ${MAX_SOURCE_URL_LENGTH} characters`,
        });
        return z.NEVER;
      }
      try {
        return { sourceUrl: text, canonicalUrl: canonicalizeUrl(text) };
      } catch (error) {
        if (!(error instanceof InvalidUrlError)) throw error;
        ctx.addIssue({
          code: 'custom',
          message: `${field} is not an http(s) URL: "${text}" (${error.reason})`,
        });
        return z.NEVER;
      }
    });

  const observedAt = z
    .unknown()
    .optional()
    .transform((input, ctx) => {
      const text = asText(input);
      const field = name('observedAt');
      if (!isCalendarDate(text)) {
        ctx.addIssue({ code: 'custom', message: `${field} must be a YYYY-MM-DD date, not "${text}"` });
        return z.NEVER;
      }
      if (text > today) {
        ctx.addIssue({ code: 'custom', message: `${field} ${text} is in the future` });
        return z.NEVER;
      }
      return text;
    });

  const retrievedAt = z
    .unknown()
    .optional()
    .transform((input, ctx): Date | null => {
      if (isBlank(input) || (typeof input === 'string' && input.trim() === '')) return null;
      const field = name('retrievedAt');
      const shown = input instanceof Date ? input.toISOString() : String(input).trim();
      const date = input instanceof Date ? new Date(input.getTime()) : new Date(shown);
      if (Number.isNaN(date.getTime()) || (typeof input !== 'string' && !(input instanceof Date))) {
        ctx.addIssue({ code: 'custom', message: `${field} must be an ISO 8601 date-time, not "${shown}"` });
        return z.NEVER;
      }
      if (date.getTime() > now.getTime() + RETRIEVED_AT_SKEW_MS) {
        ctx.addIssue({ code: 'custom', message: `${field} ${shown} is in the future` });
        return z.NEVER;
      }
      return date;
    });

  const sourceKind = z
    .unknown()
    .optional()
    .transform((input, ctx): SourceKind => {
      if (isBlank(input)) return 'other';
      const text = typeof input === 'string' ? input.trim() : String(input);
      if (text === '') return 'other';
      const kind = SOURCE_KINDS.find((k) => k === text);
      if (kind) return kind;
      ctx.addIssue({
        code: 'custom',
        message: `${name('sourceKind')} must be one of ${SOURCE_KINDS.join(', ')}, not "${text}"`,
      });
      return z.NEVER;
    });

  const note = z
    .unknown()
    .optional()
    .transform((input, ctx): string | null => {
      const text = asText(input);
      if (text.length > MAX_NOTE_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `${name('note')} is longer than ${MAX_NOTE_LENGTH} characters`,
        });
        return z.NEVER;
      }
      return text || null;
    });

  // The order of the keys is the order the API reports the first problem in.
  return z
    .object({
      value,
      observedAt,
      sourceUrl,
      retrievedAt,
      note,
      sourceKind,
      project: requiredText('project'),
      indicator: requiredText('indicator'),
    })
    .transform(
      ({ sourceUrl: url, ...rest }): EvidenceInput => ({
        project: rest.project,
        indicator: rest.indicator,
        value: rest.value,
        sourceUrl: url.sourceUrl,
        canonicalUrl: url.canonicalUrl,
        observedAt: rest.observedAt,
        retrievedAt: rest.retrievedAt,
        sourceKind: rest.sourceKind,
        note: rest.note,
      }),
    );
}

/** One problem of an evidence input: the field at fault and what is wrong. */
export interface EvidenceProblem {
  field: EvidenceField;
  message: string;
}

/** The problems of a failed parse, one per field at most, in the schema's order. */
export function evidenceProblems(error: z.ZodError): EvidenceProblem[] {
  return error.issues.map((issue) => {
    const key = issue.path[0];
    const field = EVIDENCE_FIELDS.find((f) => f === key);
    // Every issue of evidenceInputSchema is at a field; anything else is a misuse of the schema.
    if (!field) throw new TypeError(`evidenceProblems: an issue at no evidence field (${String(key)})`);
    return { field, message: issue.message };
  });
}
