/**
 * GET and POST /graphql: the body read and checked, the caller authenticated and counted against
 * its rate limit, an API key's trusted documents checked (modules/api-keys/documents.ts), the
 * response cache consulted, Apollo run under the request deadline (a query whose
 * replica failed runs again on the primary), the answer written with its cache headers, and an API
 * key's request counted in its usage (modules/api-keys/usage.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { verifyContestToken } from '@ranking/contracts/auth';
import { type Actor, anonymousActor } from '../auth/actor';
import { authenticate } from '../auth/authenticate';
import { resolveClientAddress } from '../auth/client-address';
import { countRequest, type RequestAllowance, rateLimitHeaders } from '../auth/rate-limit';
import { type AppDeps, createServiceContext, type GraphQLContext, type ServiceContext } from '../context';
import { AppError, fromDatabaseError, toGraphQLError } from '../errors';
import type { RequestErrors } from '../graphql/format-error';
import type { Logger } from '../lib/logger';
import { trustedDocumentCheck } from '../modules/api-keys/documents';
import { errorBody, parseJsonOrUndefined, readGraphQLBody, sendJson } from './body';
import { responseCacheKeyOf, writeCachedResponse, writeGraphQLResponse } from './http-cache';
import { jsonMembersProblem } from './limits';
import { readsAsPublic } from './response-cache';

/** What the request line and the metrics learn about a request while it is handled. */
export interface RequestInfo {
  requestId: string;
  /** The GraphQL operation's name once known (null: anonymous). */
  operation?: string | null;
  cache?: 'hit' | 'miss';
  variables?: unknown;
}

/**
 * The error codes of a complete GraphQL response (none for a streamed one). Apollo writes `errors`
 * first when there are any (`orderExecutionResultFields` in @apollo/server's runHttpQuery), so an
 * answer that does not start with them — nearly every answer, some of them hundreds of kilobytes — is
 * not parsed.
 */
function errorCodesOf(response: HTTPGraphQLResponse): string[] {
  if (response.body.kind !== 'complete' || !response.body.string.startsWith('{"errors"')) return [];
  const body = parseJsonOrUndefined(response.body.string) as { errors?: unknown } | undefined;
  if (!Array.isArray(body?.errors)) return [];
  return body.errors.map((error: { extensions?: { code?: unknown } } | null) =>
    typeof error?.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN',
  );
}

/** How a key's usage names the operation: its name, else its document's hash. */
const operationOf = (context: GraphQLContext | undefined) =>
  context?.http.operationName ?? context?.http.queryHash;

/** The work's result, or `'timeout'` once `deadlineAt` (a `performance.now()` time) has passed. */
async function beforeDeadline<T>(work: Promise<T>, deadlineAt: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlineAt - performance.now()));
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Authenticates the caller and counts its request against its rate limit (auth/rate-limit.ts). A
 * failure — bad credentials, the database or Redis down, over the limit — is kept for Apollo to
 * answer, so it is formatted like any other error.
 */
async function admit(
  deps: AppDeps,
  ctx: ServiceContext,
  authorization: string | undefined,
  sent: { query?: string; hash?: string },
): Promise<{ actor: Actor; rateLimit?: RequestAllowance; failure?: unknown; document?: string }> {
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
  if (!rateLimit?.limited) {
    const admitted = { actor, ...(rateLimit ? { rateLimit } : {}) };
    // A key limited to its trusted documents, or a registered document sent by hash alone.
    try {
      const check = await trustedDocumentCheck(deps, actor, sent);
      if (check.refusal) return { ...admitted, failure: check.refusal };
      return check.document === undefined ? admitted : { ...admitted, document: check.document };
    } catch (error) {
      return { ...admitted, failure: error };
    }
  }
  const message =
    actor.kind === 'api_key'
      ? 'Rate limit exceeded for this API key'
      : 'Rate limit exceeded for this address; an API key has an allowance of its own';
  const retryAfter = Math.max(1, Math.ceil(rateLimit.resetInMs / 1000));
  return { actor, rateLimit, failure: new AppError('RATE_LIMITED', message, { retryAfter }) };
}

