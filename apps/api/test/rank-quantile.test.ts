/** Rank-interval bounds as the API and the exports give them (src/modules/editions/ranking-service.ts). */
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../src/modules/editions/model';
import { rankIntervalOf, rankQuantile } from '../src/modules/editions/ranking-service';

describe('rank-interval bounds', () => {
  it('drop the engine’s floating-point noise and keep the exact multiple of 0.05', () => {
    // 199 × 0.05 = 9.95 in exact arithmetic; the engine's h − ⌊h⌋ left 0.049999999999983 on rank 5.
    expect(rankQuantile(5.049999999999983)).toBe(5.05);
    expect(String(rankQuantile(7.950000000000003))).toBe('7.95');
    expect(rankQuantile(12)).toBe(12);
    expect(rankQuantile(3.5)).toBe(3.5);
  });

  it('apply to every bound of a stored result', () => {
    const row = {
      projectId: 1,
      rank: 5,
      rankMedian: 5.500000000000001,
      rankP05: 4.049999999999983,
      rankP95: 6.95,
    };
    expect(rankIntervalOf(row as unknown as ResultRow)).toEqual({
      projectId: 1,
      rank: 5,
      medianRank: 5.5,
      p05Rank: 4.05,
      p95Rank: 6.95,
    });
  });
});
