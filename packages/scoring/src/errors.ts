/**
 * Typed errors of the scoring engine.
 *
 * Expected failures carry structured data so that callers (the API, the CLI) can map them to their
 * own transport without parsing messages: a {@link MethodologyError} lists every problem of a
 * methodology document with its JSON path; a {@link ScoringInputError} has an enumerated `code` and
 * names the project, indicator and observations concerned.
 */

/** One problem found in a methodology document. */
export interface MethodologyIssue {
  /** JSONPath of the offending value, e.g. `$.dimensions[0].children[1].weight`; `$` for the document. */
  path: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** 1-based line in the source text, when the problem was found while reading text. */
  line?: number;
  /** 1-based column in the source text, when known. */
  column?: number;
}

/** A methodology document that cannot be used: every issue found is listed, in document order. */
export class MethodologyError extends Error {
  readonly issues: MethodologyIssue[];

  constructor(issues: MethodologyIssue[]) {
    const first = issues[0];
    const head = first ? `${first.path}: ${first.message}` : 'invalid methodology';
    const more =
      issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super(`invalid methodology: ${head}${more}`);
    this.name = 'MethodologyError';
    this.issues = issues;
  }
}

/** The enumerated reasons why scoring inputs are refused. */
export type ScoringErrorCode =
  /** An observation names an indicator the methodology does not define. */
  | 'UNKNOWN_INDICATOR'
  /** An observation names a project absent from the `projects` list. */
  | 'UNKNOWN_PROJECT'
  /** Two entries of the `projects` list share a slug. */
  | 'DUPLICATE_PROJECT'
  /** An observation value is not a finite number, or a project/indicator field is not a string. */
  | 'INVALID_VALUE'
  /** A date (observedAt, retrievedAt, cutoff) is not in the expected format. */
  | 'INVALID_DATE'
  /** A transform has no real value for the input: log of x ≤ 0, log1p of x ≤ −1, sqrt of x < 0. */
  | 'TRANSFORM_DOMAIN'
  /** `normalize: none` met a value outside [0, 1]. */
  | 'NORMALIZE_DOMAIN'
  /** An option (samples, delta, seed, topN, movers) is out of range. */
  | 'INVALID_OPTION'
  /** The methodology declares a freshness `window` but no cutoff was given to measure it from. */
  | 'MISSING_CUTOFF';

/** Details attached to a {@link ScoringInputError}. */
export interface ScoringErrorDetails {
  project?: string;
  indicator?: string;
  /** Positions (0-based) in the `observations` input array of the observations concerned. */
  observations?: number[];
  /** Position (0-based) in the `projects` input array, for project-list errors. */
  projectIndex?: number;
}

/** Scoring inputs (observations, projects, options) that cannot be scored. */
export class ScoringInputError extends Error {
  readonly code: ScoringErrorCode;
  readonly project: string | undefined;
  readonly indicator: string | undefined;
  readonly observations: number[];
  readonly projectIndex: number | undefined;

  constructor(code: ScoringErrorCode, message: string, details: ScoringErrorDetails = {}) {
    super(message);
    this.name = 'ScoringInputError';
    this.code = code;
    this.project = details.project;
    this.indicator = details.indicator;
    this.observations = details.observations ?? [];
    this.projectIndex = details.projectIndex;
  }
}

/**
 * Thrown by the low-level numeric methods when an input value is outside the method's domain
 * (e.g. the log of a non-positive number). `index` is the position of the value in the input array,
 * so that the engine can name the project concerned.
 */
export class DomainError extends RangeError {
  readonly index: number;
  readonly value: number;

  constructor(message: string, index: number, value: number) {
    super(message);
    this.name = 'DomainError';
    this.index = index;
    this.value = value;
  }
}
