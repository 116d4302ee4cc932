/**
 * Answers are written by their operation's compiled serializer (src/graphql/compiled-execution.ts,
 * graphql-jit's `customJSONSerializer`). Clients, ETags and the response cache see its bytes, so they
 * must be exactly `JSON.stringify`'s: these tests write answers full of what serializers get wrong —
 * escapes, control characters, non-ASCII text, floats at the edges of their range, negative zero,
 * nulls, enums, nested lists, aliases — both ways and compare the strings. Operations that select a
 * custom scalar, and answers with errors, must fall back to `JSON.stringify`.
 */
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompiledOperations } from '../src/graphql/compiled-execution';

const STRINGS = [
  'plain',
  'quote " and backslash \\ and slash /',
  'newline \n tab \t return \r backspace \b form feed \f',
  'control \u0000 \u0001 \u001f and delete \u007f',
  'line separators \u2028 \u2029',
  'non-ASCII: 开源大模型 — café, emoji 😀',
  '',
  '</script><script>alert(1)</script>',
];
const FLOATS = [0, -0, 0.1 + 0.2, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, -123.456, 95.90366684505183, 2 ** 53];

const Kind = new GraphQLEnumType({
  name: 'Kind',
  values: { DATA: { value: 'data' }, MODEL: { value: 'model' } },
});
const DateScalar = new GraphQLScalarType({ name: 'Date', serialize: (v) => String(v) });

interface Row {
  id: number;
  name: string;
  score: number;
  rank: number | null;
  kind: string;
  tags: (string | null)[];
}
const rows: Row[] = STRINGS.flatMap((name, i) =>
  FLOATS.map((score, j) => ({
    id: i * 100 + j,
    name,
    score,
    rank: j % 3 === 0 ? null : j,
    kind: j % 2 ? 'model' : 'data',
    tags: [name, null, `${i}`],
  })),
);

const Row = new GraphQLObjectType<Row>({
  name: 'Row',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    score: { type: GraphQLFloat },
    rank: { type: GraphQLInt },
    kind: { type: Kind },
    tags: { type: new GraphQLList(GraphQLString) },
    children: { type: new GraphQLList(new GraphQLList(Row)), resolve: (r) => (r.id % 7 ? [] : [[r], []]) },
    day: { type: DateScalar, resolve: () => '2026-12-04' },
    broken: {
      type: GraphQLString,
      resolve: () => {
        throw new Error('broken field');
      },
    },
  }),
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      rows: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Row))), resolve: () => rows },
      nothing: { type: Row, resolve: () => null },
    },
  }),
});

function request(query: string): GatewayGraphQLRequestContext<object> {
  return {
    request: { query, variables: {} },
    context: {},
    document: parse(query),
    operationName: null,
    queryHash: query,
    source: query,
  } as unknown as GatewayGraphQLRequestContext<object>;
}

/** The answer as Apollo hands it to `stringifyResult` (`orderExecutionResultFields`). */
const formatted = (result: { data?: unknown; errors?: unknown }) =>
  ({ errors: result.errors, data: result.data, extensions: undefined }) as never;

describe('the compiled serializer', () => {
  it.each([
    [
      'every kind of field',
      '{ rows { id name score rank kind tags children { id name score } } nothing { id } }',
    ],
    ['aliases and repeated selections', '{ a: rows { x: name y: score name } b: rows { id } }'],
    ['a fragment', '{ rows { ...F } } fragment F on Row { name kind rank }'],
  ])('writes %s byte for byte as JSON.stringify', async (_, query) => {
    const operations = new CompiledOperations(schema);
    const result = await operations.execute(request(query));
    expect(result.errors).toBeUndefined();
    const data = result.data as object;
    expect(operations.hasSerializer(data)).toBe(true);
    const value = formatted(result);
    const written = operations.stringifyResult(value);
    expect(written).toBe(`${JSON.stringify(value)}\n`);
    // The answer's strings and numbers survived as they were.
    expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('falls back to JSON.stringify for custom scalars and for answers with errors', async () => {
    const operations = new CompiledOperations(schema);
    const withScalar = await operations.execute(request('{ rows { name day } }'));
    expect(withScalar.errors).toBeUndefined();
    expect(operations.hasSerializer(withScalar.data as object)).toBe(false);
    expect(operations.stringifyResult(formatted(withScalar))).toBe(
      `${JSON.stringify(formatted(withScalar))}\n`,
    );

    const withError = await operations.execute(request('{ rows { name broken } }'));
    expect(withError.errors?.[0]?.message).toBe('broken field');
    const value = formatted(withError);
    const written = operations.stringifyResult(value);
    expect(written).toBe(`${JSON.stringify(value)}\n`);
    expect(JSON.parse(written).errors[0].message).toBe('broken field');
  });
});
