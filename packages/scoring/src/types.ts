import type { Methodology } from './methodology/types';

/** A project as the engine sees it. Only `slug` and `category` affect scores; the rest feeds shares. */
export interface ProjectInput {
  slug: string;
  name?: string;
  /** Matched against a dimension's `category` to form its population (docs/methodology-format.md step 1). */
  category?: string | null;
  /** The primary organization (the first one), which decides shares (docs/methodology-format.md, Shares). */
  organization?: string | null;
  /** ISO 3166-1 alpha-2 country of the primary organization; absent → region `unknown`. */
  country?: string | null;
}

/** One approved evidence value: a value for one project and one indicator. */
export interface Observation {
  id?: string | null;
  project: string;
  indicator: string;
  value: number;
  /** The date the value was true, `YYYY-MM-DD` (a longer ISO timestamp is read by its date part). */
  observedAt?: string | null;
  /** When the value was retrieved (ISO 8601); breaks ties of `observedAt` for `combine: latest`. */
  retrievedAt?: string | null;
  sourceUrl?: string | null;
}

/** The input of {@link scoreEdition} (and, with options, of sensitivity analysis). */
export interface ScoreEditionInput {
  methodology: Methodology;
  /** The projects of the edition; omitted → every project named in `observations`, in every dimension. */
  projects?: readonly ProjectInput[];
  observations: readonly Observation[];
  /**
   * Evidence cutoff `YYYY-MM-DD`: observations observed after it are ignored; freshness windows
   * and ages are measured back from it (required when an indicator has a `window`).
   */
  cutoff?: string;
  /**
   * Which indicator results carry `imputed`, `stale` and `ageDays` ({@link IndicatorFreshness}).
   * `auto` (default): exactly when the methodology gives some indicator a `window`, so the results
   * of methodologies without windows — which enter content hashes — keep the shape they had before
   * these fields existed. `always`: every result (for display; not for hashing).
   */
  freshness?: 'auto' | 'always';
}

/**
 * Whether an indicator's value was measured, imputed or stale. Part of every {@link IndicatorResult}
 * when the methodology has freshness windows (see `ScoreEditionInput.freshness`).
 */
export interface IndicatorFreshness {
  /**
   * True when no evidence value entered (none at all, or only stale evidence that `stale: exclude`
   * dropped): the missing-value policy decided the normalised value (0, the mean, or left out).
   * A measured 0 is not imputed.
   */
  imputed: boolean;
  /**
   * True when the evidence is older than the indicator's window (`cutoff − window`, boundary
   * inclusive): with `stale: flag` the value used includes such evidence; with `stale: exclude`
   * all of it was dropped, so `imputed` is true too. Always false without a window.
   */
  stale: boolean;
  /**
   * Whole days from the observed date of the oldest evidence behind the value to the cutoff
   * (0 = observed on the cutoff); null when imputed, without a cutoff, or when that evidence has
   * no observed date.
   */
  ageDays: number | null;
}

/** How one indicator fed one project's dimension score. */
export interface IndicatorResult {
  /** The combined evidence value before cap and transform; null without evidence. */
  raw: number | null;
  /** The value on [0, 1] that entered aggregation (after direction and the missing policy); null when left out. */
  normalized: number | null;
  /** The indicator's share of the score, on the score's scale (contributions add up to the score). */
  contribution: number;
  /** Ids of the observations the raw value came from (sorted); empty when none or without ids. */
  evidenceIds: string[];
  /** See {@link IndicatorFreshness}: present when the methodology has windows, or on request. */
  imputed?: boolean;
  stale?: boolean;
  ageDays?: number | null;
}

/** One project's result in one dimension. */
export interface ScoreEntry {
  project: string;
  /** Root value × scale, in [0, scale]; 0 when the root is left out. */
  score: number;
  /** Competition rank ("1, 2, 2, 4"); scores within 1e-9 tie. */
  rank: number;
  /** Every group node below the root: its value × scale (on the score's scale); null when left out. */
  nodes: Record<string, number | null>;
  /** Every indicator of the dimension tree, by key. */
  indicators: Record<string, IndicatorResult>;
}

export interface DimensionScores {
  key: string;
  name: string;
  /** Ordered by rank, then by project slug (UTF-16 code unit order). */
  entries: ScoreEntry[];
}

export interface EditionScores {
  methodology: { id: string; version: string };
  dimensions: DimensionScores[];
}
