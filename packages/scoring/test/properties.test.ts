/**
 * fast-check property tests of docs/methodology-format.md invariants over random methodologies and evidence.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createSeededRandom,
  type EditionScores,
  type Methodology,
  type Observation,
  type ProjectInput,
  parseMethodology,
  scoreEdition,
} from '../src/index';

interface Scenario {
  methodology: Methodology;
  observations: Observation[];
  projects: ProjectInput[];
}

interface ScenarioOptions {
  /** Only arithmetic group nodes (else each group picks arithmetic or geometric). */
  arithmeticOnly: boolean;
  /** Only higher-is-better indicators with minmax/zscore/rank/goalposts and no winsorizing. */
  monotoneFriendly: boolean;
}

const indicatorArb = (options: ScenarioOptions) =>
  fc.record({
    transform: fc.constantFrom('none', 'log1p', 'sqrt'),
    normalize: fc.constantFrom<Record<string, unknown>>(
      { method: 'minmax' },
      { method: 'zscore' },
      { method: 'rank' },
      { method: 'goalposts', min: 0, max: 500 },
    ),
    missing: fc.constantFrom('zero', 'exclude', 'mean'),
    combine: fc.constantFrom('latest', 'sum', 'max', 'min', 'mean', 'median', 'count'),
    direction: options.monotoneFriendly ? fc.constant('higher') : fc.constantFrom('higher', 'lower'),
    winsorize: options.monotoneFriendly ? fc.constant(0) : fc.constantFrom(0, 0, 0.1, 0.25),
    cap: fc.constantFrom<Record<string, number> | undefined>(undefined, { max: 800 }),
  });

const weightArb = fc.oneof(fc.constantFrom(0, 1, 2), fc.double({ min: 0, max: 5, noNaN: true }));

