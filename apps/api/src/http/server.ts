/**
 * The HTTP layer: our own node:http server in front of Apollo's `executeHTTPGraphQLRequest`, so we
 * control health checks, GraphiQL, body limits, CSRF rules, ETags, the request deadline and graceful
 * shutdown. GraphQL is served at /graphql: GET for queries, POST (JSON) for queries and mutations.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { listenForChanges } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import { type Actor, anonymousActor } from '../auth/actor';
import { authenticate } from '../auth/authenticate';
import { resolveClientAddress } from '../auth/client-address';
import { countRequest, type RequestAllowance, rateLimitHeaders } from '../auth/rate-limit';
import {
  type AppDeps,
  clearCaches,
  createServiceContext,
  type GraphQLContext,
  MAX_AGE_SECONDS,
} from '../context';
import { AppError, fromDatabaseError, toGraphQLError } from '../errors';
import { compiledExecutionGateway } from '../graphql/compiled-execution';
import { MAX_QUERY_COST, refuseCostAbove } from '../graphql/cost-limit';
import { fieldRulesPlugin } from '../graphql/field-rules';
import { createFormatError } from '../graphql/format-error';
import { buildSchema } from '../graphql/schema';
import { createLogger, type Logger, withRequestId } from '../lib/logger';
import { afterOperation, routeOperation } from '../lib/read-routing';
import { handleDownload, isDownloadPath } from './downloads';
import { GRAPHIQL_CSP, graphiqlAsset, graphiqlPage } from './graphiql';
import { duplicateFieldLimit, jsonMembersProblem, noNulCharacters, oncePerOperation } from './limits';
import { handleMetrics } from './metrics-endpoint';
import { type CachedResponse, readsAsPublic, responseCacheKey } from './response-cache';

export interface ApiServer {
  server: Server;
  /** The server's log (JSON lines): for the CLI's own lines about the server's life. */
  logger: Logger;
  /** `http://host:port` once listening. */
  url: string;
  /** Stops accepting, finishes in-flight requests (up to `graceMs`), stops Apollo. Does not close the database. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerOptions {
  /** Receives each JSON log line (tests); default: stdout (../lib/logger.ts). */
  log?: (line: string) => void;
  /** Year GraphiQL's example query asks for. */
  graphiqlYear?: number;
  /** Report the bound address in `url` instead of `localhost` (tests: avoids IPv6 lookups). */
  exactHost?: boolean;
}

const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/** Cache-Control per cache level (see CachePolicy): immutable data for an hour, a year's default revision for a minute. */
const CACHE_CONTROL = {
  immutable: `public, max-age=${MAX_AGE_SECONDS.immutable}`,
  published: `public, max-age=${MAX_AGE_SECONDS.published}`,
  public: 'public, max-age=0, must-revalidate',
  private: 'private, no-store',
} as const;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

class BodyTooLargeError extends Error {}

/**
 * Bytes of a body over the limit that are read and thrown away before the 413 is sent: a socket
 * closed with unread data is reset, and the client, still sending, would lose the answer. A body
 * longer still gets its 413 at once and the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit + DISCARD_LIMIT_BYTES) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > limit + DISCARD_LIMIT_BYTES) reject(new BodyTooLargeError());
    });
    req.on('end', () =>
      tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** The error codes of a complete GraphQL response (none for a streamed one). */
function errorCodesOf(response: HTTPGraphQLResponse): string[] {
  if (response.body.kind !== 'complete') return [];
  const body = parseJsonOrUndefined(response.body.string) as { errors?: unknown } | undefined;
  if (!Array.isArray(body?.errors)) return [];
  return body.errors.map((error: { extensions?: { code?: unknown } } | null) =>
    typeof error?.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN',
  );
}

/** What the request line and the metrics learn about a request while it is handled. */
interface RequestInfo {
  requestId: string;
  /** The GraphQL operation's name once known (null: anonymous). */
  operation?: string | null;
  cache?: 'hit' | 'miss';
  variables?: unknown;
}

/** The caller's X-Request-Id when well-formed (1–100 of `[A-Za-z0-9._-]`), else a new UUID. */
function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

/** The metrics' `route` label: a fixed set, whatever path was asked for. */
function routeOf(pathname: string): string {
  if (pathname === '/graphql') return 'graphql';
  if (pathname === '/metrics') return 'metrics';
  if (pathname === '/healthz' || pathname === '/readyz') return pathname.slice(1);
  if (pathname === '/graphiql' || pathname.startsWith('/graphiql/')) return 'graphiql';
  if (isDownloadPath(pathname)) return 'download';
  if (pathname === '/') return 'root';
  return 'other';
}

