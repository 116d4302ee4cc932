/**
 * Compiled execution: each distinct operation is compiled once by graphql-jit into plain JavaScript
 * and then runs without graphql-js's per-field interpretation. A ranking page of 50 entries with
 * per-indicator contributions resolves about 14,000 fields; compiled, its execution takes about half
 * the CPU time (BENCHMARKS.md, "API against its peers").
 *
 * It is plugged into Apollo Server through the gateway interface, Apollo's supported hook for
 * replacing execution: parsing, validation (including the armor rules), plugins, error formatting
 * and the HTTP handling stay Apollo's, and resolvers are the same functions. Compiled operations are
 * kept in a bounded cache keyed by Apollo's hash of the document and the operation name.
 *
 * Each operation also gets a serializer compiled from its selection (graphql-jit's
 * `customJSONSerializer`, fast-json-stringify): it writes a ranking page of 100 entries with their
 * indicators and evidence (250 kB) in about two thirds of `JSON.stringify`'s time, because it knows
 * every field's name and type in advance. Apollo's `stringifyResult` uses it for answers without
 * errors; its output is the same bytes as `JSON.stringify` (test/compiled-serializer.test.ts).
 * Operations that select a custom scalar (Date, DateTime, JSON), which graphql-jit cannot describe,
 * and answers with errors are written by `JSON.stringify`.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Distinct operations kept compiled; the oldest is dropped first (clients send few distinct ones). */
export const COMPILED_OPERATIONS_LIMIT = 1_000;

/** An operation compiled with its serializer, or without one when graphql-jit cannot make it. */
function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined) {
  const withSerializer = compileQuery(schema, document, operationName, { customJSONSerializer: true });
  if (isCompiledQuery(withSerializer)) return withSerializer;
  return compileQuery(schema, document, operationName);
}

type Serializer = (result: { data: unknown }) => string;

export class CompiledOperations {
  readonly #cache = new Map<string, CompiledQuery>();
  /** The serializer of each answer's `data` still to be written (freed with it). */
  readonly #serializers = new WeakMap<object, Serializer>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limit = COMPILED_OPERATIONS_LIMIT,
  ) {}

  get size(): number {
    return this.#cache.size;
  }

  /** Runs a validated operation; a document graphql-jit refuses answers with its errors. */
  execute: GatewayExecutor = async (request) => {
    const key = `${request.queryHash}:${request.operationName ?? ''}`;
    let compiled = this.#cache.get(key);
    if (!compiled) {
      const result = compile(this.schema, request.document, request.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      compiled = result;
      if (this.#cache.size >= this.limit) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
      this.#cache.set(key, compiled);
    }
    const variables = request.request.variables ?? {};
    const result = await compiled.query(undefined, request.context, variables);
    if (!result.errors) {
      if (result.data && compiled.stringify !== JSON.stringify)
        this.#serializers.set(result.data, compiled.stringify as Serializer);
      return result;
    }

    // No `data` means the variables were refused before any resolver ran: graphql-js reports that
    // with the variable's definition node, which Apollo needs to answer 400 BAD_USER_INPUT.
    if (!('data' in result) || result.data === undefined) {
      return execute({
        schema: this.schema,
        document: request.document,
        operationName: request.operationName,
        variableValues: variables,
        contextValue: request.context,
      });
    }
    return { ...result, errors: result.errors.map(toGraphQLError) };
  };

  /**
   * Apollo's `stringifyResult`: an answer without errors by its operation's serializer, anything else
   * by `JSON.stringify`; with Apollo's trailing newline either way.
   */
  stringifyResult = (value: FormattedExecutionResult): string => {
    const serializer =
      value.errors === undefined && value.extensions === undefined && value.data
        ? this.#serializers.get(value.data)
        : undefined;
    return `${serializer ? serializer({ data: value.data }) : JSON.stringify(value)}\n`;
  };

  /** Whether `data` (an answer's) will be written by its operation's serializer. */
  hasSerializer(data: object): boolean {
    return this.#serializers.has(data);
  }
}

/**
 * graphql-jit's errors imitate graphql-js's but lack what Apollo and our formatError read (an
 * `extensions` object, the resolver's error as `originalError` of a real GraphQLError).
 */
function toGraphQLError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
  if (error.locations)
    Object.defineProperty(converted, 'locations', { value: error.locations, enumerable: true });
  return converted;
}

/**
 * The gateway Apollo Server is given instead of a schema: a fixed schema, compiled execution (give
 * Apollo `operations.stringifyResult` too).
 */
export function compiledExecutionGateway(
  schema: GraphQLSchema,
  operations: CompiledOperations,
): GatewayInterface {
  let onSchema: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0] | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      onSchema = callback;
      return () => {
        onSchema = undefined;
      };
    },
    async load() {
      onSchema?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor: operations.execute };
    },
    async stop() {},
  };
}
