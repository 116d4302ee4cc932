/**
 * SQL injection: a payload corpus (tautologies, UNION, stacked queries, comments, pg_sleep timing,
 * casts, JSON/LIKE metacharacters) in every string argument of every query field and mutation, and
 * every string field of their input objects (filters included), generated from the schema. No
 * finding means: no 5xx or INTERNAL_SERVER_ERROR, no SQL or driver text in errors, no more data than
 * a harmless non-matching string returns, no pg_sleep run, and every table still there afterwards.
 * The pg_sleep payloads ask for 30 s, three times the statement timeout (and twice the request
 * deadline) the test server runs with: a payload that reached SQL would end in a 503 or an internal
 * error, a finding however loaded the machine is, instead of a slower answer that a stopwatch must
 * tell from load. sqlmap (Debian's package) is run separately: see test/hardening/sqlmap.sh.
 */
import type {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedInputType,
  GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graphql/schema';
import { startTestApi, type TestApi } from '../helpers';
import { fingerprint, leaksIn, primaryDriver } from './support';

const SQL_PAYLOADS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "%' OR '%'='",
  '" OR ""="',
  "') OR ('1'='1",
  "' UNION SELECT email, password_hash, null FROM users --",
  "'; DROP TABLE audit_log; --",
  "'; UPDATE editions SET status = 'draft'; --",
  "' || pg_sleep(30) || '",
  "'; SELECT pg_sleep(30); --",
  '1 AND (SELECT 1 FROM pg_sleep(30)) IS NOT NULL',
  "1' AND 1=CAST((SELECT password_hash FROM users LIMIT 1) AS int) --",
  '%',
  '_',
  '\\',
  '$$; SELECT 1; $$',
  '1; COMMIT; DELETE FROM evidence; --',
  '{"$gt": ""}',
] as const;
const HARMLESS = 'zz-no-such-thing-zz';
const SKIP = new Set(['signIn']);

const kind = (type: { constructor: { name: string } }) => type.constructor.name;
const unwrap = (t: GraphQLInputType): GraphQLNamedInputType =>
  'ofType' in t && t.ofType ? unwrap(t.ofType as GraphQLInputType) : (t as GraphQLNamedInputType);
const isList = (t: GraphQLInputType): boolean =>
  kind(t) === 'GraphQLList' ||
  (kind(t) === 'GraphQLNonNull' && 'ofType' in t && isList(t.ofType as GraphQLInputType));
const isRequired = (t: GraphQLInputType) => kind(t) === 'GraphQLNonNull';
const STRINGY = new Set(['String', 'ID', 'Date', 'DateTime']);

/** A plausible value for a required argument, so the payload reaches the resolver. */
function defaultOf(type: GraphQLInputType): unknown {
  const named = unwrap(type);
  let value: unknown;
  if (kind(named) === 'GraphQLInputObjectType' && 'getFields' in named) {
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(named.getFields()))
      if (isRequired(field.type)) out[name] = defaultOf(field.type);
    value = out;
  } else if (kind(named) === 'GraphQLEnumType' && 'getValues' in named) value = named.getValues()[0]?.name;
  else {
    const defaults: Record<string, unknown> = {
      Int: 2026,
      Float: 1,
      Boolean: false,
      ID: '1',
      String: 'vllm',
      Date: '2026-01-01',
      DateTime: '2026-01-01T00:00:00Z',
      JSON: {},
    };
    value = defaults[named.name] ?? 'x';
  }
  return isList(type) ? [value] : value;
}

interface Slot {
  label: string;
  /** Variables with `payload` in this slot. */
  variables(payload: string): Record<string, unknown>;
}

/** Every place a string goes: top-level string arguments and string fields of input objects. */
function slotsOf(field: GraphQLField<unknown, unknown>): Slot[] {
  const base = () =>
    Object.fromEntries(field.args.filter((a) => isRequired(a.type)).map((a) => [a.name, defaultOf(a.type)]));
  const slots: Slot[] = [];
  for (const arg of field.args as readonly GraphQLArgument[]) {
    const named = unwrap(arg.type);
    if (STRINGY.has(named.name)) {
      slots.push({
        label: arg.name,
        variables: (p) => ({ ...base(), [arg.name]: isList(arg.type) ? [p] : p }),
      });
    } else if (kind(named) === 'GraphQLInputObjectType' && 'getFields' in named) {
      for (const [name, inner] of Object.entries(named.getFields())) {
        if (!STRINGY.has(unwrap(inner.type).name)) continue;
        slots.push({
          label: `${arg.name}.${name}`,
          variables: (p) => {
            const vars = base();
            const object = {
              ...((defaultOf(arg.type) as Record<string, unknown>) ?? {}),
              [name]: isList(inner.type) ? [p] : p,
            };
            return { ...vars, [arg.name]: isList(arg.type) ? [object] : object };
          },
        });
      }
    }
  }
  return slots;
}

/** Selects counts where there are any, so "more data" is visible in the response size. */
function selectionOf(type: GraphQLOutputType): string {
  let t: GraphQLOutputType = type;
  while ('ofType' in t && t.ofType) t = t.ofType as GraphQLOutputType;
  if (kind(t) === 'GraphQLScalarType' || kind(t) === 'GraphQLEnumType') return '';
  const fields = 'getFields' in t ? t.getFields() : {};
  return 'totalCount' in fields ? ' { __typename totalCount }' : ' { __typename }';
}

