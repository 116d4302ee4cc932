import type { Methodology, ShareRule } from '../methodology/types';
import { SHARE_RULES } from '../methodology/validate-methodology';
import { NeumaierAccumulator } from '../stats/neumaier-sum';

export { SHARE_RULES };

/** What each share rule means, in one sentence (the API's `ShareRule.description`, the docs). */
export const SHARE_RULE_DESCRIPTIONS: Readonly<Record<ShareRule, string>> = {
  mean_of_dimension_shares:
    "The mean of the group's shares of each dimension: every dimension weighs the same, whatever its number of projects or score level.",
  pooled_scores:
    "The group's scores summed over all dimensions ÷ all scores summed: a dimension with more projects or higher scores weighs more.",
};

/** The rule a methodology states for shares over all dimensions; `mean_of_dimension_shares` when it states none. */
export function shareRuleOf(methodology: Pick<Methodology, 'shares'>): ShareRule {
  return methodology.shares?.across_dimensions ?? 'mean_of_dimension_shares';
}

/**
 * The shares over all dimensions of every group, by `rule` (docs/methodology-format.md, Shares), from
 * the Σ score of each group in each dimension:
 *
 *     mean_of_dimension_shares: share(g) = (1/D) Σ_d S_d(g) / S_d     over the D dimensions with S_d > 0
 *     pooled_scores:            share(g) = Σ_d S_d(g) / Σ_d S_d
 *
 * where S_d(g) is Σ scores of g's projects in dimension d and S_d Σ all scores of d. A dimension whose
 * scores are all 0 (or that has none) has nothing to share and is left out of the mean; when no
 * dimension has a positive total every share is 0. Both rules give shares that add up to 1 (or all 0),
 * and both agree with the one dimension's shares when there is one dimension.
 *
 * Complexity: O(Σ groups per dimension).
 *
 * @example
 * sharesAcrossDimensions('mean_of_dimension_shares', [new Map([['CN', 8], ['US', 4]]), new Map([['CN', 5], ['US', 3]])])
 * // → Map { CN → (8/12 + 5/8)/2 = 0.6458…, US → (4/12 + 3/8)/2 = 0.3541… }
 */
export function sharesAcrossDimensions(
  rule: ShareRule,
  dimensions: ReadonlyArray<ReadonlyMap<string, number>>,
): Map<string, number> {
  const sums = new Map<string, NeumaierAccumulator>();
  const add = (group: string, x: number) => {
    let sum = sums.get(group);
    if (sum === undefined) {
      sum = new NeumaierAccumulator();
      sums.set(group, sum);
    }
    sum.add(x);
  };
  const totals = dimensions.map((groups) => {
    const total = new NeumaierAccumulator();
    for (const score of groups.values()) total.add(score);
    return total.value;
  });
  if (rule === 'pooled_scores') {
    const all = new NeumaierAccumulator();
    for (const total of totals) all.add(total);
    dimensions.forEach((groups) => {
      for (const [group, score] of groups) add(group, score);
    });
    const total = all.value;
    return new Map([...sums].map(([group, sum]) => [group, total > 0 ? sum.value / total : 0]));
  }
  let counted = 0;
  dimensions.forEach((groups, d) => {
    const total = totals[d] as number;
    for (const group of groups.keys()) add(group, 0);
    if (!(total > 0)) return;
    counted++;
    for (const [group, score] of groups) add(group, score / total);
  });
  return new Map([...sums].map(([group, sum]) => [group, counted > 0 ? sum.value / counted : 0]));
}
