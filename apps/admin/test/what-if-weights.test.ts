/** The what-if page's URL weights (src/lib/what-if-weights.ts): what a shared link may and may not carry. */
import { describe, expect, it } from 'vitest';
import { type Pillar, parseWeights, weightsQuery } from '@/lib/what-if-weights';

// The model dimension's pillars and weights in packages/schema/data/methodology/llm-oss-influence-2026.1.json.
const PILLARS: Pillar[] = [
  { key: 'model_adoption', name: 'Adoption', nameZh: null, weight: 40 },
  { key: 'model_community', name: 'Community', nameZh: null, weight: 20 },
  { key: 'model_openness', name: 'Openness', nameZh: null, weight: 15 },
  { key: 'model_capability_research', name: 'Capability and research', nameZh: null, weight: 25 },
];

const parse = (query: string) => parseWeights(new URLSearchParams(query).entries(), PILLARS);

describe('parseWeights(params, pillars)', () => {
  it('without weights gives the official ones, not custom', () => {
    const parsed = parse('dimension=model');
    expect(parsed.problems).toEqual([]);
    expect(parsed.isCustom).toBe(false);
    expect(parsed.weights).toEqual([
      { node: 'model_adoption', weight: 40 },
      { node: 'model_community', weight: 20 },
      { node: 'model_openness', weight: 15 },
      { node: 'model_capability_research', weight: 25 },
    ]);
  });

  it('replaces the named pillars and keeps the others official', () => {
    const parsed = parse('w.model_community=60&w.model_openness=0.5');
    expect(parsed.problems).toEqual([]);
    expect(parsed.isCustom).toBe(true);
    expect(parsed.weights.map((w) => w.weight)).toEqual([40, 60, 0.5, 25]);
  });

  it('names an unknown node', () => {
    expect(parse('w.model_hype=10').problems).toEqual([{ kind: 'unknown', node: 'model_hype' }]);
  });

  it('refuses a negative weight and keeps the official one in its place', () => {
    const parsed = parse('w.model_adoption=-5');
    expect(parsed.problems).toEqual([{ kind: 'negative', node: 'model_adoption', value: '-5' }]);
    expect(parsed.weights[0]).toEqual({ node: 'model_adoption', weight: 40 });
  });

  it.each(['', 'abc', 'Infinity', '1e3', '0x10', 'NaN', '1,5'])('refuses %j as not a number', (value) => {
    expect(parse(`w.model_adoption=${encodeURIComponent(value)}`).problems).toEqual([
      { kind: 'notANumber', node: 'model_adoption', value },
    ]);
  });

  it('refuses every pillar at 0', () => {
    const parsed = parse(
      'w.model_adoption=0&w.model_community=0&w.model_openness=0&w.model_capability_research=-0',
    );
    expect(parsed.problems).toEqual([{ kind: 'allZero' }]);
  });

  it('reads the first of a repeated parameter', () => {
    expect(parse('w.model_community=10&w.model_community=90').weights[1]?.weight).toBe(10);
  });

  it('ignores parameters that are not weights', () => {
    expect(parse('dimension=model&revision=2&after=abc&wmodel_community=3').problems).toEqual([]);
  });
});

describe('weightsQuery(base, weights, pillars)', () => {
  it('writes only the weights that differ from the official ones, and reads back the same', () => {
    const weights = PILLARS.map((p) => ({
      node: p.key,
      weight: p.key === 'model_community' ? 33 : p.weight,
    }));
    const query = weightsQuery({ dimension: 'model', revision: undefined }, weights, PILLARS);
    expect(query).toBe('dimension=model&w.model_community=33');
    expect(parse(query).weights).toEqual(weights);
  });

  it('is the bare dimension for the official weights', () => {
    expect(weightsQuery({ dimension: 'model' }, [], PILLARS)).toBe('dimension=model');
  });
});
