/**
 * The methodology document (docs/methodology-format.md), normalised: every default is filled in, so a
 * normalised {@link Methodology} is itself a valid methodology document (same keys, same spelling)
 * and re-parsing its canonical JSON gives it back unchanged.
 */

/** `higher`: more is better; `lower`: the normalised value v is replaced by 1 − v. */
export type Direction = 'higher' | 'lower';

/** How several evidence values of one project and indicator become one raw value. */
export type CombineMethod = 'latest' | 'sum' | 'max' | 'min' | 'mean' | 'median' | 'count';

/** Monotone transform applied after capping (and to goalpost bounds). */
export type TransformMethod = 'none' | 'log' | 'log1p' | 'sqrt';

/** What a project without evidence for an indicator gets. */
export type MissingPolicy = 'zero' | 'exclude' | 'mean';

/**
 * What happens to evidence observed before the start of an indicator's freshness window
 * (`cutoff − window`): `exclude` drops it (the missing-value policy applies when nothing fresher
 * remains); `flag` uses it and marks the result stale.
 */
export type StalePolicy = 'exclude' | 'flag';

/** How a group node combines its children. */
export type AggregateMethod = 'arithmetic' | 'geometric';

/** Normalisation to [0, 1]. Only `goalposts` takes parameters (bounds in raw units). */
export type NormalizeSpec =
  | { method: 'minmax' }
  | { method: 'goalposts'; min: number; max: number }
  | { method: 'zscore' }
  | { method: 'rank' }
  | { method: 'none' };

export type NormalizeMethod = NormalizeSpec['method'];

/** Clip bounds for raw values; either may be absent. */
export interface CapSpec {
  min?: number;
  max?: number;
}

export interface IndicatorDefinition {
  key: string;
  name: string;
  name_zh?: string;
  unit?: string;
  direction: Direction;
  combine: CombineMethod;
  transform: TransformMethod;
  cap?: CapSpec;
  /** Winsorizing proportion p, 0 ≤ p < 0.5; 0 (the default) leaves values unchanged. */
  winsorize: number;
  normalize: NormalizeSpec;
  missing: MissingPolicy;
  /**
   * Freshness window, an ISO 8601 duration of whole years, months, weeks and days (`P12M`, `P30D`).
   * Absent: evidence of any age up to the cutoff counts, as before windows existed.
   */
  window?: string;
  /** Present exactly when `window` is (default `exclude`). */
  stale?: StalePolicy;
}

/** A leaf of a dimension tree: an indicator with its weight relative to its siblings. */
export interface IndicatorNode {
  indicator: string;
  weight: number;
}

/** An inner node of a dimension tree (a pillar, a sub-pillar…). */
export interface GroupNode {
  key: string;
  name: string;
  weight: number;
  aggregate: AggregateMethod;
  children: MethodologyNode[];
}

export type MethodologyNode = IndicatorNode | GroupNode;

export interface DimensionDefinition {
  key: string;
  name: string;
  /** Projects whose category equals this form the population; absent: every project given. */
  category?: string;
  aggregate: AggregateMethod;
  children: MethodologyNode[];
}

/**
 * How the shares over all dimensions are formed from the dimensions (docs/methodology-format.md,
 * Shares): `mean_of_dimension_shares` (the default) averages the group's share of each dimension, so
 * every dimension weighs the same whatever its size or score level; `pooled_scores` divides the
 * group's scores summed over all dimensions by all scores summed, so dimensions with more projects or
 * higher scores weigh more (the rule of the platform before the rule was stated).
 */
export type ShareRule = 'mean_of_dimension_shares' | 'pooled_scores';

/** The `shares` key of a methodology document. */
export interface SharesSpec {
  across_dimensions: ShareRule;
}

export interface Methodology {
  id: string;
  version: string;
  title: string;
  /** Free text: what the methodology measures and why it is built so. Absent when not written. */
  description?: string;
  /** A dimension score is its root value × scale. */
  scale: number;
  indicators: IndicatorDefinition[];
  dimensions: DimensionDefinition[];
  /**
   * How shares combine the dimensions. Absent when the document does not say (the rule is then
   * `mean_of_dimension_shares`, see `shareRuleOf`), so documents without it normalise and hash as
   * before the key existed.
   */
  shares?: SharesSpec;
}

/** Narrows a tree node to a leaf. */
export function isIndicatorNode(node: MethodologyNode): node is IndicatorNode {
  return 'indicator' in node;
}
