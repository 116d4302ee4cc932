/**
 * The HTTP routes, one table: which paths exist (apps/api/README.md, Endpoints, documents each and
 * test/docs.test.ts compares the two), the metrics' `route` label of a path, and the dispatch of a
 * request to its handler with the request line logged and counted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import type { Logger } from '../lib/logger';
import { errorBody, sendJson } from './body';
import { handleDownload, isDownloadPath } from './downloads';
import { GRAPHIQL_CSP, graphiqlAsset, graphiqlPage } from './graphiql';
import type { RequestInfo } from './graphql-handler';
import { handleMetrics } from './metrics-endpoint';

/** `/readyz` answers 503 when the database has not answered `select 1` within this time. */
export const READY_TIMEOUT_MS = 2_000;
/** Cache-Control of GraphiQL's static assets. */
const ASSET_CACHE_CONTROL = 'public, max-age=3600';

/**
 * Every route: its metrics label, the methods it answers, the path as documented (`YEAR`, `FILE`
 * stand for path segments) and whether a path is it. Outside these, 404. GraphiQL is not served
 * in production.
 */
export const ROUTES = [
  { name: 'graphql', methods: ['GET', 'POST'], path: '/graphql', matches: (p: string) => p === '/graphql' },
  { name: 'metrics', methods: ['GET'], path: '/metrics', matches: (p: string) => p === '/metrics' },
  { name: 'healthz', methods: ['GET'], path: '/healthz', matches: (p: string) => p === '/healthz' },
  { name: 'readyz', methods: ['GET'], path: '/readyz', matches: (p: string) => p === '/readyz' },
  {
    name: 'graphiql',
    methods: ['GET'],
    path: '/graphiql',
    matches: (p: string) => p === '/graphiql' || p.startsWith('/graphiql/'),
  },
  { name: 'download', methods: ['GET'], path: '/editions/YEAR/export/FILE', matches: isDownloadPath },
  { name: 'root', methods: ['GET'], path: '/', matches: (p: string) => p === '/' },
] as const;

export type RouteName = (typeof ROUTES)[number]['name'] | 'other';

/** The metrics' `route` label: a fixed set, whatever path was asked for. */
export function routeOf(pathname: string): RouteName {
  return ROUTES.find((route) => route.matches(pathname))?.name ?? 'other';
}

export type GraphQLHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  info: RequestInfo,
) => Promise<void>;

/** The server's request handler: security headers, dispatch, and the request line and metrics. */
export function createRequestHandler(
  deps: AppDeps,
  params: {
    logger: Logger;
    handleGraphQL: GraphQLHandler;
    /** True once the server is shutting down (`/readyz` answers 503). */
    isDraining: () => boolean;
    graphiqlYear?: number | undefined;
  },
): (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => Promise<void> {
  const { logger, handleGraphQL } = params;
  const { metrics } = deps;
  const isProduction = deps.env.NODE_ENV === 'production';

  const serveReady = async (res: ServerResponse) => {
    if (params.isDraining()) {
      sendJson(res, 503, { status: 'draining' });
      return;
    }
    const ok = await Promise.race([
      deps.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), READY_TIMEOUT_MS).unref()),
    ]);
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unavailable' });
  };

  const serveGraphiql = (res: ServerResponse, pathname: string) => {
    if (!isProduction && pathname === '/graphiql') {
      const page = graphiqlPage();
      res.writeHead(200, {
        'content-type': page.type,
        'content-security-policy': GRAPHIQL_CSP,
        'cache-control': 'no-cache',
      });
      res.end(page.body);
      return;
    }
    const asset =
      !isProduction && pathname.startsWith('/graphiql/assets/')
        ? graphiqlAsset(
            pathname.slice('/graphiql/assets/'.length),
            params.graphiqlYear ?? new Date().getUTCFullYear(),
          )
        : undefined;
    if (!asset) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': ASSET_CACHE_CONTROL });
    res.end(asset.body);
  };

  const serveRoot = (req: IncomingMessage, res: ServerResponse) => {
    if (!isProduction && (req.headers.accept ?? '').includes('text/html')) {
      res.writeHead(302, { location: '/graphiql' });
      res.end();
    } else {
      sendJson(res, 200, { graphql: '/graphql', health: '/healthz', ready: '/readyz' });
    }
  };

  return async (req, res, info) => {
    const started = performance.now();
    res.setHeader('x-request-id', info.requestId);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeOf(url.pathname);
    try {
      switch (route) {
        case 'graphql':
          await handleGraphQL(req, res, url, info);
          break;
        case 'metrics':
          await handleMetrics(metrics, { production: isProduction, token: deps.env.METRICS_TOKEN }, req, res);
          break;
        case 'healthz':
          sendJson(res, 200, { status: 'ok' });
          break;
        case 'readyz':
          await serveReady(res);
          break;
        case 'graphiql':
          serveGraphiql(res, url.pathname);
          break;
        case 'download':
          await handleDownload(deps, req, res, url);
          break;
        case 'root':
          serveRoot(req, res);
          break;
        default:
          sendJson(res, 404, { error: 'not found' });
      }
    } catch (error) {
      logger.error({ requestId: info.requestId, err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.destroy();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const operation = route === 'graphql' ? metrics.operationLabel(info.operation) : '';
      metrics.requests.inc({ route, operation, status: String(res.statusCode) });
      metrics.requestDuration.observe({ route, operation }, seconds);
      logger.info(
        {
          requestId: info.requestId,
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
}
