/**
 * Freshness windows and the imputed / stale / ageDays flags in scoreEdition. Every expected number
 * is worked out by hand in the comments (dates on the calendar, min-max and weighted means in
 * fractions), not taken from the engine.
 */
import { describe, expect, it } from 'vitest';
import {
  contentHash,
  type EditionScores,
  type IndicatorResult,
  type MissingPolicy,
  type Observation,
  resultsForHash,
  runSensitivity,
  ScoringInputError,
  scoreEdition,
  scoreEditionColumns,
} from '../src/index';
import { fixtureEdition, methodology } from './helpers';

/**
 * Indicator `a` (window P1M, `transform: none`, min-max) and `b` (no window), equal weights, scale 100.
 * Cutoff 2026-03-31: 2026-03-31 − P1M = "2026-02-31", clamped to 2026-02-28 (February 2026 has 28
 * days), so the window is [2026-02-28, 2026-03-31], both ends included.
 *
 *   project  a (observed)            b
 *   p        10 on 2026-03-15 (in)   0
 *   q        30 on 2026-02-28 (on the boundary: in)   2
 *   r        50 on 2026-02-27 (one day before the window start: stale)   4
 *   s        — (no evidence)         8
 *
 * b min-max over 0, 2, 4, 8: p 0, q 0.25, r 0.5, s 1.
 * Ages: p 2026-03-15 → 2026-03-31 = 16 days; q 2026-02-28 → 2026-03-31 = 1 + 31 − 1 = 31 days
 * (Feb 28 → Mar 28 is 28 days, + 3); r 2026-02-27 → 32 days.
 */
const CUTOFF = '2026-03-31';
const evidence: Observation[] = [
  { id: 'p-a', project: 'p', indicator: 'a', value: 10, observedAt: '2026-03-15' },
  { id: 'q-a', project: 'q', indicator: 'a', value: 30, observedAt: '2026-02-28' },
  { id: 'r-a', project: 'r', indicator: 'a', value: 50, observedAt: '2026-02-27' },
  { id: 'p-b', project: 'p', indicator: 'b', value: 0, observedAt: '2026-03-31' },
  { id: 'q-b', project: 'q', indicator: 'b', value: 2, observedAt: '2026-03-31' },
  { id: 'r-b', project: 'r', indicator: 'b', value: 4, observedAt: '2026-03-31' },
  { id: 's-b', project: 's', indicator: 'b', value: 8, observedAt: '2026-03-31' },
];

function windowed(a: Record<string, unknown>) {
  return methodology({
    indicators: [
      { key: 'a', name: 'A', window: 'P1M', ...a },
      { key: 'b', name: 'B' },
    ],
    dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }, { indicator: 'b' }] }],
  });
}

function byProject(scores: EditionScores): Record<string, { score: number; a: IndicatorResult }> {
  const out: Record<string, { score: number; a: IndicatorResult }> = {};
  for (const entry of scores.dimensions[0]?.entries ?? []) {
    out[entry.project] = { score: entry.score, a: entry.indicators.a as IndicatorResult };
  }
  return out;
}