/** The /graphql handler of a server (`info` collects what the request line logs). */
export function createGraphQLHandler(
  deps: AppDeps,
  apollo: ApolloServer<GraphQLContext>,
  logger: Logger,
  requestErrors: RequestErrors,
): (req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo) => Promise<void> {
  const isProduction = deps.env.NODE_ENV === 'production';
  const { metrics } = deps;
  return async (req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo): Promise<void> => {
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
      const read = await readGraphQLBody(req, res, deps.env.BODY_LIMIT_BYTES);
      if (read === undefined) return;
      body = read.body;
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
    // A contest link's token (docs/disputes.md, "Contest window"): checked here once; what it grants
    // is decided where editions are shown and disputes taken.
    const contestHeader = req.headers['x-contest-token'];
    if (typeof contestHeader === 'string' && contestHeader !== '')
      ctx.contest = verifyContestToken(deps.authSecret, contestHeader, deps.now().getTime());
    // One deadline for the whole request: authentication reads the database too.
    const deadlineAt = performance.now() + deps.env.REQUEST_TIMEOUT_MS;
    const sentQuery = method === 'POST' ? members.query : url.searchParams.get('query');
    const persisted = (members.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
      ?.persistedQuery;
    const sent = {
      ...(typeof sentQuery === 'string' ? { query: sentQuery } : {}),
      ...(typeof persisted?.sha256Hash === 'string' ? { hash: persisted.sha256Hash } : {}),
    };
    const admission = await beforeDeadline(admit(deps, ctx, req.headers.authorization, sent), deadlineAt);
    if (admission === 'timeout') {
      logger.warn(
        { requestId, timeoutMs: deps.env.REQUEST_TIMEOUT_MS },
        'request exceeded its deadline; answered 503',
      );
      sendJson(res, 503, errorBody('The request took too long; try again', 'SERVICE_UNAVAILABLE'), {
        'retry-after': '1',
      });
      return;
    }
    if (admission.rateLimit)
      for (const [name, value] of Object.entries(rateLimitHeaders(admission.rateLimit)))
        res.setHeader(name, value);
    // A registered trusted document sent by its hash alone runs as if its text had been sent.
    let search = url.search;
    if (admission.document !== undefined) {
      if (method === 'POST') body = { ...members, query: admission.document };
      else {
        const params = new URLSearchParams(url.search);
        params.set('query', admission.document);
        search = `?${params}`;
      }
    }
    // An API key's request counts in its usage (modules/api-keys/usage.ts), whatever answers it.
    const noteKeyUse = (use: { status: number; errors: boolean; operation?: string | null | undefined }) => {
      if (admission.actor.kind !== 'api_key') return;
      deps.apiKeyUsage.record({
        apiKeyId: admission.actor.apiKeyId,
        at: deps.now(),
        operation: use.operation,
        error: use.errors || use.status >= 400,
        rateLimited: admission.rateLimit?.limited === true,
        deprecatedFields: context?.http.deprecatedFields,
      });
    };

    const cacheKey =
      admission.failure === undefined && readsAsPublic(admission.actor) && ctx.contest === undefined
        ? responseCacheKeyOf(deps, req, url, body, sent.hash)
        : undefined;
    const cacheGeneration = deps.responseCache.generation;
    const cached = cacheKey === undefined ? undefined : deps.responseCache.get(cacheKey);
    if (cacheKey !== undefined) {
      info.cache = cached ? 'hit' : 'miss';
      metrics.responseCacheLookups.inc({ result: info.cache });
    }
    let context: GraphQLContext | undefined;
    if (cached) {
      info.operation = cached.operationName;
      noteKeyUse({ status: 200, errors: false, operation: cached.operationName });
      writeCachedResponse(req, res, cached);
      return;
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const run = (readFrom?: 'primary') =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: method === 'HEAD' ? 'GET' : method, headers, search, body },
        context: async () => {
          if (admission.failure !== undefined) {
            // Authentication reads the database: when it is down the caller gets 503, not a 500.
            const appError = fromDatabaseError(admission.failure);
            if (appError) throw toGraphQLError(appError, { withHttpStatus: true });
            // Apollo formats this failure without running a hook: its line needs the request's id.
            requestErrors.note(admission.failure, requestId);
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
      logger.warn(
        { requestId, timeoutMs: deps.env.REQUEST_TIMEOUT_MS },
        'request exceeded its deadline; answered 503',
      );
      // The work goes on (a mutation may still commit): say how it ended, or the caller's 503 is all
      // anyone learns of it.
      const late = performance.now();
      execution.then(
        (response) => {
          const errors = errorCodesOf(response);
          const fields = {
            requestId,
            status: response.status ?? 200,
            errors,
            lateMs: Math.round(performance.now() - late),
          };
          if (errors.length > 0 || (response.status ?? 200) >= 500)
            logger.error(fields, 'request failed after its deadline; its answer was dropped');
          else logger.warn(fields, 'request finished after its deadline; its answer was dropped');
        },
        (error: unknown) => logger.error({ requestId, err: error }, 'request failed after its deadline'),
      );
      noteKeyUse({ status: 503, errors: true, operation: operationOf(context) });
      sendJson(res, 503, errorBody('The request took too long; try again', 'SERVICE_UNAVAILABLE'), {
        'retry-after': '1',
      });
      return;
    }
    noteKeyUse({
      status: result.status ?? 200,
      errors: errorCodesOf(result).length > 0,
      operation: operationOf(context),
    });
    writeGraphQLResponse(
      deps,
      req,
      res,
      result,
      context,
      cacheKey === undefined ? undefined : { key: cacheKey, generation: cacheGeneration },
    );
  };
}
