/**
 * The correction policies on small hand-built cases (src/modules/editions/corrections.ts,
 * docs/corrections.md). Every expected rank below is worked out by hand in the comments.
 */
import type { EditionScores, ScoreEntry } from '@ranking/scoring';
import { describe, expect, it } from 'vitest';
import {
  applyCorrectionPolicy,
  applyInsertion,
  correctedValues,
  insertionRank,
} from '../src/modules/editions/corrections';

/** One dimension "d", one indicator "x" whose raw value is given; `score` and `rank` as given. */
function entry(project: string, score: number, rank: number, raw: number | null = score): ScoreEntry {
  return {
    project,
    score,
    rank,
    nodes: {},
    indicators: {
      x: { raw, normalized: raw === null ? null : raw / 100, contribution: score, evidenceIds: [] },
    },
  };
}
const scores = (...entries: ScoreEntry[]): EditionScores => ({
  methodology: { id: 'm', version: '1' },
  dimensions: [{ key: 'd', name: 'D', entries }],
});
const ranks = (s: EditionScores) =>
  Object.fromEntries((s.dimensions[0]?.entries ?? []).map((e) => [e.project, [e.score, e.rank]]));

// Published revision 1: a 90, b 80, c 70, d 60, e 50 → ranks 1..5.
const published = scores(
  entry('a', 90, 1),
  entry('b', 80, 2),
  entry('c', 70, 3),
  entry('d', 60, 4),
  entry('e', 50, 5),
);

describe('correction policies', () => {
  it('INSERTION: a corrected project passing another ties with it; nobody else moves', () => {
    // e is corrected from 50 to 75. A full recomputation (here, normalisation shifted every score by
    // one point) would give a 91, b 81, e 75, c 71, d 61: c drops to 4 and d to 5.
    const full = scores(
      entry('a', 91, 1, 90),
      entry('b', 81, 2, 80),
      entry('e', 75, 3, 75),
      entry('c', 71, 4, 70),
      entry('d', 61, 5, 60),
    );
    expect(correctedValues(full, published)).toEqual([
      { project: 'e', indicator: 'x', oldValue: 50, newValue: 75 },
    ]);
    // By hand: the kept projects keep their published scores and ranks (a 90/1, b 80/2, c 70/3,
    // d 60/4). e at 75 scores less than a and b only, so it comes right after b: rank 3, tied with
    // c, the project it now passes.
    const inserted = applyCorrectionPolicy('insertion', full, published);
    expect(ranks(inserted)).toEqual({ a: [90, 1], b: [80, 2], c: [70, 3], e: [75, 3], d: [60, 4] });
    // Entries come by rank, then slug.
    expect(inserted.dimensions[0]?.entries.map((e) => e.project)).toEqual(['a', 'b', 'c', 'e', 'd']);
    // FULL_RECOMPUTE (and no policy) publishes the recomputation as it is: c and d move.
    expect(ranks(applyCorrectionPolicy('full_recompute', full, published))).toEqual({
      a: [91, 1],
      b: [81, 2],
      e: [75, 3],
      c: [71, 4],
      d: [61, 5],
    });
    expect(applyCorrectionPolicy(null, full, published)).toBe(full);
  });

  it('INSERTION: equal scores tie; a rise that passes nobody keeps the slot; a fall goes after the last', () => {
    // e corrected to exactly 80 = b's published score: only a scores more → rank 2, tied with b.
    expect(
      insertionRank(80, [
        { score: 90, rank: 1 },
        { score: 80, rank: 2 },
        { score: 70, rank: 3 },
        { score: 60, rank: 4 },
      ]),
    ).toBe(2);
    // c corrected from 70 to 72 passes nobody: a and b score more → right after b, rank 3 (its own
    // slot; d at 60 was already behind it and keeps rank 4).
    const kept = [
      { score: 90, rank: 1 },
      { score: 80, rank: 2 },
      { score: 60, rank: 4 },
      { score: 50, rank: 5 },
    ];
    expect(insertionRank(72, kept)).toBe(3);
    // c corrected down to 40: all four kept projects score more, the last of them is e at rank 5
    // → 6 (behind everyone; nobody moves up to fill rank 3).
    expect(insertionRank(40, kept)).toBe(6);
    // Corrected to the top: nobody scores more → 1, and a (still 90, rank 1) is not moved.
    expect(insertionRank(95, kept)).toBe(1);
    // A tie group above counts whole: kept 90/1, 80/2, 80/2, 60/4; a corrected 70 comes after both
    // 80s → 2 + 2 = 4, tied with the 60 it passes.
    expect(
      insertionRank(70, [
        { score: 90, rank: 1 },
        { score: 80, rank: 2 },
        { score: 80, rank: 2 },
        { score: 60, rank: 4 },
      ]),
    ).toBe(4);
    // Within the tie tolerance (1e-9) is equal: 80 − 1e-12 ties with 80 → rank 2.
    expect(
      insertionRank(80 - 1e-12, [
        { score: 90, rank: 1 },
        { score: 80, rank: 2 },
      ]),
    ).toBe(2);
  });

  it('INSERTION: two corrected projects are placed against the kept ones only', () => {
    // b corrected 80 → 55 and d corrected 60 → 85. Kept: a 90/1, c 70/3, e 50/5.
    // d at 85: only a scores more → 2. b at 55: a and c score more, the last is c at 3 → 4.
    const full = scores(
      entry('a', 90, 1),
      entry('d', 85, 2),
      entry('c', 70, 3),
      entry('b', 55, 4),
      entry('e', 50, 5),
    );
    const inserted = applyInsertion(full, published, new Set(['b', 'd']));
    expect(ranks(inserted)).toEqual({ a: [90, 1], d: [85, 2], c: [70, 3], b: [55, 4], e: [50, 5] });
  });

  it('INSERTION keeps every other entry verbatim and inserts a project new to the dimension', () => {
    // f is new (no published entry) at 65: a, b, c score more, the last is c at 3 → 4, tied with d.
    const full = scores(
      entry('a', 92, 1, 90),
      entry('b', 82, 2, 80),
      entry('c', 72, 3, 70),
      entry('f', 65, 4),
      entry('d', 62, 5, 60),
      entry('e', 52, 6, 50),
    );
    const inserted = applyCorrectionPolicy('insertion', full, published);
    expect(ranks(inserted)).toEqual({
      a: [90, 1],
      b: [80, 2],
      c: [70, 3],
      f: [65, 4],
      d: [60, 4],
      e: [50, 5],
    });
    const a = inserted.dimensions[0]?.entries.find((e) => e.project === 'a');
    expect(a).toBe(published.dimensions[0]?.entries[0]);
    expect(correctedValues(full, published)).toEqual([
      { project: 'f', indicator: 'x', oldValue: null, newValue: 65 },
    ]);
  });

  it('lists an indicator feeding two dimensions once, and a value that became missing', () => {
    const two = (raw: number | null): EditionScores => ({
      methodology: { id: 'm', version: '1' },
      dimensions: ['d1', 'd2'].map((key) => ({ key, name: key, entries: [entry('a', 10, 1, raw)] })),
    });
    expect(correctedValues(two(null), two(3))).toEqual([
      { project: 'a', indicator: 'x', oldValue: 3, newValue: null },
    ]);
    expect(correctedValues(two(3), two(3))).toEqual([]);
  });
});
