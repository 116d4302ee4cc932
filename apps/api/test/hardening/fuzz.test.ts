/**
 * Property-based fuzzing (fast-check) of every mutation's arguments and every query field's
 * arguments (filters, slugs, ids, cursors, dimensions), generated from the schema itself so that new
 * fields are fuzzed without editing this file. Properties: no 5xx and no INTERNAL_SERVER_ERROR, no
 * internal detail (stack, SQL, paths, driver names) in any error, and a refused mutation changes
 * nothing (row counts and row hashes of every table, the audit log included).
 */
import fc from 'fast-check';
import type {
  GraphQLArgument,
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLOutputType,
  GraphQLScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graphql/schema';
import { startTestApi, type TestApi } from '../helpers';
import { fingerprint, leaksIn, primaryDriver } from './support';

const SEED = Number(process.env.FUZZ_SEED ?? 20260707);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/**
 * Not fuzzed: signIn has its own suite (sign-in.test.ts) and is throttled on purpose; signOut takes
 * no arguments and would end the fuzzing token's own session (sessions.test.ts).
 */
const SKIP = new Set(['signIn', 'signOut']);

/** Strings: random text, hostile classics and plausible values, so some inputs pass validation. */
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "' OR '1'='1",
      '"; DROP TABLE evidence; --',
      '1); SELECT pg_sleep(2); --',
      '\u0000',
      'a\u0000b',
      '../../../../etc/passwd',
      '%s%s%n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
      '${7*7}{{7*7}}',
      '__proto__',
      'constructor',
      '<script>alert(1)</script>',
      'x'.repeat(5000),
      '\uD800',
      '🦙🚀',
      ' ',
      '',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://127.0.0.1:5432/',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'vllm',
      'vllm-project',
      'github_stars',
      'model',
      'system',
      'CN',
      'US',
      '2026-01-01',
      'https://example.org/x',
      'admin@example.org',
      'llm-oss-influence',
      '2026.1',
    ),
  },
);

const dateString = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '0000-00-00', '2026-13-01', '99999-01-01', 'yesterday'),
  hostileString,
);

// The schema comes from the app's copy of graphql (CommonJS) and vitest loads the ES module one, so
// graphql's `instanceof`-based predicates would refuse it: kinds are told by class name instead.
const kind = (type: { constructor: { name: string } }) => type.constructor.name;
const isNonNullType = (t: GraphQLInputType): t is GraphQLNonNull<GraphQLInputType> =>
  kind(t) === 'GraphQLNonNull';
const isListType = (t: GraphQLInputType): t is GraphQLList<GraphQLInputType> => kind(t) === 'GraphQLList';
const isEnumType = (t: GraphQLInputType): t is GraphQLEnumType => kind(t) === 'GraphQLEnumType';
const isInputObjectType = (t: GraphQLInputType): t is GraphQLInputObjectType =>
  kind(t) === 'GraphQLInputObjectType';
const isScalarType = (t: GraphQLInputType): t is GraphQLScalarType => kind(t) === 'GraphQLScalarType';
function isLeafOutput(type: GraphQLOutputType): boolean {
  let t: GraphQLOutputType = type;
  while ('ofType' in t && t.ofType) t = t.ofType as GraphQLOutputType;
  return kind(t) === 'GraphQLScalarType' || kind(t) === 'GraphQLEnumType';
}

function arbitraryOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryOf(type.ofType, depth);
  const nullable = (a: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type))
    return nullable(fc.array(arbitraryOf(type.ofType, depth + 1), { maxLength: depth > 1 ? 2 : 5 }));
  if (isEnumType(type))
    return nullable(
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
        { weight: 1, arbitrary: hostileString },
      ),
    );
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, field] of Object.entries(fields)) record[name] = arbitraryOf(field.type, depth + 1);
    const required = Object.entries(fields)
      .filter(([, f]) => isNonNullType(f.type))
      .map(([n]) => n);
    return nullable(fc.record(record, { requiredKeys: required }));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return nullable(
          fc.oneof(
            fc.integer({ min: -5, max: 3000 }),
            fc.integer(),
            fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)),
          ),
        );
      case 'Float':
        return nullable(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 42),
          ),
        );
      case 'Boolean':
        return nullable(fc.boolean());
      case 'ID':
        return nullable(
          fc.oneof(
            fc.integer({ min: -2, max: 5000 }).map(String),
            fc.constantFrom('9223372036854775808', '1e3', '0x10', '1.5'),
            hostileString,
          ),
        );
      case 'Date':
        return nullable(dateString);
      case 'DateTime':
        return nullable(
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            hostileString,
          ),
        );
      case 'JSON':
        return nullable(fc.jsonValue({ maxDepth: 3 }));
      default:
        return nullable(hostileString);
    }
  }
  return fc.constant(null);
}

