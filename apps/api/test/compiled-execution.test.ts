/**
 * The API executes operations compiled by graphql-jit (src/graphql/compiled-execution.ts). These
 * tests hold it to graphql-js: the same documents, run both ways on the same seeded database, give
 * the same data and the same errors (message, path, locations), and what clients see through the
 * HTTP layer keeps its codes. They also bound the compiled-operation cache.
 */
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { testDrivers } from '@ranking/schema/testing';
import { type ExecutionResult, execute, type GraphQLError, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor } from '../src/auth/actor';
import { createServiceContext, type GraphQLContext } from '../src/context';
import { CompiledOperations } from '../src/graphql/compiled-execution';
import { buildSchema } from '../src/graphql/schema';
import { codeOf, startTestApi, type TestApi } from './helpers';

const schema = buildSchema();

interface Case {
  name: string;
  query: string;
  /** Whether graphql-js answers with errors (the rest answer with data only). */
  refused?: boolean;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const CASES: Case[] = [
  {
    name: 'ranking page with breakdowns, contributions, evidence and a count',
    // 2025: scored without freshness windows, so every value of the top entries has evidence (in 2026
    // stale repository counts are imputed: raw null, no evidence).
    query: `query Page($first: Int!) { edition(year: 2025) { year ranking(dimension: "model", first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { rank previousRank rankChange score project { slug name country organizations { slug } }
        breakdown { key name score } rankInterval { medianRank p05Rank p95Rank }
        indicators { indicator { key name unit } raw normalized contribution isIllustrative evidence { id sourceUrl observedAt } } } } } } }`,
    variables: { first: 7 },
  },
  {
    name: 'aliases, fragments, inline fragments, @skip and @include',
    query: `query Q($with: Boolean!, $without: Boolean!) {
      a: project(slug: "qwen") { ...P organizations @include(if: $with) { slug } }
      b: project(slug: "llama") { ...P results @skip(if: $without) { rank score } }
      viewer { kind ... on Viewer { scopes } }
    }
    fragment P on Project { slug name category ... @include(if: $with) { repositoryUrl } }`,
    variables: { with: true, without: false },
  },
  {
    name: 'the same document with the directives flipped',
    query: `query Q($with: Boolean!, $without: Boolean!) {
      a: project(slug: "qwen") { ...P organizations @include(if: $with) { slug } }
      b: project(slug: "llama") { ...P results @skip(if: $without) { rank score } }
    }
    fragment P on Project { slug name category ... @include(if: $with) { repositoryUrl } }`,
    variables: { with: false, without: true },
  },
  {
    name: 'region shares, organization ranking and edition changes',
    query: `{ edition(year: 2026) { regionShares { region share projects topCount(n: 10) }
      organizationRanking(first: 5) { totalCount edges { node { rank score organization { slug } } } }
      changes(movers: 3) { dimensions { dimension movers { project { slug } } } } } }`,
  },
  {
    name: 'evidence with filters in variables (enum lists, dates)',
    query: `query E($f: EvidenceFilter, $first: Int) { evidence(filter: $f, first: $first) {
      totalCount edges { node { id value observedAt status sourceKind project { slug } indicator { key } } } } }`,
    variables: {
      f: { status: ['APPROVED'], observedFrom: '2025-01-01', indicator: 'github_stars' },
      first: 4,
    },
  },
  {
    name: 'a resolver refusal nulls its nullable field and keeps the rest',
    refused: true,
    query: `{ edition(year: 2026) { year ranking(dimension: "no-such-dimension", first: 1) { totalCount } } projects(first: 1) { totalCount } }`,
  },
  {
    name: 'a refusal on a non-null root field nulls data',
    refused: true,
    query: '{ users { totalCount } }',
  },
  {
    name: 'first beyond the page limit',
    refused: true,
    query: '{ projects(first: 101) { totalCount } }',
  },
  {
    name: 'a variable of the wrong type (refused before any resolver runs)',
    refused: true,
    query: 'query P($first: Int!) { projects(first: $first) { totalCount } }',
    variables: { first: 'many' },
  },
  {
    name: 'a missing required variable',
    refused: true,
    query: 'query P($first: Int!) { projects(first: $first) { totalCount } }',
    variables: {},
  },
  {
    name: 'an unknown enum value in an input variable',
    refused: true,
    query: 'query E($f: EvidenceFilter) { evidence(filter: $f) { totalCount } }',
    variables: { f: { status: ['MAYBE'] } },
  },
  {
    name: 'the named operation of a document with two',
    query:
      'query A { projects(first: 1) { totalCount } } query B { organizations(first: 2) { edges { node { slug } } } }',
    operationName: 'B',
  },
];

/** An execution result as a client would compare it: data, and errors by message, path, locations. */
function comparable(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((e: GraphQLError) => ({
      message: e.message,
      path: e.path,
      locations: e.locations,
      original: e.originalError?.message,
    })),
  };
}