describe('scoreEdition — window with stale: exclude', () => {
  // a's present values are p 10 and q 30 (r's 50 is dropped): min-max → p 0, q 1.
  // Scores: ½·a + ½·b, × 100. p ½·0 + ½·0 = 0; q ½·1 + ½·0.25 = 0.625 → 62.5.
  // r and s have no a value; by missing policy:
  //   zero:    r ½·0 + ½·0.5 = 25;   s ½·0 + ½·1 = 50
  //   exclude: a left out, b's weight rescaled to 1: r 0.5 → 50;  s 1 → 100
  //   mean:    mean of present a = (0 + 1)/2 = 0.5: r ½·0.5 + ½·0.5 = 50;  s ½·0.5 + ½·1 = 75
  const expected: Record<MissingPolicy, Record<string, number>> = {
    zero: { p: 0, q: 62.5, r: 25, s: 50 },
    exclude: { p: 0, q: 62.5, r: 50, s: 100 },
    mean: { p: 0, q: 62.5, r: 50, s: 75 },
  };
  for (const missing of ['zero', 'exclude', 'mean'] as const) {
    it(`drops the value before the window; missing: ${missing} decides for it`, () => {
      const result = byProject(
        scoreEdition({ methodology: windowed({ missing }), observations: evidence, cutoff: CUTOFF }),
      );
      for (const [project, score] of Object.entries(expected[missing])) {
        expect(result[project]?.score, project).toBeCloseTo(score, 12);
      }
      const imputedA = { zero: 0, exclude: null, mean: 0.5 }[missing];
      expect(result.r?.a.normalized).toBe(imputedA);
      expect(result.s?.a.normalized).toBe(imputedA);
    });
  }

  it('flags: inside and on the boundary measured; before it stale and imputed; none imputed only', () => {
    const result = byProject(
      scoreEdition({ methodology: windowed({}), observations: evidence, cutoff: CUTOFF }),
    );
    expect(result.p?.a).toMatchObject({ raw: 10, imputed: false, stale: false, ageDays: 16 });
    expect(result.q?.a).toMatchObject({ raw: 30, imputed: false, stale: false, ageDays: 31 });
    // The stale evidence is not used: no raw value, no evidence id, no age.
    expect(result.r?.a).toEqual({
      raw: null,
      normalized: 0,
      contribution: 0,
      evidenceIds: [],
      imputed: true,
      stale: true,
      ageDays: null,
    });
    expect(result.s?.a).toMatchObject({ raw: null, imputed: true, stale: false, ageDays: null });
  });

  it('without the window, the same evidence counts (control for the cases above)', () => {
    // a over 10, 30, 50: min-max p 0, q 0.5, r 1; r = ½·1 + ½·0.5 = 0.75 → 75.
    const m = methodology({
      indicators: [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
      ],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }, { indicator: 'b' }] }],
    });
    const result = byProject(scoreEdition({ methodology: m, observations: evidence, cutoff: CUTOFF }));
    expect(result.r?.score).toBeCloseTo(75, 12);
  });

  it('a newer value inside the window wins over an older stale one; undated evidence is dropped', () => {
    const more: Observation[] = [
      ...evidence,
      // r also has 20 on 2026-03-01 (inside): latest = 20. s has an undated 40: dropped.
      { id: 'r-a2', project: 'r', indicator: 'a', value: 20, observedAt: '2026-03-01' },
      { id: 's-a', project: 's', indicator: 'a', value: 40 },
    ];
    const result = byProject(scoreEdition({ methodology: windowed({}), observations: more, cutoff: CUTOFF }));
    // a over p 10, q 30, r 20: min-max p 0, q 1, r 0.5; r = ½·0.5 + ½·0.5 = 50. Age 2026-03-01 → 30.
    expect(result.r?.a).toMatchObject({ raw: 20, imputed: false, stale: false, ageDays: 30 });
    expect(result.r?.a.evidenceIds).toEqual(['r-a2']);
    expect(result.r?.score).toBeCloseTo(50, 12);
    expect(result.s?.a).toMatchObject({ raw: null, imputed: true, stale: true, ageDays: null });
  });

  it('combine: sum adds only the values inside the window; the age is the oldest used', () => {
    const m = methodology({
      indicators: [{ key: 'a', name: 'A', combine: 'sum', window: 'P30D' }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }] }],
    });
    // 2026-03-31 − 30 days = 2026-03-01. p: 1 (03-01, in, age 30) + 2 (03-20, in) + 4 (02-28, out) = 3.
    const result = scoreEdition({
      methodology: m,
      cutoff: CUTOFF,
      observations: [
        { id: '1', project: 'p', indicator: 'a', value: 1, observedAt: '2026-03-01' },
        { id: '2', project: 'p', indicator: 'a', value: 2, observedAt: '2026-03-20' },
        { id: '3', project: 'p', indicator: 'a', value: 4, observedAt: '2026-02-28' },
      ],
    });
    expect(result.dimensions[0]?.entries[0]?.indicators.a).toMatchObject({
      raw: 3,
      evidenceIds: ['1', '2'],
      imputed: false,
      stale: false,
      ageDays: 30,
    });
  });
});

