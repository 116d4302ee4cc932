/**
 * The cost estimate against graphql-armor's own, on documents whose page sizes are written out (the
 * only ones armor measures as asked): the same number. Variables and defaults are tested through the
 * API in errors-and-limits.test.ts.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from '../src/graphql/cost-limit';
import { buildSchema } from '../src/graphql/schema';

const schema = buildSchema();

function armorCost(source: string): number {
  let measured = Number.NaN;
  const armor = new ApolloArmor({
    maxDepth: { enabled: false },
    costLimit: {
      maxCost: Number.MAX_SAFE_INTEGER,
      onAccept: [(_context: unknown, details: { n: number }) => (measured = details.n)],
    },
  }).protect();
  const errors = validate(schema, parse(source), armor.validationRules);
  expect(errors.map((e) => e.message)).toEqual([]);
  return measured;
}

function ourCost(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return operationCost({ schema, operation, fragments, variables });
}

const DOCUMENTS = {
  'a ranking page with breakdowns': `{ edition(year: 2026) { ranking(dimension: "model", first: 50) {
    totalCount edges { node { rank score project { slug name } breakdown { key score } } } } } }`,
  'four rankings and evidence': `{ editions { ${['data', 'model', 'system', 'evaluation']
    .map(
      (d) => `${d}: ranking(dimension: "${d}", first: 100) { edges { node { rank
        project { evidence(first: 10) { edges { node { id value } } } } } } }`,
    )
    .join(' ')} } }`,
  'fragments, spread twice, and an inline fragment': `
    fragment P on Project { slug name organizations { slug } }
    { projects(first: 30) { edges { node { ...P } } } project(slug: "x") { ...P ... on Project { id } } }`,
  'introspection costs nothing': '{ __schema { types { name } } editions { year } }',
};

describe('operationCost', () => {
  for (const [name, source] of Object.entries(DOCUMENTS)) {
    it(`equals graphql-armor's estimate for ${name}`, () => {
      const armor = armorCost(source);
      expect(Number.isFinite(armor)).toBe(true);
      expect(ourCost(source)).toBe(armor);
    });
  }

  it('counts `first: $n` as n and an omitted `first` as the argument default (20), where armor counts 1', () => {
    const page = (first: string) => `query Q($n: Int) { projects${first} { edges { node { slug name } } } }`;
    expect(ourCost(page('(first: $n)'), { n: 80 })).toBe(ourCost(page('(first: 80)')));
    expect(ourCost(page(''))).toBe(ourCost(page('(first: 20)')));
    expect(ourCost(page('(first: $n)'), { n: null })).toBe(ourCost(page('(first: 20)')));
    expect(armorCost(page('(first: $n)'))).toBeLessThan(ourCost(page('(first: $n)'), { n: 80 }));
  });
});
