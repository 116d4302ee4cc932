import type { IndicatorDefinition } from '../methodology/types';
import { applyMissing } from '../missing/apply-missing';
import { goalposts } from '../normalize/goalposts';
import { minMax } from '../normalize/min-max';
import { percentileRank } from '../normalize/percentile-rank';
import { reverseDirection } from '../normalize/reverse-direction';
import { unitInterval } from '../normalize/unit-interval';
import { zScore } from '../normalize/z-score';
import { capValues } from '../transform/cap';
import { applyTransform, transformValue } from '../transform/transform';
import { winsorize } from '../transform/winsorize';

/**
 * Steps 3–8 of docs/methodology-format.md for one indicator over one population, in their order:
 * cap → transform → winsorize → normalize (goalpost bounds transformed too) → direction → missing.
 *
 * `raw` holds the population's combined values (NaN: no evidence). The result is the value each
 * project brings to aggregation: in [0, 1], or NaN when the indicator is left out for it
 * (`missing: exclude`, or `mean` when nobody has a value).
 *
 * Complexity: O(n log n) with winsorizing or `rank`, O(n) otherwise.
 *
 * @param out where to write (length n); must not be `raw` if the raw values are still needed
 * @throws {DomainError} from the transform (log of x ≤ 0, …) or `normalize: none` (value outside
 *   [0, 1]), with the position of the project concerned
 * @example
 * normalizeIndicator(Float64Array.of(0, 9, NaN), { …, transform: 'log1p', normalize: { method: 'minmax' } })
 * // → [0, 1, 0] (missing: zero)
 */
export function normalizeIndicator(
  raw: Float64Array,
  definition: IndicatorDefinition,
  out: Float64Array = new Float64Array(raw.length),
): Float64Array {
  if (definition.cap === undefined) applyTransform(raw, definition.transform, out);
  else applyTransform(capValues(raw, definition.cap, out), definition.transform, out);
  if (definition.winsorize > 0) winsorize(out, definition.winsorize, out);
  const spec = definition.normalize;
  switch (spec.method) {
    case 'minmax':
      minMax(out, out);
      break;
    case 'goalposts':
      goalposts(
        out,
        transformValue(spec.min, definition.transform),
        transformValue(spec.max, definition.transform),
        out,
      );
      break;
    case 'zscore':
      zScore(out, out);
      break;
    case 'rank':
      percentileRank(out, out);
      break;
    case 'none':
      unitInterval(out, out);
      break;
  }
  if (definition.direction === 'lower') reverseDirection(out, out);
  applyMissing(out, definition.missing, out);
  return out;
}