/** A random methodology (1–2 dimensions, groups nested up to 3 deep) with random evidence for 1–8 projects. */
const scenarioArb = (options: ScenarioOptions) =>
  fc
    .record({
      indicators: fc.array(indicatorArb(options), { minLength: 1, maxLength: 6 }),
      dimensions: fc.array(
        fc.record({
          // for each group g: parent (−1 root, else an earlier group), aggregate, weight
          groups: fc.array(
            fc.record({
              parent: fc.integer({ min: -1, max: 2 }),
              geometric: options.arithmeticOnly ? fc.constant(false) : fc.boolean(),
              weight: weightArb,
            }),
            { maxLength: 3 },
          ),
          rootGeometric: options.arithmeticOnly ? fc.constant(false) : fc.boolean(),
          // for each indicator: −2 unused, −1 root, else a group
          placement: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 6, maxLength: 6 }),
          leafWeights: fc.array(weightArb, { minLength: 6, maxLength: 6 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      projects: fc.integer({ min: 1, max: 8 }),
      cells: fc.array(
        fc.record({
          present: fc.boolean(),
          values: fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 3 }),
          day: fc.integer({ min: 1, max: 28 }),
        }),
        { minLength: 48, maxLength: 48 },
      ),
    })
    .map((raw): Scenario => {
      const indicators = raw.indicators.map((spec, i) => ({
        key: `i${i}`,
        name: `Indicator ${i}`,
        transform: spec.transform,
        normalize: spec.normalize,
        missing: spec.missing,
        combine: spec.combine,
        direction: spec.direction,
        winsorize: spec.winsorize,
        ...(spec.cap ? { cap: spec.cap } : {}),
      }));
      const dimensions = raw.dimensions.map((d, di) => {
        type Node =
          | { indicator: string; weight: number }
          | { key: string; name: string; weight: number; aggregate: string; children: Node[] };
        const groups = d.groups.map((g, gi) => ({
          key: `g${gi}`,
          name: `Group ${gi}`,
          weight: g.weight,
          aggregate: g.geometric ? 'geometric' : 'arithmetic',
          children: [] as Node[],
          parent: g.parent < gi ? g.parent : -1,
        }));
        const root: Node[] = [];
        indicators.forEach((indicator, ii) => {
          const at = d.placement[ii] ?? -1;
          if (at === -2) return;
          const leaf = { indicator: indicator.key, weight: d.leafWeights[ii] ?? 1 };
          const group = groups[at];
          (group ? group.children : root).push(leaf);
        });
        // Attach groups to parents from the last one up, dropping empty ones.
        for (let gi = groups.length - 1; gi >= 0; gi--) {
          const g = groups[gi];
          if (!g || g.children.length === 0) continue;
          const { parent, ...node } = g;
          const target = groups[parent];
          (target ? target.children : root).unshift(node);
        }
        if (root.length === 0) root.push({ indicator: 'i0', weight: 1 });
        return {
          key: `d${di}`,
          name: `Dimension ${di}`,
          aggregate: d.rootGeometric ? 'geometric' : 'arithmetic',
          children: root,
        };
      });
      const methodology = parseMethodology(
        JSON.stringify({ id: 'prop', version: '1', title: 'P', indicators, dimensions }),
      );
      const projects: ProjectInput[] = Array.from({ length: raw.projects }, (_, p) => ({ slug: `p${p}` }));
      const observations: Observation[] = [];
      let id = 0;
      projects.forEach((project, p) => {
        indicators.forEach((indicator, i) => {
          const cell = raw.cells[(p * 6 + i) % raw.cells.length];
          if (!cell?.present) return;
          cell.values.forEach((value, v) => {
            observations.push({
              id: `e${id++}`,
              project: project.slug,
              indicator: indicator.key,
              value,
              observedAt: `2025-01-${String(((cell.day + v * 7) % 28) + 1).padStart(2, '0')}`,
            });
          });
        });
      });
      return { methodology, observations, projects };
    });

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = createSeededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const runs = { numRuns: 150 };

// Generous per-test timeout: 150 random editions each, on a slow CI machine.
vi.setConfig({ testTimeout: 60_000 });
const general: ScenarioOptions = { arithmeticOnly: false, monotoneFriendly: false };

function allEntries(scores: EditionScores) {
  return scores.dimensions.flatMap((d) => d.entries);
}

describe('properties of scoreEdition (fast-check)', () => {
  it('every score is in [0, scale], every normalised value in [0, 1]', () => {
    fc.assert(
      fc.property(scenarioArb(general), (s) => {
        for (const entry of allEntries(scoreEdition(s))) {
          expect(entry.score).toBeGreaterThanOrEqual(0);
          expect(entry.score).toBeLessThanOrEqual(s.methodology.scale);
          for (const indicator of Object.values(entry.indicators)) {
            if (indicator.normalized !== null) {
              expect(indicator.normalized).toBeGreaterThanOrEqual(0);
              expect(indicator.normalized).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      runs,
    );
  });

  it('contributions add up to the score on arithmetic trees', () => {
    fc.assert(
      fc.property(scenarioArb({ arithmeticOnly: true, monotoneFriendly: false }), (s) => {
        for (const entry of allEntries(scoreEdition(s))) {
          const total = Object.values(entry.indicators).reduce((sum, i) => sum + i.contribution, 0);
          expect(Math.abs(total - entry.score)).toBeLessThan(1e-9);
        }
      }),
      runs,
    );
  });

  it('contributions add up to the score with geometric nodes too (shared in proportion to wᵢxᵢ)', () => {
    fc.assert(
      fc.property(scenarioArb(general), (s) => {
        for (const entry of allEntries(scoreEdition(s))) {
          const total = Object.values(entry.indicators).reduce((sum, i) => sum + i.contribution, 0);
          expect(Math.abs(total - entry.score)).toBeLessThan(1e-9);
        }
      }),
      runs,
    );
  });

  it('results do not depend on the order of observations or projects (bit for bit)', () => {
    fc.assert(
      fc.property(scenarioArb(general), fc.integer(), (s, seed) => {
        const shuffled = {
          ...s,
          observations: shuffle(s.observations, seed),
          projects: shuffle(s.projects, seed + 1),
        };
        expect(scoreEdition(shuffled)).toEqual(scoreEdition(s));
      }),
      runs,
    );
  });

  it('ranks are competition ranks (ties within 1e-9 of the group’s best score), entries by rank then slug', () => {
    fc.assert(
      fc.property(scenarioArb(general), (s) => {
        for (const dimension of scoreEdition(s).dimensions) {
          const entries = dimension.entries;
          let previousBest = Number.POSITIVE_INFINITY;
          for (let start = 0; start < entries.length; ) {
            const rank = entries[start]?.rank;
            const group = entries.filter((e) => e.rank === rank);
            expect(rank).toBe(start + 1);
            const best = Math.max(...group.map((e) => e.score));
            for (const e of group) expect(best - e.score).toBeLessThanOrEqual(1e-9);
            expect(previousBest - best).toBeGreaterThan(1e-9);
            const slugs = group.map((e) => e.project);
            expect(slugs).toEqual([...slugs].sort());
            previousBest = best;
            start += group.length;
          }
        }
      }),
      runs,
    );
  });

  it('raising a higher-is-better value never lowers that project’s arithmetic score', () => {
    fc.assert(
      fc.property(
        scenarioArb({ arithmeticOnly: true, monotoneFriendly: true }),
        fc.nat(),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (s, pick, raise) => {
          if (s.observations.length === 0) return;
          const target = s.observations[pick % s.observations.length] as Observation;
          const indicator = s.methodology.indicators.find((i) => i.key === target.indicator);
          // Raising one evidence value raises the combined value for every method but count.
          if (indicator?.combine === 'count') return;
          const raised = s.observations.map((o) => (o === target ? { ...o, value: o.value + raise } : o));
          const before = scoreEdition(s);
          const after = scoreEdition({ ...s, observations: raised });
          before.dimensions.forEach((dimension, d) => {
            const old = dimension.entries.find((e) => e.project === target.project);
            const now = after.dimensions[d]?.entries.find((e) => e.project === target.project);
            if (old && now) expect(now.score).toBeGreaterThanOrEqual(old.score - 1e-9);
          });
        },
      ),
      runs,
    );
  });
});
