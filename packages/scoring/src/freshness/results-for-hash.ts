import type { Methodology } from '../methodology/types';
import type { EditionScores, IndicatorResult } from '../types';

/** Whether some indicator of the methodology declares a freshness `window`. */
export function hasFreshnessWindows(methodology: Pick<Methodology, 'indicators'>): boolean {
  return methodology.indicators.some((indicator) => indicator.window !== undefined);
}

/**
 * The results as they enter a content hash: `scores` unchanged when the methodology has a freshness
 * window (its `imputed`, `stale`, `ageDays` are hashed), otherwise a copy without those three keys —
 * exactly what `scoreEdition` returns by default. A caller that scores with `freshness: 'always'`
 * (to show the flags for every methodology) hashes this instead, so editions computed before the
 * flags existed keep their hashes.
 *
 * Complexity: O(size of the results).
 *
 * @example
 * const scores = scoreEdition({ ...input, freshness: 'always' });
 * contentHash({ methodology, evidence, results: resultsForHash(scores, methodology) })
 * // === contentHash({ methodology, evidence, results: scoreEdition(input) })
 */
export function resultsForHash(
  scores: EditionScores,
  methodology: Pick<Methodology, 'indicators'>,
): EditionScores {
  if (hasFreshnessWindows(methodology)) return scores;
  return {
    methodology: scores.methodology,
    dimensions: scores.dimensions.map((dimension) => ({
      ...dimension,
      entries: dimension.entries.map((entry) => ({
        ...entry,
        indicators: Object.fromEntries(
          Object.entries(entry.indicators).map(([key, result]): [string, IndicatorResult] => {
            const { imputed: _imputed, stale: _stale, ageDays: _ageDays, ...rest } = result;
            return [key, rest];
          }),
        ),
      })),
    })),
  };
}
