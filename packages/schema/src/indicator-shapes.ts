/**
 * How plausible (not measured) values of each default indicator are drawn from a latent level in
 * [0, 1]: the demo's illustrative values and the synthetic generator share these shapes, so both
 * look like the real thing (heavy-tailed counts, fractions in [0, 1], Elo ratings, hours).
 */
import type { SourceKind } from '@ranking/contracts';

export type ValueShape =
  /** 10^(lo + (hi − lo)·level), three significant digits: downloads, stars, citations. */
  | { kind: 'log'; lo: number; hi: number }
  /** base + spread·(level − ½), clipped to [0.02, 1], three decimals: rates and rubrics. */
  | { kind: 'fraction'; base: number; spread: number }
  /** lo + (hi − lo)·level, rounded to `decimals`: small counts and ratings. */
  | { kind: 'linear'; lo: number; hi: number; decimals: number }
  /** 10^(hi − (hi − lo)·level), one decimal: durations where lower is better. */
  | { kind: 'inverse-log'; lo: number; hi: number };

export interface IndicatorShape {
  shape: ValueShape;
  /** Cumulative totals (stars, citations) only grow; 12-month counts and ratings move both ways. */
  accumulates: boolean;
  /** Where such a value is read: the repository, the Hugging Face page, or any project page. */
  source: 'github' | 'huggingface' | 'any';
}

const log = (
  lo: number,
  hi: number,
  accumulates: boolean,
  source: IndicatorShape['source'],
): IndicatorShape => ({
  shape: { kind: 'log', lo, hi },
  accumulates,
  source,
});
const fraction = (
  base: number,
  spread: number,
  source: IndicatorShape['source'] = 'any',
): IndicatorShape => ({
  shape: { kind: 'fraction', base, spread },
  accumulates: false,
  source,
});
const linear = (lo: number, hi: number, accumulates: boolean, decimals = 0): IndicatorShape => ({
  shape: { kind: 'linear', lo, hi, decimals },
  accumulates,
  source: 'any',
});

/** Shapes of the indicators of `llm-oss-influence` 2026.1. */
export const INDICATOR_SHAPES: Readonly<Record<string, IndicatorShape>> = {
  hf_dataset_downloads_12m: log(2.5, 7.5, false, 'huggingface'),
  hf_model_downloads_12m: log(3, 8.5, false, 'huggingface'),
  hf_likes: log(1, 4.3, true, 'huggingface'),
  derived_models: log(0.3, 3.7, true, 'huggingface'),
  derivative_models: log(1, 4.5, true, 'huggingface'),
  citations: log(0.7, 4.2, true, 'any'),
  github_stars: log(2, 5.1, true, 'github'),
  github_forks: log(1.2, 4.3, true, 'github'),
  contributors_12m: log(0, 2.7, false, 'github'),
  commits_12m: log(0.5, 3.7, false, 'github'),
  license_openness: fraction(0.8, 0.3),
  documentation_completeness: fraction(0.7, 0.5),
  size_tokens: log(9, 13, true, 'any'),
  languages_covered: log(0, 2, true, 'any'),
  updates_12m: log(0, 1.7, false, 'any'),
  inference_engine_support: linear(1, 12, true),
  issue_close_rate: fraction(0.75, 0.4, 'github'),
  releases_12m: log(0, 1.6, false, 'github'),
  model_sizes_released: linear(1, 8, true),
  modalities: linear(1, 4, true),
  arena_elo: linear(1050, 1420, false),
  benchmark_average: fraction(0.55, 0.5),
  package_downloads_12m: log(3, 8.7, false, 'any'),
  dependent_repositories: log(1, 5, true, 'any'),
  issue_first_response_hours: {
    shape: { kind: 'inverse-log', lo: 0, hi: 2.3 },
    accumulates: false,
    source: 'github',
  },
  organization_diversity: fraction(0.45, 0.6, 'github'),
  hardware_backends: linear(1, 10, true),
  model_architectures_supported: log(0.5, 2.5, true, 'any'),
  model_reports_adopting: log(0, 2.5, true, 'any'),
  leaderboard_submissions: log(0.7, 3.8, true, 'any'),
  tasks_count: log(0, 3.3, true, 'any'),
  contamination_resistance: fraction(0.5, 0.6),
};

/** For an indicator of another methodology: a count between 1 and 1000. */
export const FALLBACK_SHAPE: IndicatorShape = log(0, 3, false, 'any');

export const shapeOf = (indicator: string): IndicatorShape => INDICATOR_SHAPES[indicator] ?? FALLBACK_SHAPE;

const roundSignificant = (value: number, digits: number) => {
  if (value === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
  return magnitude >= 1 ? Math.round(value / magnitude) * magnitude : Math.round(value);
};

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** The value of `shape` at `level` (clipped to [0, 1.2]); always finite, counts never negative. */
export function valueAt(shape: ValueShape, level: number): number {
  const x = Math.min(1.2, Math.max(0, level));
  switch (shape.kind) {
    case 'log':
      return roundSignificant(10 ** (shape.lo + (shape.hi - shape.lo) * x), 3);
    case 'fraction':
      return round(Math.min(1, Math.max(0.02, shape.base + shape.spread * (x - 0.5))), 3);
    case 'linear':
      return round(shape.lo + (shape.hi - shape.lo) * Math.min(1, x), shape.decimals);
    case 'inverse-log':
      return round(10 ** (shape.hi - (shape.hi - shape.lo) * Math.min(1, x)), 1);
  }
}

/** The source kind a URL's host implies. */
export function sourceKindOf(url: string): SourceKind {
  const host = new URL(url).hostname;
  if (host === 'github.com' || host.endsWith('.github.com')) return 'github';
  if (host === 'huggingface.co' || host.endsWith('.huggingface.co')) return 'huggingface';
  if (host === 'pypi.org') return 'pypi';
  if (host === 'arxiv.org') return 'paper';
  return 'website';
}
