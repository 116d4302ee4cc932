import { describe, expect, it } from 'vitest';
import { computeShares, type EditionScores, type ProjectInput, ScoringInputError } from '../src/index';

const scores: EditionScores = {
  methodology: { id: 't', version: '1' },
  dimensions: [
    {
      key: 'model',
      name: 'Models',
      entries: [
        { project: 'qwen', score: 60, rank: 1, nodes: {}, indicators: {} },
        { project: 'llama', score: 20, rank: 2, nodes: {}, indicators: {} },
        { project: 'deepseek', score: 15, rank: 3, nodes: {}, indicators: {} },
        { project: 'orphan', score: 5, rank: 4, nodes: {}, indicators: {} },
      ],
    },
    {
      key: 'system',
      name: 'Systems',
      entries: [
        { project: 'vllm', score: 30, rank: 1, nodes: {}, indicators: {} },
        { project: 'sglang', score: 10, rank: 2, nodes: {}, indicators: {} },
      ],
    },
  ],
};
const projects: ProjectInput[] = [
  { slug: 'qwen', organization: 'alibaba', country: 'CN' },
  { slug: 'deepseek', organization: 'deepseek', country: 'CN' },
  { slug: 'llama', organization: 'meta', country: 'US' },
  { slug: 'vllm', organization: 'berkeley', country: 'US' },
  { slug: 'sglang', organization: 'lmsys', country: null },
];

describe('computeShares(scores, projects, by)', () => {
  const report = computeShares(scores, projects, 'country', { topN: 2 });

  it('scoreShare = Σ group scores / Σ all scores, per dimension, sorted by share', () => {
    expect(report.dimensions[0]?.shares).toEqual([
      { group: 'CN', scoreShare: 0.75, projects: 2, topCount: 1 },
      { group: 'US', scoreShare: 0.2, projects: 1, topCount: 1 },
      { group: 'unknown', scoreShare: 0.05, projects: 1, topCount: 0 },
    ]);
  });

  it('projects without a country, or not listed, count for "unknown"', () => {
    expect(report.dimensions[1]?.shares).toEqual([
      { group: 'US', scoreShare: 0.75, projects: 1, topCount: 1 },
      { group: 'unknown', scoreShare: 0.25, projects: 1, topCount: 1 },
    ]);
  });

  it('shares of one dimension add up to 1', () => {
    for (const dimension of report.dimensions) {
      expect(dimension.shares.reduce((sum, row) => sum + row.scoreShare, 0)).toBeCloseTo(1, 15);
    }
  });

  // Models has 100 points (CN 75, US 20, unknown 5), Systems 40 (US 30, unknown 10).
  it('overall, by default the mean of the dimension shares: US (0.2 + 0.75)/2 = 0.475 ahead of CN (0.75 + 0)/2 = 0.375', () => {
    expect(report.rule).toBe('mean_of_dimension_shares');
    expect(report.overall.map((r) => r.group)).toEqual(['US', 'CN', 'unknown']);
    expect(report.overall.map(({ scoreShare, ...rest }) => rest)).toEqual([
      { group: 'US', projects: 2, topCount: 2 },
      { group: 'CN', projects: 2, topCount: 1 },
      { group: 'unknown', projects: 2, topCount: 1 },
    ]);
    expect(report.overall[0]?.scoreShare).toBeCloseTo(0.475, 15);
    expect(report.overall[1]?.scoreShare).toBeCloseTo(0.375, 15);
    expect(report.overall[2]?.scoreShare).toBeCloseTo(0.15, 15);
  });

  it('overall by pooled_scores: the larger dimension dominates (140 points: CN 75, US 50, unknown 15)', () => {
    const pooled = computeShares(scores, projects, 'country', { topN: 2, rule: 'pooled_scores' });
    expect(pooled.rule).toBe('pooled_scores');
    expect(pooled.overall).toEqual([
      { group: 'CN', scoreShare: 75 / 140, projects: 2, topCount: 1 },
      { group: 'US', scoreShare: 50 / 140, projects: 2, topCount: 2 },
      { group: 'unknown', scoreShare: 15 / 140, projects: 2, topCount: 1 },
    ]);
    expect(pooled.dimensions).toEqual(report.dimensions);
  });

  it('the mean leaves out a dimension whose scores are all 0 (nothing to share there)', () => {
    const withZero: EditionScores = {
      ...scores,
      dimensions: [
        ...scores.dimensions,
        { key: 'z', name: 'Z', entries: [{ project: 'qwen', score: 0, rank: 1, nodes: {}, indicators: {} }] },
      ],
    };
    const overall = computeShares(withZero, projects, 'country').overall;
    expect(overall.find((r) => r.group === 'US')?.scoreShare).toBeCloseTo(0.475, 15);
    expect(overall.reduce((sum, r) => sum + r.scoreShare, 0)).toBeCloseTo(1, 15);
  });

  it('by organization: the primary organization', () => {
    const byOrg = computeShares(scores, projects, 'organization');
    expect(byOrg.dimensions[0]?.shares.map((r) => [r.group, r.scoreShare])).toEqual([
      ['alibaba', 0.6],
      ['meta', 0.2],
      ['deepseek', 0.15],
      ['unknown', 0.05],
    ]);
    expect(byOrg.topN).toBe(10);
  });

  it('topCount counts ranks ≤ n, so ties at the boundary all count', () => {
    const tied: EditionScores = {
      methodology: { id: 't', version: '1' },
      dimensions: [
        {
          key: 'd',
          name: 'D',
          entries: [
            { project: 'a', score: 9, rank: 1, nodes: {}, indicators: {} },
            { project: 'b', score: 5, rank: 2, nodes: {}, indicators: {} },
            { project: 'c', score: 5, rank: 2, nodes: {}, indicators: {} },
          ],
        },
      ],
    };
    const same = computeShares(
      tied,
      [
        { slug: 'a', country: 'X' },
        { slug: 'b', country: 'X' },
        { slug: 'c', country: 'X' },
      ],
      'country',
      { topN: 2 },
    );
    expect(same.dimensions[0]?.shares[0]?.topCount).toBe(3);
  });

  it('all scores zero: every share is 0 (nothing to share; they do not add up to 1)', () => {
    const zero: EditionScores = {
      methodology: { id: 't', version: '1' },
      dimensions: [
        { key: 'd', name: 'D', entries: [{ project: 'qwen', score: 0, rank: 1, nodes: {}, indicators: {} }] },
      ],
    };
    expect(computeShares(zero, projects, 'country').dimensions[0]?.shares).toEqual([
      { group: 'CN', scoreShare: 0, projects: 1, topCount: 1 },
    ]);
  });

  it('an empty dimension has no rows', () => {
    const empty: EditionScores = {
      methodology: { id: 't', version: '1' },
      dimensions: [{ key: 'd', name: 'D', entries: [] }],
    };
    expect(computeShares(empty, projects, 'country')).toEqual({
      by: 'country',
      topN: 10,
      rule: 'mean_of_dimension_shares',
      dimensions: [{ key: 'd', shares: [] }],
      overall: [],
    });
  });

  it('refuses a topN that is not a positive integer', () => {
    expect(() => computeShares(scores, projects, 'country', { topN: 0 })).toThrow(ScoringInputError);
  });
});
