/**
 * The Apollo Server behind /graphql: compiled execution of our schema, graphql-armor's limits and
 * our own validation rules (./limits.ts), the field rules, and read routing per operation. Only
 * `executeHTTPGraphQLRequest` is used: the HTTP layer is ours (./graphql-handler.ts).
 */
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppDeps, GraphQLContext } from '../context';
import { compiledExecutionGateway } from '../graphql/compiled-execution';
import { costLimitPlugin } from '../graphql/cost-limit';
import { DeprecatedFieldsCache } from '../graphql/deprecated-fields';
import { fieldRulesPlugin } from '../graphql/field-rules';
import { createFormatError, type RequestErrors } from '../graphql/format-error';
import { buildSchema } from '../graphql/schema';
import type { Logger } from '../lib/logger';
import { afterOperation, routeOperation } from '../lib/read-routing';
import { duplicateFieldLimit, noNulCharacters, oncePerOperation } from './limits';

/** The document limits (apps/api/README.md, Safety). */
export const GRAPHQL_LIMITS = {
  /** Levels of field nesting (graphql-armor). */
  maxDepth: 12,
  /** Aliases per operation, `__typename` included (graphql-armor). */
  maxAliases: 20,
  /** Directives per operation (graphql-armor). */
  maxDirectives: 5,
  /** Lexical tokens in a document (graphql's parser). */
  maxTokens: 5_000,
  /** Validation stops after this many errors. */
  maxValidationErrors: 5,
} as const;

/**
 * Automatic persisted queries (docs/graphql-guide.md, "Automatic persisted queries"): document texts
 * by their SHA-256, in memory, at most this many bytes (least recently used first out), each for at
 * most APQ_TTL_SECONDS after it was last sent in full.
 */
export const APQ_CACHE_BYTES = 8 * 1024 * 1024;
export const APQ_TTL_SECONDS = 24 * 3600;

/**
 * `requestErrors` learns which request each error belongs to, so that internal errors are logged with
 * its id (the HTTP layer notes the failures Apollo formats without running a hook).
 */
export async function createApollo(
  deps: AppDeps,
  logger: Logger,
  requestErrors: RequestErrors,
): Promise<ApolloServer<GraphQLContext>> {
  const isProduction = deps.env.NODE_ENV === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    // The cost limit is ours (graphql/cost-limit.ts): armor's rule cannot see variables or defaults.
    costLimit: { enabled: false },
    // Armor skips aliases of `__typename` by default: graphql-cop's 101-alias probe uses exactly those.
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, allowList: [] },
    // graphql-cop's "directive overloading" sends 10; our clients use none.
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    // Armor's token limit re-parses the document in a plugin hook, where a syntax error becomes a
    // 500; graphql's own parser enforces the same limit (parseOptions below) as a 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const schema = buildSchema();
  const deprecatedFields = new DeprecatedFieldsCache(schema);
  const formatError = createFormatError(
    (error, requestId) => logger.error({ ...(requestId ? { requestId } : {}), err: error }, 'internal error'),
    requestErrors,
  );
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: compiledExecutionGateway(schema),
    introspection: !isProduction,
    // Our HTTP layer refuses POSTs without a JSON content type (those need a CORS preflight), and
    // GET can only run queries; the API uses no cookies, so there is no ambient credential to forge.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    // Apollo's APQ (extensions.persistedQuery), with a cache of its own so it is bounded by size.
    persistedQueries: {
      cache: new InMemoryLRUCache({ maxSize: APQ_CACHE_BYTES }),
      ttl: APQ_TTL_SECONDS,
    },
    // Apollo's own SIGTERM handler stops Apollo and then re-raises the signal, killing the process
    // with in-flight requests unanswered; the CLI's handler drains them through close() instead.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    nodeEnv: deps.env.NODE_ENV,
    logger,
    formatError,
    validationRules: [...armor.validationRules, duplicateFieldLimit, oncePerOperation, noNulCharacters],
    // A malformed document answers with a handful of errors, not one per offending node.
    validationOptions: { maxErrors: GRAPHQL_LIMITS.maxValidationErrors },
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDisableSuggestions(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // The query cost, with its variables and the page-size defaults (QUERY_TOO_COSTLY).
      costLimitPlugin(),
      // Who may read which field, checked on the whole selection before anything runs.
      fieldRulesPlugin(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation(requestContext) {
              const operation = requestContext.operation?.operation;
              const { http, actor } = requestContext.contextValue;
              if (operation) http.operationType = operation;
              http.operationName = requestContext.operationName;
              // A key's usage counts its operations and the deprecated fields they read.
              if (actor.kind === 'api_key' && requestContext.queryHash) {
                http.queryHash = requestContext.queryHash;
                http.deprecatedFields = deprecatedFields.get(
                  requestContext.queryHash,
                  requestContext.document,
                );
              }
              // Queries read from a replica when one has what the caller must see (lib/read-routing.ts).
              if (operation) await routeOperation(requestContext.contextValue, operation);
            },
            // Before Apollo formats them: the internal ones are logged with this request's id.
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) requestErrors.note(error, contextValue.requestId);
            },
            async willSendResponse(requestContext) {
              await afterOperation(requestContext.contextValue);
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  return apollo;
}
