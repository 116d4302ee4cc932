/**
 * The weights of the public what-if page (`/editions/YEAR/what-if?dimension=D&w.PILLAR=WEIGHT…`): one
 * `w.<key>` parameter per pillar (a top-level node of the dimension's tree) whose weight differs from
 * the official one. Read by the page and by its JSON route alike, so a shared URL means the same
 * ranking wherever it is opened. The API checks the weights again (docs/graphql-guide.md, "What-if").
 */

/** A top-level node of a dimension's tree with its official weight. */
export interface Pillar {
  key: string;
  name: string;
  nameZh: string | null;
  weight: number;
}

export const WEIGHT_PREFIX = 'w.';

/** Why a weight in the URL cannot be used. */
export type WeightProblem =
  | { kind: 'unknown'; node: string }
  | { kind: 'notANumber'; node: string; value: string }
  | { kind: 'negative'; node: string; value: string }
  | { kind: 'allZero' };

export interface ParsedWeights {
  /** Every pillar's weight: the URL's where valid, the official one otherwise (same order as the pillars). */
  weights: { node: string; weight: number }[];
  problems: WeightProblem[];
  /** Whether any weight differs from the official one. */
  isCustom: boolean;
}

/** A plain decimal number (no hex, no exponent, no `Infinity`): what the form's inputs send. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads the `w.<key>` parameters against a dimension's pillars. `params` is a URLSearchParams or the
 * entries of Next's searchParams (a repeated parameter: its first value).
 */
export function parseWeights(
  params: Iterable<[string, string | string[] | undefined]>,
  pillars: readonly Pillar[],
): ParsedWeights {
  const given = new Map<string, number>();
  const problems: WeightProblem[] = [];
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    if (!name.startsWith(WEIGHT_PREFIX)) continue;
    const node = name.slice(WEIGHT_PREFIX.length);
    if (seen.has(node)) continue;
    seen.add(node);
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
    if (!pillars.some((p) => p.key === node)) {
      problems.push({ kind: 'unknown', node });
      continue;
    }
    if (!DECIMAL.test(value)) {
      problems.push({ kind: 'notANumber', node, value });
      continue;
    }
    const weight = Number(value);
    if (weight < 0) {
      problems.push({ kind: 'negative', node, value });
      continue;
    }
    given.set(node, weight === 0 ? 0 : weight); // -0 → 0
  }
  const weights = pillars.map((p) => ({ node: p.key, weight: given.get(p.key) ?? p.weight }));
  if (problems.length === 0 && weights.length > 0 && weights.every((w) => w.weight === 0))
    problems.push({ kind: 'allZero' });
  const isCustom = pillars.some((p, i) => weights[i]?.weight !== p.weight);
  return { weights, problems, isCustom };
}

/** The what-if URL's query for these weights: only those that differ from the official ones. */
export function weightsQuery(
  base: Record<string, string | undefined>,
  weights: readonly { node: string; weight: number }[],
  pillars: readonly Pillar[],
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(base)) if (value) search.set(key, value);
  for (const { node, weight } of weights) {
    const official = pillars.find((p) => p.key === node)?.weight;
    if (official !== weight) search.set(`${WEIGHT_PREFIX}${node}`, String(weight));
  }
  return search.toString();
}
