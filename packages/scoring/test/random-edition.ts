import { createSeededRandom, type Methodology, type Observation, parseMethodology } from '../src/index';

/** Options of {@link randomEdition}. */
export interface RandomEditionOptions {
  projects: number;
  /** Children of each dimension's root (default 2–4, drawn). */
  topLevel?: number;
  /** The root's aggregation (default: drawn, mostly arithmetic). */
  rootAggregate?: 'arithmetic' | 'geometric';
  /** Missing policies to draw from (default all three). */
  missing?: Array<'zero' | 'exclude' | 'mean'>;
  /** Share of (project, indicator) cells without evidence (default 0.15). */
  gap?: number;
  /** Dimensions (default 2). */
  dimensions?: number;
}

/**
 * A seeded random methodology (nested groups, mixed aggregation, transforms, normalisations,
 * directions, missing policies, integer weights with some zeros) and evidence for it, through the
 * real parser: the same seed always gives the same edition.
 */
export function randomEdition(
  seed: string,
  options: RandomEditionOptions,
): { methodology: Methodology; observations: Observation[] } {
  const random = createSeededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const missing = options.missing ?? ['zero', 'exclude', 'mean'];
  const indicatorCount = 40; // enough for the largest tree (4 × 3 × 3 leaves)
  const indicators = Array.from({ length: indicatorCount }, (_, i) => ({
    key: `i${i}`,
    name: `Indicator ${i}`,
    transform: pick(['none', 'log1p', 'sqrt'] as const),
    normalize: { method: pick(['minmax', 'zscore', 'rank', 'minmax'] as const) },
    direction: pick(['higher', 'higher', 'lower'] as const),
    missing: pick(missing),
  }));
  const weight = () => pick([0, 1, 1, 2, 3, 5]);
  let groupId = 0;
  const dimensions = Array.from({ length: options.dimensions ?? 2 }, (_, d) => {
    const unused = indicators.map((i) => i.key).sort(() => random() - 0.5);
    const leaf = () => ({ indicator: unused.pop() as string, weight: weight() || 1 });
    const group = (depth: number): Record<string, unknown> => {
      const size = 2 + Math.floor(random() * 2);
      const children = Array.from({ length: size }, () =>
        depth < 2 && random() < 0.3 && unused.length > 4 ? group(depth + 1) : leaf(),
      );
      return {
        key: `g${groupId++}`,
        name: 'Group',
        weight: weight() || 2,
        aggregate: random() < 0.2 ? 'geometric' : 'arithmetic',
        children,
      };
    };
    const topLevel = options.topLevel ?? 2 + Math.floor(random() * 3);
    const children = Array.from({ length: topLevel }, () => (random() < 0.7 ? group(1) : leaf()));
    // Top-level weights are positive: a zero there would only shrink the number of weights.
    for (const child of children) child.weight = 1 + Math.floor(random() * 6);
    return {
      key: `d${d}`,
      name: `Dimension ${d}`,
      aggregate: options.rootAggregate ?? (random() < 0.25 ? 'geometric' : 'arithmetic'),
      children,
    };
  });
  const methodology = parseMethodology(
    JSON.stringify({ id: 'random', version: seed, title: 'Random', indicators, dimensions }),
  );
  const gap = options.gap ?? 0.15;
  const observations: Observation[] = [];
  for (let p = 0; p < options.projects; p++) {
    for (const indicator of indicators) {
      if (random() < gap) continue;
      // Some repeated values, so normalisations meet ties.
      const value = random() < 0.1 ? 7 : Math.round(random() * 10_000) / 10 + 0.5;
      observations.push({ project: `p${String(p).padStart(4, '0')}`, indicator: indicator.key, value });
    }
  }
  return { methodology, observations };
}