/** Mostly well-typed variables, sometimes any JSON at all (coercion must refuse it cleanly). */
const variablesOf = (args: readonly GraphQLArgument[]) => {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of args) {
    record[arg.name] = fc.oneof(
      { weight: 9, arbitrary: arbitraryOf(arg.type) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
  }
  return fc.record(record);
};

function documentOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafOutput(field.type) ? '' : ' { __typename }';
  return `${kind} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
}

const schema = buildSchema();
const mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {}).filter(
  (f) => !SKIP.has(f.name),
);
const queryFields = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((f) => f.args.length > 0);

/** Nested fields with arguments, reached through a published edition and a project. */
const NESTED: { name: string; query: string; vars: Record<string, fc.Arbitrary<unknown>> }[] = [
  {
    name: 'Edition.ranking',
    query:
      'query F($d: String!, $first: Int, $after: String, $f: RankingFilter) { edition(year: 2026, revision: 1) { ranking(dimension: $d, first: $first, after: $after, filter: $f) { totalCount } } }',
    vars: {
      d: hostileString,
      first: arbitraryOf(schema.getType('Int') as GraphQLInputType),
      after: hostileString,
      f: arbitraryOf(schema.getType('RankingFilter') as GraphQLInputType),
    },
  },
  {
    name: 'Edition.regionShares/organizationRanking/sensitivity/changes',
    query:
      'query F($d: String, $d2: String!, $n: Int, $after: String) { edition(year: 2026, revision: 1) { regionShares(dimension: $d) { region topCount(n: $n) } organizationRanking(dimension: $d, first: $n, after: $after) { totalCount } sensitivity(dimension: $d2) { rank } changes(movers: $n) { __typename } } }',
    vars: {
      d: hostileString,
      d2: hostileString,
      n: arbitraryOf(schema.getType('Int') as GraphQLInputType),
      after: hostileString,
    },
  },
  {
    name: 'Project.results/evidence',
    query:
      'query F($y: Int, $r: Int, $f: EvidenceFilter, $after: String) { project(slug: "vllm") { results(year: $y, revision: $r) { rank } evidence(filter: $f, first: 5, after: $after) { totalCount } } }',
    vars: {
      y: arbitraryOf(schema.getType('Int') as GraphQLInputType),
      r: arbitraryOf(schema.getType('Int') as GraphQLInputType),
      f: arbitraryOf(schema.getType('EvidenceFilter') as GraphQLInputType),
      after: hostileString,
    },
  },
];

interface Finding {
  field: string;
  variables: unknown;
  problem: string;
}

describe('fuzzing every mutation and filter (fast-check)', () => {
  let api: TestApi;
  let admin: string;
  const findings: Finding[] = [];
  let inputs = 0;
  let refusedMutations = 0;
  /** The server's error log: what a finding's INTERNAL_SERVER_ERROR was. */
  const serverLog: string[] = [];

  beforeAll(async () => {
    api = await startTestApi(primaryDriver(), {
      seed: true,
      env: { NODE_ENV: 'production', SENSITIVITY_SAMPLES: '5' },
      log: (line) => serverLog.push(line.slice(0, 6000)),
    });
    admin = await api.tokenFor('admin');
  });
  afterAll(async () => {
    process.stdout.write(
      `fuzz: ${inputs} inputs (${mutationFields.length} mutations, ${queryFields.length} query fields, ${NESTED.length} nested), ${refusedMutations} refused mutations left the database unchanged, seed ${SEED}\n`,
    );
    if (findings.length && process.env.FUZZ_LOG)
      (await import('node:fs')).writeFileSync(process.env.FUZZ_LOG, serverLog.join('\n'));
    await api?.close();
  });

  /** Sends one fuzzed operation and records what is wrong with the answer. */
  async function probe(
    field: string,
    query: string,
    variables: unknown,
    token?: string,
  ): Promise<{ refused: boolean }> {
    inputs++;
    const res = await api.gql(query, variables as Record<string, unknown>, token ? { token } : {});
    const errors = JSON.stringify(res.errors ?? []);
    if (res.status >= 500) findings.push({ field, variables, problem: `HTTP ${res.status}` });
    if ((res.errors ?? []).some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
      findings.push({
        field,
        variables,
        problem: `INTERNAL_SERVER_ERROR: ${serverLog[serverLog.length - 1] ?? ''}`,
      });
    const leaks = leaksIn(errors);
    if (leaks.length)
      findings.push({ field, variables, problem: `leak: ${leaks.join(', ')}: ${errors.slice(0, 300)}` });
    return { refused: (res.errors?.length ?? 0) > 0 };
  }

  it(`fuzzes the arguments of every mutation (${mutationFields.length}) as an admin; refusals change nothing`, async () => {
    // One fingerprint per call: the state after one call is the state before the next.
    let current = await fingerprint(api);
    for (const field of mutationFields) {
      const query = documentOf('mutation', field);
      await fc.assert(
        fc.asyncProperty(variablesOf(field.args), async (variables) => {
          const { refused } = await probe(`Mutation.${field.name}`, query, variables, admin);
          const after = await fingerprint(api);
          if (refused) {
            refusedMutations++;
            if (JSON.stringify(after) !== JSON.stringify(current))
              findings.push({
                field: `Mutation.${field.name}`,
                variables,
                problem: 'refused but the database changed',
              });
          }
          current = after;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
    expect(findings).toEqual([]);
  }, 180_000);

  it(`fuzzes every query field with arguments (${queryFields.length}) and nested filters, as admin and anonymous`, async () => {
    for (const field of queryFields) {
      const query = documentOf('query', field);
      await fc.assert(
        fc.asyncProperty(variablesOf(field.args), fc.boolean(), async (variables, asAdmin) => {
          await probe(`Query.${field.name}`, query, variables, asAdmin ? admin : undefined);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
    for (const nested of NESTED) {
      await fc.assert(
        fc.asyncProperty(fc.record(nested.vars), fc.boolean(), async (variables, asAdmin) => {
          await probe(nested.name, nested.query, variables, asAdmin ? admin : undefined);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
    expect(findings).toEqual([]);
  }, 180_000);
});
