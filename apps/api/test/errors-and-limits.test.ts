/** Errors and limits that teach: unknown years, the query cost limit, changes against any earlier edition. */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_COST } from '../src/graphql/cost-limit';
import { codeOf, startTestApi, type TestApi } from './helpers';

const DIMENSIONS = ['data', 'model', 'system', 'evaluation'];
const ENTRY = `rank previousRank rankChange score project { slug name country }
  breakdown { key name score weight contribution }
  indicators { indicator { key name unit } raw normalized contribution weight pillar evidence { id sourceUrl observedAt } }`;
const FOUR_RANKINGS = `{ edition(year: 2026) { ${DIMENSIONS.map(
  (d) => `${d}: ranking(dimension: "${d}", first: 100) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${ENTRY} } } }`,
).join(' ')} } }`;

describe.each(testDrivers())('errors and limits (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => api?.close());

  it('answers an unknown year with NOT_FOUND naming the years that exist, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await api.gql('{ edition(year: 1999) { id } }');
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.extensions).toMatchObject({ field: 'year', years: [2026, 2025, 2024] });
      expect(res.errors?.[0]?.message).toContain('2026, 2025, 2024');
      expect(res.headers.get('cache-control') ?? '').not.toMatch(/max-age=[1-9]/);
    }
  });

  it('serves the four rankings of the demo with breakdowns, indicators and evidence in one request', async () => {
    const res = await api.gql<Record<string, Record<string, { edges: unknown[] }>>>(FOUR_RANKINGS);
    expect(res.errors).toBeUndefined();
    for (const d of DIMENSIONS) expect(res.data?.edition?.[d]?.edges.length).toBeGreaterThan(0);
  });

  it('refuses a costlier query with QUERY_TOO_COSTLY, its cost and the limit', async () => {
    const nested = `{ editions { ${DIMENSIONS.map(
      (d) => `${d}: ranking(dimension: "${d}", first: 100) { edges { node { ${ENTRY}
          project { evidence(first: 100) { edges { node { id value sourceUrl } } } } } } }`,
    ).join(' ')} } }`;
    const res = await api.gql(nested);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('QUERY_TOO_COSTLY');
    const extensions = res.errors?.[0]?.extensions ?? {};
    expect(extensions.limit).toBe(MAX_QUERY_COST);
    expect(extensions.cost).toBeGreaterThan(MAX_QUERY_COST);
    expect(res.errors?.[0]?.message).toContain(String(extensions.cost));
    expect(res.errors?.[0]?.message).not.toMatch(/Syntax Error/);
  });

  it('counts a page size given by a variable, or left to its default, as the page it asks for', async () => {
    const nested = (first: string) =>
      `${DIMENSIONS.map(
        (d) => `${d}: ranking(dimension: "${d}", first: 100) { edges { node { ${ENTRY}
          project { evidence${first} { edges { node { id value sourceUrl } } } } } } }`,
      ).join(' ')}`;
    const literal = await api.gql(`{ editions { ${nested('(first: 100)')} } }`);
    const variable = await api.gql(`query Q($n: Int) { editions { ${nested('(first: $n)')} } }`, { n: 100 });
    expect(codeOf(variable)).toBe('QUERY_TOO_COSTLY');
    expect(variable.errors?.[0]?.extensions?.cost).toBe(literal.errors?.[0]?.extensions?.cost);
    // Left out, `evidence`'s page is its default of 20: the cost of `first: 20` written out.
    const twenty = await api.gql(`{ editions { ${nested('(first: 20)')} } }`);
    const omitted = await api.gql(`{ editions { ${nested('')} } }`);
    const unset = await api.gql(`query Q($n: Int) { editions { ${nested('(first: $n)')} } }`, {});
    expect(codeOf(twenty)).toBe('QUERY_TOO_COSTLY');
    expect(omitted.errors?.[0]?.extensions?.cost).toBe(twenty.errors?.[0]?.extensions?.cost);
    expect(unset.errors?.[0]?.extensions?.cost).toBe(twenty.errors?.[0]?.extensions?.cost);
  });

  it('compares with any earlier published edition, keeping movers of at least minChange places', async () => {
    const res = await api.gql<{
      edition: {
        default: {
          previousEdition: { year: number };
          dimensions: { dimension: string; movers: { change: number }[] }[];
        };
        against2024: {
          previousEdition: { year: number };
          dimensions: {
            dimension: string;
            movers: { change: number; rank: number; previousRank: number }[];
          }[];
        };
        big: { dimensions: { movers: { change: number }[] }[] };
      };
    }>(`{ edition(year: 2026) {
          default: changes { previousEdition { year } dimensions { dimension movers { change } } }
          against2024: changes(against: 2024, movers: 100) { previousEdition { year } dimensions { dimension movers { change rank previousRank } } }
          big: changes(against: 2024, minChange: 3, movers: 100) { dimensions { movers { change } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.edition.default.previousEdition.year).toBe(2025);
    expect(res.data?.edition.against2024.previousEdition.year).toBe(2024);
    const all = res.data?.edition.against2024.dimensions.flatMap((d) => d.movers) ?? [];
    expect(all.length).toBeGreaterThan(0);
    for (const m of all) expect(m.change).toBe(m.previousRank - m.rank);
    const big = res.data?.edition.big.dimensions.flatMap((d) => d.movers.map((m) => m.change)) ?? [];
    expect(big).toEqual(all.map((m) => m.change).filter((c) => Math.abs(c) >= 3));
    const later = await api.gql(
      '{ edition(year: 2025) { changes(against: 2026) { previousEdition { year } } } }',
    );
    expect(later.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'against',
      years: [2024],
    });
    const badMin = await api.gql(
      '{ edition(year: 2026) { changes(minChange: 0) { previousEdition { year } } } }',
    );
    expect(badMin.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minChange' });
  });
});
