import { ScoringInputError } from '../errors';
import type { ShareRule } from '../methodology/types';
import { NeumaierAccumulator } from '../stats/neumaier-sum';
import type { EditionScores, ProjectInput } from '../types';
import { sharesAcrossDimensions } from './share-rule';

/** The grouping of a shares report. */
export type ShareGrouping = 'country' | 'organization';

/** One group's standing in one dimension, or over all dimensions. */
export interface ShareRow {
  /** Country code or organization slug; `unknown` when the project has none (or is not listed). */
  group: string;
  /**
   * In a dimension: Σ scores of the group's projects ÷ Σ all scores; 0 for every group when all scores
   * are 0. Overall: by the report's `rule` (`sharesAcrossDimensions`).
   */
  scoreShare: number;
  /** Number of the group's projects (overall: distinct projects over all dimensions). */
  projects: number;
  /** The group's projects with rank ≤ topN (ties at the boundary all count); overall: summed over dimensions. */
  topCount: number;
}

export interface SharesReport {
  by: ShareGrouping;
  topN: number;
  /** How `overall` combines the dimensions (the methodology's `shares.across_dimensions`). */
  rule: ShareRule;
  /** Per dimension, in the order of the scores; rows by scoreShare descending, then group. */
  dimensions: Array<{ key: string; shares: ShareRow[] }>;
  /** Over all dimensions together, by `rule`; rows by scoreShare descending, then group. */
  overall: ShareRow[];
}

/** The group name used for projects without a country or organization. */
export const UNKNOWN_GROUP = 'unknown';

/**
 * Shares of the ecosystem by country or by (primary) organization (docs/methodology-format.md, Shares):
 *
 *     scoreShare(g) = Σ_{p ∈ g} score(p) / Σ_p score(p)
 *
 * per dimension, and over all dimensions by `options.rule` (default `mean_of_dimension_shares`, the
 * mean of the dimension shares; `pooled_scores`: Σ over all dimensions ÷ Σ of all scores; see
 * `sharesAcrossDimensions`), with compensated sums; `topCount(n)` counts the group's
 * projects among the top n (rank ≤ n). A project counts for its primary organization (the
 * `organization` field) and that organization's country (the `country` field); a project without
 * one, or absent from `projects`, counts for the group `unknown`.
 *
 * The shares of one dimension add up to 1 (up to rounding) — except when every score of the
 * dimension is 0: there is nothing to share, and every group's share is reported as 0 rather than
 * dividing by zero.
 *
 * Complexity: O(total entries + groups · log groups).
 *
 * @throws {ScoringInputError} INVALID_OPTION when topN is not a positive integer
 * @example
 * computeShares(scores, projects, 'country', { topN: 10 }).dimensions[0].shares[0]
 * // → { group: 'CN', scoreShare: 0.36, projects: 12, topCount: 4 }
 */
export function computeShares(
  scores: EditionScores,
  projects: readonly ProjectInput[],
  by: ShareGrouping,
  options: { topN?: number; rule?: ShareRule } = {},
): SharesReport {
  const topN = options.topN ?? 10;
  const rule = options.rule ?? 'mean_of_dimension_shares';
  if (!Number.isInteger(topN) || topN < 1) {
    throw new ScoringInputError('INVALID_OPTION', `topN must be a positive integer, not ${topN}`);
  }
  const groupOf = new Map<string, string>();
  for (const project of projects) {
    const value = by === 'country' ? project.country : project.organization;
    groupOf.set(project.slug, value ? value : UNKNOWN_GROUP);
  }
  const group = (slug: string): string => groupOf.get(slug) ?? UNKNOWN_GROUP;

  const overall = new Map<string, { projects: Set<string>; top: number }>();
  const dimensionSums: Array<Map<string, number>> = [];
  const dimensions = scores.dimensions.map((dimension) => {
    const rows = new Map<string, { sum: NeumaierAccumulator; projects: number; top: number }>();
    const total = new NeumaierAccumulator();
    for (const entry of dimension.entries) {
      const g = group(entry.project);
      let row = rows.get(g);
      if (row === undefined) {
        row = { sum: new NeumaierAccumulator(), projects: 0, top: 0 };
        rows.set(g, row);
      }
      let all = overall.get(g);
      if (all === undefined) {
        all = { projects: new Set(), top: 0 };
        overall.set(g, all);
      }
      const isTop = entry.rank <= topN ? 1 : 0;
      row.sum.add(entry.score);
      row.projects++;
      row.top += isTop;
      all.projects.add(entry.project);
      all.top += isTop;
      total.add(entry.score);
    }
    dimensionSums.push(new Map([...rows].map(([g, row]) => [g, row.sum.value])));
    const sum = total.value;
    const shares = [...rows].map(([g, row]) => ({
      group: g,
      scoreShare: sum > 0 ? row.sum.value / sum : 0,
      projects: row.projects,
      topCount: row.top,
    }));
    return { key: dimension.key, shares: sortRows(shares) };
  });
  const overallShares = sharesAcrossDimensions(rule, dimensionSums);
  const overallRows = [...overall].map(([g, row]) => ({
    group: g,
    scoreShare: overallShares.get(g) ?? 0,
    projects: row.projects.size,
    topCount: row.top,
  }));
  return { by, topN, rule, dimensions, overall: sortRows(overallRows) };
}

function sortRows(rows: ShareRow[]): ShareRow[] {
  return rows.sort((a, b) =>
    b.scoreShare !== a.scoreShare
      ? b.scoreShare - a.scoreShare
      : a.group < b.group
        ? -1
        : a.group > b.group
          ? 1
          : 0,
  );
}