/** The work's result, or `'timeout'` once `deadlineAt` (a `performance.now()` time) has passed. */
async function beforeDeadline<T>(work: Promise<T>, deadlineAt: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlineAt - performance.now()));
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export async function createApiServer(deps: AppDeps, options: ServerOptions = {}): Promise<ApiServer> {
  const logger = createLogger({ level: deps.env.LOG_LEVEL, ...(options.log ? { write: options.log } : {}) });
  const { metrics } = deps;
  metrics.collectProcessMetrics();
  const isProduction = deps.env.NODE_ENV === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    // Armor measures, refuseCostAbove refuses (QUERY_TOO_COSTLY with the cost and the limit).
    costLimit: { maxCost: Number.MAX_SAFE_INTEGER, onAccept: [refuseCostAbove(MAX_QUERY_COST)] },
    // Armor skips aliases of `__typename` by default: graphql-cop's 101-alias probe uses exactly those.
    maxAliases: { n: 20, allowList: [] },
    // graphql-cop's "directive overloading" sends 10; our clients use none.
    maxDirectives: { n: 5 },
    // Armor's token limit re-parses the document in a plugin hook, where a syntax error becomes a
    // 500; graphql's own parser enforces the same limit (parseOptions below) as a 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const formatError = createFormatError((error) => logger.error({ err: error }, 'internal error'));
  deps.reads.onStateChange = (replica, up, error) => {
    if (up) logger.info({ replica }, 'read replica up');
    else logger.warn({ replica, err: error }, 'read replica down; its reads go to the primary');
  };

  const apollo = new ApolloServer<GraphQLContext>({
    gateway: compiledExecutionGateway(buildSchema()),
    introspection: !isProduction,
    // Our HTTP layer refuses POSTs without a JSON content type (those need a CORS preflight), and
    // GET can only run queries; the API uses no cookies, so there is no ambient credential to forge.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    // Apollo's own SIGTERM handler stops Apollo and then re-raises the signal, killing the process
    // with in-flight requests unanswered; the CLI's handler drains them through close() instead.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    nodeEnv: deps.env.NODE_ENV,
    logger,
    formatError,
    validationRules: [...armor.validationRules, duplicateFieldLimit, oncePerOperation, noNulCharacters],
    // A malformed document answers with a handful of errors, not one per offending node.
    validationOptions: { maxErrors: 5 },
    parseOptions: { maxTokens: 5_000 },
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDisableSuggestions(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // Who may read which field, checked on the whole selection before anything runs.
      fieldRulesPlugin(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation(requestContext) {
              const operation = requestContext.operation?.operation;
              if (operation) requestContext.contextValue.http.operationType = operation;
              requestContext.contextValue.http.operationName = requestContext.operationName;
              // Queries read from a replica when one has what the caller must see (lib/read-routing.ts).
              if (operation) await routeOperation(requestContext.contextValue, operation);
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

  // Changes committed by other processes (a second replica, the CLI) empty the caches as soon as the
  // database announces them; so does every (re)connection of the listener, which may have missed some.
  let stopListening: (() => Promise<void>) | undefined;
  const listening = listenForChanges(
    deps.handle,
    () => clearCaches(deps),
    () => clearCaches(deps),
  ).then(
    (stop) => {
      stopListening = stop;
      deps.responseCache.followsChanges = true;
    },
    (error: unknown) =>
      logger.warn({ err: error }, 'not listening for database changes; cached rows expire by age only'),
  );
  // Serve once listening (its start empties the caches), unless the database is slow to answer.
  await Promise.race([listening, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);

  let draining = false;
  let inFlight = 0;
  const idleWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo) => {
    const { requestId } = info;
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
      sendJson(
        res,
        405,
        errorBody('Use GET for queries or POST for queries and mutations', 'METHOD_NOT_ALLOWED'),
        {
          allow: 'GET, POST',
        },
      );
      return;
    }
    const accept = req.headers.accept ?? '';
    if (method === 'GET' && !url.search && accept.includes('text/html') && !isProduction) {
      res.writeHead(302, { location: '/graphiql' });
      res.end();
      return;
    }
    let body: unknown;
    if (method === 'POST') {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!JSON_TYPES.has(contentType)) {
        sendJson(
          res,
          415,
          errorBody('POST requests need Content-Type: application/json', 'UNSUPPORTED_MEDIA_TYPE'),
        );
        return;
      }
      let text: string;
      try {
        text = await readBody(req, deps.env.BODY_LIMIT_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendJson(res, 413, errorBody('Request body too large', 'PAYLOAD_TOO_LARGE'), {
            connection: 'close',
          });
          return;
        }
        throw error;
      }
      try {
        body = JSON.parse(text);
      } catch {
        sendJson(res, 400, errorBody('The request body is not valid JSON', 'BAD_REQUEST'));
        return;
      }
      if (Array.isArray(body)) {
        sendJson(res, 400, errorBody('Batched requests are not supported', 'BAD_REQUEST'));
        return;
      }
    }
    // Before anything recursive (the cache key, Apollo) walks the JSON, and before the database sees
    // a NUL in it: a GET's parameters are parsed here too; Apollo reports those that are not JSON.
    const members: Record<string, unknown> =
      body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    if (method !== 'POST') {
      for (const name of ['variables', 'extensions']) {
        const param = url.searchParams.get(name);
        if (param) members[name] = parseJsonOrUndefined(param);
      }
    }
    const problem = jsonMembersProblem(members);
    if (problem !== undefined) {
      sendJson(res, 400, errorBody(problem, 'BAD_USER_INPUT'));
      return;
    }
    info.variables = members.variables;

    // Who asks, and their request counted, before anything answers it — the response cache included.
    const ctx = createServiceContext(deps, anonymousActor(), {
      requestId,
      clientAddress: resolveClientAddress(
        { peer: req.socket.remoteAddress, headers: req.headers },
        { secret: deps.authSecret, trustProxy: deps.env.TRUST_PROXY },
      ),
    });
    // One deadline for the whole request: authentication reads the database too.
    const deadlineAt = performance.now() + deps.env.REQUEST_TIMEOUT_MS;
    const admission = await beforeDeadline(admit(ctx, req.headers.authorization), deadlineAt);
    if (admission === 'timeout') {
      logger.warn({ timeoutMs: deps.env.REQUEST_TIMEOUT_MS }, 'request exceeded its deadline; answered 503');
      sendJson(res, 503, errorBody('The request took too long; try again', 'SERVICE_UNAVAILABLE'), {
        'retry-after': '1',
      });
      return;
    }
    if (admission.rateLimit)
      for (const [name, value] of Object.entries(rateLimitHeaders(admission.rateLimit)))
        res.setHeader(name, value);

    const cacheKey =
      admission.failure === undefined && readsAsPublic(admission.actor)
        ? responseCacheKeyOf(req, url, body)
        : undefined;
    const cacheGeneration = deps.responseCache.generation;
    const cached = cacheKey === undefined ? undefined : deps.responseCache.get(cacheKey);
    if (cacheKey !== undefined) {
      info.cache = cached ? 'hit' : 'miss';
      metrics.responseCacheLookups.inc({ result: info.cache });
    }
    if (cached) {
      info.operation = cached.operationName;
      writeCachedResponse(req, res, cached);
      return;
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let context: GraphQLContext | undefined;
    const run = (readFrom?: 'primary') =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: method === 'HEAD' ? 'GET' : method, headers, search: url.search, body },
        context: async () => {
          if (admission.failure !== undefined) {
            // Authentication reads the database: when it is down the caller gets 503, not a 500.
            const appError = fromDatabaseError(admission.failure);
            if (appError) throw toGraphQLError(appError, { withHttpStatus: true });
            throw admission.failure;
          }
          const full: GraphQLContext = {
            ...ctx,
            actor: admission.actor,
            http: {
              ...(admission.rateLimit ? { rateLimit: admission.rateLimit } : {}),
              ...(readFrom ? { readFrom } : {}),
            },
          };
          context = full;
          return full;
        },
      });
    // A query is free of side effects: when its replica failed under it, it runs again on the primary.
    const execution = run().then((response) => {
      const target = context?.http.readTarget;
      if (target === undefined || target === 'primary') return response;
      if (!errorCodesOf(response).includes('SERVICE_UNAVAILABLE')) return response;
      deps.reads.replicaFailed(target);
      return run('primary');
    });
    const result = await beforeDeadline(execution, deadlineAt);
    info.operation = context?.http.operationName;
    if (result === 'timeout') {
      logger.warn({ timeoutMs: deps.env.REQUEST_TIMEOUT_MS }, 'request exceeded its deadline; answered 503');
      // The work goes on (a mutation may still commit): say how it ended, or the caller's 503 is all
      // anyone learns of it.
      const late = performance.now();
      execution.then(
        (response) => {
          const errors = errorCodesOf(response);
          const fields = {
            status: response.status ?? 200,
            errors,
            lateMs: Math.round(performance.now() - late),
          };
          if (errors.length > 0 || (response.status ?? 200) >= 500)
            logger.error(fields, 'request failed after its deadline; its answer was dropped');
          else logger.warn(fields, 'request finished after its deadline; its answer was dropped');
        },
        (error: unknown) => logger.error({ err: error }, 'request failed after its deadline'),
      );
      sendJson(res, 503, errorBody('The request took too long; try again', 'SERVICE_UNAVAILABLE'), {
        'retry-after': '1',
      });
      return;
    }
    writeGraphQLResponse(
      req,
      res,
      result,
      context,
      cacheKey === undefined ? undefined : { key: cacheKey, generation: cacheGeneration },
    );
  };

  /**
   * Authenticates the caller and counts its request against its rate limit (auth/rate-limit.ts). A
   * failure — bad credentials, the database or Redis down, over the limit — is kept for Apollo to
   * answer, so it is formatted like any other error.
   */
  const admit = async (
    ctx: ReturnType<typeof createServiceContext>,
    authorization: string | undefined,
  ): Promise<{ actor: Actor; rateLimit?: RequestAllowance; failure?: unknown }> => {
    let actor: Actor;
    try {
      actor = await authenticate(deps, ctx.loaders, authorization);
    } catch (error) {
      return { actor: ctx.actor, failure: error };
    }
    let rateLimit: RequestAllowance | undefined;
    try {
      rateLimit = await countRequest(deps.rateLimits, deps.env, actor, ctx.clientAddress);
    } catch (error) {
      return { actor, failure: error };
    }
    if (!rateLimit?.limited) return { actor, ...(rateLimit ? { rateLimit } : {}) };
    const message =
      actor.kind === 'api_key'
        ? 'Rate limit exceeded for this API key'
        : 'Rate limit exceeded for this address; an API key has an allowance of its own';
    const retryAfter = Math.max(1, Math.ceil(rateLimit.resetInMs / 1000));
    return { actor, rateLimit, failure: new AppError('RATE_LIMITED', message, { retryAfter }) };
  };

  /**
   * The response cache's key for a request it may answer: a GET or POST (see ./response-cache.ts);
   * undefined for everything else. The caller is not part of it: only callers who read what the
   * public reads get here (`readsAsPublic`).
   */
  const responseCacheKeyOf = (req: IncomingMessage, url: URL, body: unknown): string | undefined => {
    if (!deps.responseCache.enabled) return undefined;
    const accept = req.headers.accept ?? '';
    if (req.method === 'POST') {
      if (!body || typeof body !== 'object') return undefined;
      const { query, operationName, variables, extensions } = body as Record<string, unknown>;
      if (typeof query !== 'string') return undefined;
      return responseCacheKey({ query, operationName, variables, extensions, accept });
    }
    const query = url.searchParams.get('query');
    if (query === null) return undefined;
    return responseCacheKey({
      query,
      operationName: url.searchParams.get('operationName'),
      variables: url.searchParams.get('variables'),
      extensions: url.searchParams.get('extensions'),
      accept,
    });
  };

  const writeCachedResponse = (req: IncomingMessage, res: ServerResponse, cached: CachedResponse) => {
    const outHeaders: Record<string, string> = {
      'content-type': cached.contentType,
      vary: 'Accept, Authorization',
      etag: cached.etag,
      'cache-control': CACHE_CONTROL[cached.level],
    };
    if (req.method !== 'POST' && matchesEtag(req.headers['if-none-match'], cached.etag)) {
      const { 'content-type': _type, ...notModified } = outHeaders;
      res.writeHead(304, notModified);
      res.end();
      return;
    }
    outHeaders['content-length'] = String(Buffer.byteLength(cached.body));
    res.writeHead(200, outHeaders);
    res.end(req.method === 'HEAD' ? undefined : cached.body);
  };

  const writeGraphQLResponse = (
    req: IncomingMessage,
    res: ServerResponse,
    response: HTTPGraphQLResponse,
    context: GraphQLContext | undefined,
    cacheAs: { key: string; generation: number } | undefined,
  ) => {
    const status = response.status ?? 200;
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of response.headers) outHeaders[key] = value;
    outHeaders.vary = 'Accept, Authorization';
    if (response.body.kind !== 'complete') {
      res.writeHead(status, { ...outHeaders, 'cache-control': 'no-store' });
      (async () => {
        if (response.body.kind === 'chunked')
          for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      })().catch(() => res.destroy());
      return;
    }
    const text = response.body.string;
    const isQuery = context?.http.operationType === 'query';
    const hasErrors = text.includes('"errors":');
    if (status === 200 && isQuery && !hasErrors && context && context.cache.level !== 'private') {
      const etag = etagOf(text);
      outHeaders.etag = etag;
      outHeaders['cache-control'] = CACHE_CONTROL[context.cache.level];
      if (cacheAs !== undefined) {
        const contentType = outHeaders['content-type'] ?? 'application/json; charset=utf-8';
        deps.responseCache.set(
          cacheAs.key,
          {
            body: text,
            contentType,
            etag,
            level: context.cache.level,
            operationName: context.http.operationName ?? null,
          },
          cacheAs.generation,
        );
      }
      if (req.method !== 'POST' && matchesEtag(req.headers['if-none-match'], etag)) {
        delete outHeaders['content-type'];
        delete outHeaders['content-length'];
        res.writeHead(304, outHeaders);
        res.end();
        return;
      }
    } else {
      outHeaders['cache-control'] = CACHE_CONTROL.private;
    }
    outHeaders['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(status, outHeaders);
    res.end(req.method === 'HEAD' ? undefined : text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
    const started = performance.now();
    res.setHeader('x-request-id', info.requestId);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeOf(url.pathname);
    try {
      if (route === 'graphql') {
        await handleGraphQL(req, res, url, info);
      } else if (route === 'metrics') {
        await handleMetrics(metrics, { production: isProduction, token: deps.env.METRICS_TOKEN }, req, res);
      } else if (url.pathname === '/healthz') {
        sendJson(res, 200, { status: 'ok' });
      } else if (url.pathname === '/readyz') {
        if (draining) {
          sendJson(res, 503, { status: 'draining' });
        } else {
          const ok = await Promise.race([
            deps.db.execute(sql`select 1`).then(
              () => true,
              () => false,
            ),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
          ]);
          sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unavailable' });
        }
      } else if (!isProduction && url.pathname === '/graphiql') {
        const page = graphiqlPage();
        res.writeHead(200, {
          'content-type': page.type,
          'content-security-policy': GRAPHIQL_CSP,
          'cache-control': 'no-cache',
        });
        res.end(page.body);
      } else if (!isProduction && url.pathname.startsWith('/graphiql/assets/')) {
        const asset = graphiqlAsset(
          url.pathname.slice('/graphiql/assets/'.length),
          options.graphiqlYear ?? new Date().getUTCFullYear(),
        );
        if (!asset) {
          sendJson(res, 404, { error: 'not found' });
        } else {
          res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
          res.end(asset.body);
        }
      } else if (isDownloadPath(url.pathname)) {
        await handleDownload(deps, req, res, url);
      } else if (url.pathname === '/') {
        if (!isProduction && (req.headers.accept ?? '').includes('text/html')) {
          res.writeHead(302, { location: '/graphiql' });
          res.end();
        } else {
          sendJson(res, 200, { graphql: '/graphql', health: '/healthz', ready: '/readyz' });
        }
      } else {
        sendJson(res, 404, { error: 'not found' });
      }
    } catch (error) {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.destroy();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const operation = route === 'graphql' ? metrics.operationLabel(info.operation) : '';
      metrics.requests.inc({ route, operation, status: String(res.statusCode) });
      metrics.requestDuration.observe({ route, operation }, seconds);
      logger.info(
        {
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          ...(route === 'graphql' ? { operation: info.operation ?? null } : {}),
          ...(info.cache ? { cache: info.cache } : {}),
          // Details for troubleshooting; secrets are redacted by the logger.
          ...(logger.isLevelEnabled('debug') ? { headers: req.headers, variables: info.variables } : {}),
        },
        'request',
      );
    }
  };

  const server = createServer({ requestTimeout: deps.env.REQUEST_TIMEOUT_MS + 5_000 }, (req, res) => {
    inFlight++;
    metrics.inFlight.inc();
    res.on('close', () => {
      inFlight--;
      metrics.inFlight.dec();
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
    if (draining) res.setHeader('connection', 'close');
    const requestId = requestIdOf(req);
    // Every line logged while this request is handled carries its id.
    withRequestId(requestId, () => void handle(req, res, { requestId }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const host = deps.env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1');
    server.listen(deps.env.PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const isAnyOrLoopback = ['0.0.0.0', '[::]', '127.0.0.1', '[::1]'].includes(host);
  const url = `http://${isAnyOrLoopback && !options.exactHost ? 'localhost' : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000) => {
    closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => idleWaiters.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
      await apollo.stop();
      await listening;
      deps.responseCache.followsChanges = false;
      await stopListening?.().catch(() => {});
    })();
    return closing;
  };

  return { server, url, logger, close };
}
