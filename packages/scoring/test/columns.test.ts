/**
 * Evidence as columns (prepareEditionFromColumns, scoreEntryAt, runSensitivityPrepared) gives exactly
 * the object path's results — entries, rank intervals — and StreamingContentHash gives contentHash's
 * bytes, on random editions with `latest` ties, freshness windows, dates past the cutoff and ids
 * whose text order is not their numeric order.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  contentHash,
  createSeededRandom,
  dimensionColumns,
  type IndicatorDefinition,
  type Methodology,
  type Observation,
  type ObservationColumns,
  prepareEditionFromColumns,
  runSensitivity,
  runSensitivityPrepared,
  StreamingContentHash,
  scoreEdition,
  scoreEntryAt,
} from '../src/index';
import { randomEdition } from './random-edition';

const CUTOFF = '2025-12-31';

/** A random edition with `latest` and windowed indicators, dated evidence and numeric ids. */
function edition(seed: string) {
  const base = randomEdition(seed, { projects: 40, dimensions: 3 });
  const random = createSeededRandom(`${seed}-extra`);
  const indicators = base.methodology.indicators.map((d, i): IndicatorDefinition => {
    if (i % 5 === 0) return { ...d, combine: 'latest' };
    if (i % 5 === 1) return { ...d, window: 'P1Y', stale: 'flag' };
    if (i % 5 === 2) return { ...d, window: 'P6M', stale: 'exclude', combine: 'latest' };
    return d;
  });
  const methodology: Methodology = { ...base.methodology, indicators };
  const dates = ['2024-01-15', '2025-03-01', '2025-12-31', '2026-02-01', '2025-03-01T10:00:00Z'];
  const observations: Observation[] = [];
  let id = 1;
  for (const o of base.observations) {
    // Two or three values per cell, some on the same date (ties for `latest`).
    const copies = 1 + Math.floor(random() * 3);
    for (let c = 0; c < copies; c++) {
      observations.push({
        ...o,
        value: o.value + c,
        id: String(id),
        observedAt: random() < 0.05 ? null : (dates[Math.floor(random() * dates.length)] as string),
        retrievedAt: random() < 0.3 ? null : `2026-01-0${1 + Math.floor(random() * 3)}T00:00:00.000Z`,
        sourceUrl: `https://example.org/${o.project}/${Math.floor(random() * 3)}`,
      });
      id += 1 + Math.floor(random() * 40);
    }
  }
  const slugs = [...new Set(observations.map((o) => o.project))];
  // Projects in an order other than the slugs' (columns refer to positions in this list).
  const projects = slugs.reverse().map((slug) => ({ slug, category: null }));
  return { methodology, observations, projects };
}

function columnsOf(
  methodology: Methodology,
  projects: readonly { slug: string }[],
  observations: readonly Observation[],
): ObservationColumns {
  const dates: string[] = [];
  const projectIndex = new Map(projects.map((p, i) => [p.slug, i]));
  const indicatorIndex = new Map(methodology.indicators.map((d, i) => [d.key, i]));
  const dateOf = (text: string | null | undefined) => {
    if (!text) return -1;
    const found = dates.indexOf(text);
    if (found >= 0) return found;
    dates.push(text);
    return dates.length - 1;
  };
  return {
    length: observations.length,
    project: Int32Array.from(observations, (o) => projectIndex.get(o.project) as number),
    indicator: Int32Array.from(observations, (o) => indicatorIndex.get(o.indicator) as number),
    value: Float64Array.from(observations, (o) => o.value),
    observedAt: Int32Array.from(observations, (o) => dateOf(o.observedAt)),
    dates,
    retrievedAt: Float64Array.from(observations, (o) =>
      o.retrievedAt ? Date.parse(o.retrievedAt) : Number.NaN,
    ),
    id: Float64Array.from(observations, (o) => Number(o.id)),
  };
}

describe('evidence as columns', () => {
  for (const seed of ['a', 'b', 'c', 'd']) {
    it(`scores, draws and hashes as the object path (seed ${seed})`, () => {
      const { methodology, observations, projects } = edition(seed);
      const expected = scoreEdition({
        methodology,
        projects,
        observations,
        cutoff: CUTOFF,
        freshness: 'always',
      });
      const prepared = prepareEditionFromColumns({
        methodology,
        projects,
        columns: columnsOf(methodology, projects, observations),
        cutoff: CUTOFF,
      });
      const dimensions = prepared.dimensions.map((dimension) => {
        const columns = dimensionColumns(dimension, prepared.table, prepared.scale);
        return {
          key: columns.key,
          name: columns.name,
          entries: Array.from({ length: dimension.n }, (_, position) =>
            scoreEntryAt(columns, dimension, prepared.table, position, true),
          ),
        };
      });
      expect(dimensions).toEqual(expected.dimensions);

      const options = { samples: 30, seed: 5, delta: 0.3 };
      expect(runSensitivityPrepared(prepared, options)).toEqual(
        runSensitivity({ methodology, projects, observations, cutoff: CUTOFF, ...options }),
      );

      const sorted = [...observations].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
      expect(sorted.map((o) => o.id)).not.toEqual(observations.map((o) => o.id));
      const streaming = new StreamingContentHash();
      for (const o of sorted) streaming.evidence(o);
      streaming.methodology(methodology);
      const text = canonicalJson(expected);
      streaming.results(text.slice(0, 10));
      streaming.results(text.slice(10));
      expect(streaming.digest()).toBe(
        contentHash({ methodology, evidence: observations, results: expected }),
      );
    });
  }

  it('refuses evidence ids out of order or twice', () => {
    const hash = new StreamingContentHash();
    hash.evidence({ id: '2', project: 'p', indicator: 'i', value: 1 });
    expect(() => hash.evidence({ id: '10', project: 'p', indicator: 'i', value: 1 })).toThrow(/ascend/);
    expect(() => hash.evidence({ id: '2', project: 'p', indicator: 'i', value: 1 })).toThrow(/duplicate/);
  });
});