describe('scoreEdition — window with stale: flag', () => {
  it('uses the stale value and marks it, with its age', () => {
    // a over p 10, q 30, r 50: min-max p 0, q 0.5, r 1; s missing → 0.
    // Scores: p 0; q ½·0.5 + ½·0.25 = 0.375 → 37.5; r ½·1 + ½·0.5 = 75; s ½·0 + ½·1 = 50.
    const result = byProject(
      scoreEdition({ methodology: windowed({ stale: 'flag' }), observations: evidence, cutoff: CUTOFF }),
    );
    expect(result.p?.score).toBeCloseTo(0, 12);
    expect(result.q?.score).toBeCloseTo(37.5, 12);
    expect(result.r?.score).toBeCloseTo(75, 12);
    expect(result.s?.score).toBeCloseTo(50, 12);
    expect(result.q?.a).toMatchObject({ raw: 30, imputed: false, stale: false, ageDays: 31 });
    expect(result.r?.a).toMatchObject({
      raw: 50,
      normalized: 1,
      evidenceIds: ['r-a'],
      imputed: false,
      stale: true,
      ageDays: 32,
    });
    expect(result.s?.a).toMatchObject({ imputed: true, stale: false, ageDays: null });
  });

  it('a combined value is stale when any of its evidence is, and undated evidence is stale', () => {
    const m = methodology({
      indicators: [{ key: 'a', name: 'A', combine: 'mean', window: 'P1Y', stale: 'flag' }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }] }],
    });
    // Cutoff 2024-02-29 − P1Y = "2023-02-29" → 2023-02-28. p: 2023-02-28 (on the boundary, age
    // 366 days: 2023-02-28 → 2024-02-28 is 365, + 1) and 2024-01-01 → fresh, mean 3.
    // q: 2023-02-27 and 2024-01-01 → stale, age 367. u: undated → stale, age unknown.
    const result = scoreEdition({
      methodology: m,
      cutoff: '2024-02-29',
      observations: [
        { project: 'p', indicator: 'a', value: 2, observedAt: '2023-02-28' },
        { project: 'p', indicator: 'a', value: 4, observedAt: '2024-01-01' },
        { project: 'q', indicator: 'a', value: 2, observedAt: '2023-02-27' },
        { project: 'q', indicator: 'a', value: 4, observedAt: '2024-01-01' },
        { project: 'u', indicator: 'a', value: 3 },
      ],
    });
    const a = (project: string) =>
      result.dimensions[0]?.entries.find((e) => e.project === project)?.indicators.a;
    expect(a('p')).toMatchObject({ raw: 3, imputed: false, stale: false, ageDays: 366 });
    expect(a('q')).toMatchObject({ raw: 3, imputed: false, stale: true, ageDays: 367 });
    expect(a('u')).toMatchObject({ raw: 3, imputed: false, stale: true, ageDays: null });
  });
});

describe('imputed versus a measured zero', () => {
  // c has no window; p measured 0, q measured 5, s has nothing. missing: zero.
  // min-max over the present 0 and 5: p 0, q 1; s gets 0 from the policy. p and s have the same
  // normalised value, but p's was measured (imputed false, raw 0) and s's imputed (raw null).
  const m = methodology({
    indicators: [{ key: 'c', name: 'C', missing: 'zero' }],
    dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'c' }] }],
  });
  const observations: Observation[] = [
    { project: 'p', indicator: 'c', value: 0, observedAt: '2026-03-01' },
    { project: 'q', indicator: 'c', value: 5, observedAt: '2026-03-31' },
  ];
  const projects = [{ slug: 'p' }, { slug: 'q' }, { slug: 's' }];

  it('freshness: "always" reports the flags for a methodology without windows', () => {
    const result = scoreEdition({
      methodology: m,
      projects,
      observations,
      cutoff: CUTOFF,
      freshness: 'always',
    });
    const c = (project: string) =>
      result.dimensions[0]?.entries.find((e) => e.project === project)?.indicators.c;
    // 2026-03-01 → 2026-03-31: 30 days.
    expect(c('p')).toMatchObject({ raw: 0, normalized: 0, imputed: false, stale: false, ageDays: 30 });
    expect(c('q')).toMatchObject({ raw: 5, normalized: 1, imputed: false, stale: false, ageDays: 0 });
    expect(c('s')).toMatchObject({ raw: null, normalized: 0, imputed: true, stale: false, ageDays: null });
  });

  it('without a cutoff the ages are unknown (null), the flags still hold', () => {
    const result = scoreEdition({ methodology: m, projects, observations, freshness: 'always' });
    const p = result.dimensions[0]?.entries.find((e) => e.project === 'p')?.indicators.c;
    expect(p).toMatchObject({ imputed: false, stale: false, ageDays: null });
  });

  it('the columns carry the same flags', () => {
    const columns = scoreEditionColumns({ methodology: m, projects, observations, cutoff: CUTOFF });
    const dimension = columns.dimensions[0];
    // Projects in slug order p, q, s.
    expect(Array.from(dimension?.imputed ?? [])).toEqual([0, 0, 1]);
    expect(Array.from(dimension?.stale ?? [])).toEqual([0, 0, 0]);
    expect(Array.from(dimension?.ageDays ?? [])).toEqual([30, 0, Number.NaN]);
  });
});

