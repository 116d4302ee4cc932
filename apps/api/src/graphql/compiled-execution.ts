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
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Distinct operations kept compiled; the oldest is dropped first (clients send few distinct ones). */
export const COMPILED_OPERATIONS_LIMIT = 1_000;

export class CompiledOperations {
  readonly #cache = new Map<string, CompiledQuery>();

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
      const result = compileQuery(this.schema, request.document, request.operationName ?? undefined);
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
    if (!result.errors) return result;

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

/** The gateway Apollo Server is given instead of a schema: a fixed schema, compiled execution. */
export function compiledExecutionGateway(schema: GraphQLSchema): GatewayInterface {
  const operations = new CompiledOperations(schema);
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