function documentOf(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${op} Inject${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selectionOf(field.type)} }`;
}

const schema = buildSchema();
const targets = [
  ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ({ op: 'query' as const, field: f })),
  ...Object.values(schema.getMutationType()?.getFields() ?? {})
    .filter((f) => !SKIP.has(f.name))
    .map((f) => ({ op: 'mutation' as const, field: f })),
].filter(({ field }) => slotsOf(field).length > 0);

/** Nested string arguments (ranking filters and dimensions), reached through a published edition. */
const NESTED = [
  'query N($p: String!) { edition(year: 2026, revision: 1) { ranking(dimension: "system", filter: { search: $p }) { totalCount } } }',
  'query N($p: String!) { edition(year: 2026, revision: 1) { ranking(dimension: "system", filter: { organization: $p }) { totalCount } } }',
  'query N($p: String!) { edition(year: 2026, revision: 1) { ranking(dimension: "system", filter: { country: $p }) { totalCount } } }',
  'query N($p: String!) { edition(year: 2026, revision: 1) { ranking(dimension: $p) { totalCount } } }',
  'query N($p: String!) { edition(year: 2026, revision: 1) { regionShares(dimension: $p) { region } sensitivity(dimension: $p) { rank } } }',
  'query N($p: String!) { edition(year: 2026, revision: 1) { organizationRanking(dimension: $p, after: $p) { totalCount } } }',
  'query N($p: String!) { project(slug: "vllm") { evidence(filter: { indicator: $p }, after: $p) { totalCount } } }',
];

describe('SQL injection payloads in every string argument and filter', () => {
  let api: TestApi;
  let admin: string;
  const findings: string[] = [];
  let requests = 0;
  let slowest = 0;

  beforeAll(async () => {
    api = await startTestApi(primaryDriver(), {
      seed: true,
      env: {
        NODE_ENV: 'production',
        SENSITIVITY_SAMPLES: '5',
        STATEMENT_TIMEOUT_MS: '10000',
        REQUEST_TIMEOUT_MS: '15000',
      },
    });
    admin = await api.tokenFor('admin');
  });
  afterAll(async () => {
    process.stdout.write(
      `injection: ${requests} requests, ${targets.length} fields + ${NESTED.length} nested, ${SQL_PAYLOADS.length} payloads, slowest ${slowest.toFixed(0)} ms, ${findings.length} findings\n`,
    );
    await api?.close();
  });

  async function send(label: string, query: string, variables: Record<string, unknown>, payload = HARMLESS) {
    requests++;
    const started = performance.now();
    const res = await api.gql(query, variables, { token: admin });
    const ms = performance.now() - started;
    slowest = Math.max(slowest, ms);
    // Messages may quote the caller's own input ("Unknown dimension …"): that is not a leak.
    const errors = JSON.stringify(res.errors ?? [])
      .split(JSON.stringify(payload).slice(1, -1))
      .join('');
    if (res.status >= 500) findings.push(`${label}: HTTP ${res.status}`);
    if (errors.includes('INTERNAL_SERVER_ERROR')) findings.push(`${label}: INTERNAL_SERVER_ERROR`);
    const leaks = leaksIn(errors);
    if (leaks.length) findings.push(`${label}: leaks ${leaks.join(', ')}: ${errors.slice(0, 200)}`);
    return JSON.stringify(res.data ?? null).length;
  }

  it('finds nothing in any query field, filter or nested argument, and changes nothing', async () => {
    const before = await fingerprint(api);
    for (const { op, field } of targets.filter((t) => t.op === 'query')) {
      const query = documentOf(op, field);
      for (const slot of slotsOf(field)) {
        const baseline = await send(
          `${field.name}.${slot.label} (harmless)`,
          query,
          slot.variables(HARMLESS),
        );
        for (const payload of SQL_PAYLOADS) {
          const size = await send(
            `${field.name}.${slot.label} ← ${payload}`,
            query,
            slot.variables(payload),
            payload,
          );
          // A payload may not return more than a string that matches nothing. (LIKE wildcards are
          // escaped, so `%` and `_` match literally and find nothing either.)
          if (size > baseline + payload.length + 8)
            findings.push(`${field.name}.${slot.label} ← ${payload}: ${size} > ${baseline} bytes`);
        }
      }
    }
    for (const query of NESTED) {
      const baseline = await send(`${query} (harmless)`, query, { p: HARMLESS });
      for (const payload of SQL_PAYLOADS) {
        const size = await send(`${query} ← ${payload}`, query, { p: payload }, payload);
        if (size > baseline + payload.length + 8)
          findings.push(`${query} ← ${payload}: ${size} > ${baseline} bytes`);
      }
    }
    expect(findings).toEqual([]);
    expect(await fingerprint(api)).toEqual(before);
  }, 200_000);

  it('finds nothing in any mutation argument or input field (as an admin, past every scope check)', async () => {
    const before = await fingerprint(api);
    for (const { op, field } of targets.filter((t) => t.op === 'mutation')) {
      const query = documentOf(op, field);
      for (const slot of slotsOf(field)) {
        for (const payload of SQL_PAYLOADS)
          await send(`${field.name}.${slot.label} ← ${payload}`, query, slot.variables(payload), payload);
      }
    }
    expect(findings).toEqual([]);
    // Payloads may be stored as literal text (a project named "' OR 1=1"), but nothing is dropped,
    // emptied or rewritten: every table is still there with at least as many rows.
    const after = await fingerprint(api);
    for (const [table, value] of Object.entries(before)) {
      expect(Number(after[table]?.split(':')[0]), table).toBeGreaterThanOrEqual(Number(value.split(':')[0]));
    }
    const statuses = await api.gql<{ editions: { status: string }[] }>('{ editions { status } }');
    expect(statuses.data?.editions.every((e) => e.status === 'PUBLISHED')).toBe(true);
  }, 200_000);
});