describe('freshness and the content hash', () => {
  const hashOf = (scores: EditionScores, input: { methodology: unknown; observations: Observation[] }) =>
    contentHash({
      methodology: input.methodology,
      evidence: input.observations.map((o, i) => ({ ...o, id: o.id ?? String(i) })),
      results: scores,
    });

  it('results of a methodology without windows keep exactly their former keys', () => {
    const edition = fixtureEdition();
    const scores = scoreEdition({ ...edition, cutoff: '2025-12-31' });
    for (const dimension of scores.dimensions)
      for (const entry of dimension.entries)
        for (const result of Object.values(entry.indicators))
          expect(Object.keys(result)).toEqual(['raw', 'normalized', 'contribution', 'evidenceIds']);
  });

  it('asking for the flags on such a methodology changes the hash: hashes use the default', () => {
    const edition = fixtureEdition();
    const plain = scoreEdition({ ...edition, cutoff: '2025-12-31' });
    const flagged = scoreEdition({ ...edition, cutoff: '2025-12-31', freshness: 'always' });
    expect(hashOf(flagged, edition)).not.toBe(hashOf(plain, edition));
  });

  it('resultsForHash turns results scored with freshness: "always" back into the hashed shape', () => {
    const edition = fixtureEdition();
    const plain = scoreEdition({ ...edition, cutoff: '2025-12-31' });
    const flagged = scoreEdition({ ...edition, cutoff: '2025-12-31', freshness: 'always' });
    expect(hashOf(resultsForHash(flagged, edition.methodology), edition)).toBe(hashOf(plain, edition));
    // With windows the flags stay: the default output already has them.
    const m = windowed({});
    const windowedScores = scoreEdition({ methodology: m, observations: evidence, cutoff: CUTOFF });
    expect(resultsForHash(windowedScores, m)).toBe(windowedScores);
  });

  it('with windows the flags are hashed: a stale flag alone changes the hash', () => {
    // stale: flag, all values used under both cutoffs, so raw, normalised values and scores are equal;
    // only r's stale flag and every age differ (cutoff 2026-03-27: window start 2026-02-27, r fresh).
    const m = windowed({ stale: 'flag' });
    const early = scoreEdition({
      methodology: m,
      observations: evidence.filter((o) => o.observedAt !== '2026-03-31'),
      cutoff: '2026-03-27',
    });
    const late = scoreEdition({
      methodology: m,
      observations: evidence.filter((o) => o.observedAt !== '2026-03-31'),
      cutoff: CUTOFF,
    });
    const scoresOf = (s: EditionScores) => s.dimensions[0]?.entries.map((e) => [e.project, e.score]);
    expect(scoresOf(early)).toEqual(scoresOf(late));
    expect(byProject(early).r?.a.stale).toBe(false);
    expect(byProject(late).r?.a.stale).toBe(true);
    const input = { methodology: m, observations: evidence.filter((o) => o.observedAt !== '2026-03-31') };
    expect(hashOf(early, input)).not.toBe(hashOf(late, input));
  });
});

describe('runSensitivity with windows', () => {
  it('ranks nominally as the windowed scores do, and needs the cutoff too', () => {
    // Nominal ranks from the hand-worked scores under missing: zero: q 62.5, s 50, r 25, p 0.
    const report = runSensitivity({
      methodology: windowed({}),
      observations: evidence,
      cutoff: CUTOFF,
      samples: 10,
      seed: 1,
    });
    expect(report.d?.map((r) => [r.project, r.nominalRank])).toEqual([
      ['q', 1],
      ['s', 2],
      ['r', 3],
      ['p', 4],
    ]);
    expect(() => runSensitivity({ methodology: windowed({}), observations: evidence, samples: 1 })).toThrow(
      ScoringInputError,
    );
  });
});

describe('scoreEdition — errors', () => {
  it('a window without a cutoff is MISSING_CUTOFF naming the indicator', () => {
    try {
      scoreEdition({ methodology: windowed({}), observations: evidence });
      throw new Error('expected a ScoringInputError');
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringInputError);
      expect((error as ScoringInputError).code).toBe('MISSING_CUTOFF');
      expect((error as ScoringInputError).indicator).toBe('a');
    }
  });

  it('a hand-built methodology with an unreadable window is refused, not ignored', () => {
    const m = windowed({});
    const broken = {
      ...m,
      indicators: m.indicators.map((i) => (i.key === 'a' ? { ...i, window: '1 month' } : i)),
    };
    expect(() => scoreEdition({ methodology: broken, observations: evidence, cutoff: CUTOFF })).toThrow(
      /window "1 month" is not an ISO 8601 duration/,
    );
  });
});