function requestContext(c: Case, context: GraphQLContext): GatewayGraphQLRequestContext<GraphQLContext> {
  return {
    request: { query: c.query, variables: c.variables ?? {}, operationName: c.operationName },
    context,
    document: parse(c.query),
    operationName: c.operationName ?? null,
    queryHash: `${c.name}`,
    source: c.query,
  } as unknown as GatewayGraphQLRequestContext<GraphQLContext>;
}

describe.each(testDrivers())('compiled execution (%s)', (driver) => {
  let api: TestApi;
  const context = (): GraphQLContext => ({ ...createServiceContext(api.deps, anonymousActor()), http: {} });

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => {
    await api?.close();
  });

  it.each(CASES)('answers "$name" exactly as graphql-js does', async (c) => {
    expect(validate(schema, parse(c.query))).toEqual([]);
    const operations = new CompiledOperations(schema);
    const expected = await execute({
      schema,
      document: parse(c.query),
      variableValues: c.variables ?? {},
      operationName: c.operationName ?? null,
      contextValue: context(),
    });
    expect(Boolean(expected.errors), JSON.stringify(expected.errors)).toBe(c.refused ?? false);
    // Data worth comparing: no empty lists or nulls where the seeded demo has entries.
    if (!c.refused) expect(JSON.stringify(expected.data)).not.toMatch(/null\]|:\[\]|:null\}/);
    const compiled = await operations.execute(requestContext(c, context()));
    expect(comparable(compiled)).toEqual(comparable(expected));
    // Run again: the second run uses the cached compilation.
    expect(operations.size).toBe(1);
    expect(comparable(await operations.execute(requestContext(c, context())))).toEqual(comparable(expected));
  });

  it('keeps the codes clients see through the HTTP layer', async () => {
    expect(codeOf(await api.gql('{ users { totalCount } }'))).toBe('UNAUTHENTICATED');
    const tooMany = await api.gql('{ projects(first: 101) { totalCount } }');
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.extensions?.field).toBe('first');
    expect(tooMany.errors?.[0]?.path).toEqual(['projects']);
    const badVariable = await api.gql('query P($first: Int!) { projects(first: $first) { totalCount } }', {
      first: 'many',
    });
    expect(badVariable.status).toBe(400);
    expect(codeOf(badVariable)).toBe('BAD_USER_INPUT');
    expect(badVariable.data).toBeUndefined();
  });

  it('compiles each distinct operation once and keeps at most its limit', async () => {
    const operations = new CompiledOperations(schema, 3);
    for (let i = 0; i < 5; i++) {
      const c = { name: `op-${i}`, query: `{ projects(first: ${i + 1}) { edges { node { slug } } } }` };
      const result = await operations.execute(requestContext(c, context()));
      expect(result.errors).toBeUndefined();
      const projects = result.data?.projects as { edges: unknown[] } | undefined;
      expect(projects?.edges).toHaveLength(i + 1);
    }
    expect(operations.size).toBe(3);
  });
});
