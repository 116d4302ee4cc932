/**
 * The HTTP layer: our own node:http server in front of Apollo's `executeHTTPGraphQLRequest`, so we
 * control health checks, GraphiQL, body limits, CSRF rules, ETags, the request deadline and graceful
 * shutdown. GraphQL is served at /graphql: GET for queries, POST (JSON) for queries and mutations.
 *
 * The parts: apollo.ts (the GraphQL server and its limits), graphql-handler.ts (/graphql), body.ts
 * (request bodies), http-cache.ts (cache headers and the response cache), routes.ts (the route
 * table and dispatch), lifecycle.ts (change listener, listening, graceful close).
 */
import type { Server } from 'node:http';
import type { AppDeps } from '../context';
import { RequestErrors } from '../graphql/format-error';
import { type Period, parseDurationMs, parsePeriod } from '../lib/duration';
import { createLogger, type Logger } from '../lib/logger';
import { startUsageFlush } from '../modules/api-keys/usage';
import { startCollectionSchedule } from '../modules/collection/schedule';
import { startLinkCheckSchedule } from '../modules/links/schedule';
import { startWebhookDispatcher } from '../modules/webhooks/dispatcher';
import { createApollo } from './apollo';
import { createGraphQLHandler } from './graphql-handler';
import { followDatabaseChanges, listen, SHUTDOWN_GRACE_MS } from './lifecycle';
import { createRequestHandler } from './routes';

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
  /** The scheduled link check's period; default `LINK_CHECK_EVERY` (tests set a shorter one). */
  linkCheckEveryMs?: number;
  /** The scheduled collection's period; default `COLLECT_EVERY` (tests set their own). */
  collectEvery?: Period;
  /** How often the collection schedule checks whether a run is due (tests: a short interval). */
  collectCheckEveryMs?: number;
}

export async function createApiServer(deps: AppDeps, options: ServerOptions = {}): Promise<ApiServer> {
  const logger = createLogger({ level: deps.env.LOG_LEVEL, ...(options.log ? { write: options.log } : {}) });
  // Decision emails skipped (no SMTP_URL) or failed are logged with the server's lines.
  deps.disputeMail.setLogger(logger);
  deps.metrics.collectProcessMetrics();
  deps.reads.onStateChange = (replica, up, error) => {
    if (up) logger.info({ replica }, 'read replica up');
    else logger.warn({ replica, err: error }, 'read replica down; its reads go to the primary');
  };
  // Which request an error belongs to, for the line that logs it (graphql/format-error.ts).
  const requestErrors = new RequestErrors();
  const apollo = await createApollo(deps, logger, requestErrors);
  const changes = await followDatabaseChanges(deps, logger);

  let isDraining = () => false;
  const handle = createRequestHandler(deps, {
    logger,
    handleGraphQL: createGraphQLHandler(deps, apollo, logger, requestErrors),
    isDraining: () => isDraining(),
    graphiqlYear: options.graphiqlYear,
  });
  const http = await listen(deps, handle, { exactHost: options.exactHost });
  isDraining = http.isDraining;
  const linkCheckEvery = options.linkCheckEveryMs ?? parseDurationMs(deps.env.LINK_CHECK_EVERY ?? '');
  const stopLinkChecks = linkCheckEvery
    ? startLinkCheckSchedule(deps, logger, linkCheckEvery)
    : async () => {};
  const webhooks = await startWebhookDispatcher(deps, logger);

  const collectEvery = options.collectEvery ?? parsePeriod(deps.env.COLLECT_EVERY ?? '');
  const stopCollection = collectEvery
    ? startCollectionSchedule(deps, logger, collectEvery, {
        ...(options.collectCheckEveryMs ? { checkEveryMs: options.collectCheckEveryMs } : {}),
      })
    : async () => {};
  const usageFlush = startUsageFlush(deps.apiKeyUsage, deps.db, deps.env.API_KEY_USAGE_FLUSH_MS, (error) =>
    logger.warn({ err: error }, 'API key usage not saved; kept for the next flush'),
  );

  let closing: Promise<void> | undefined;
  const close = (graceMs = SHUTDOWN_GRACE_MS) => {
    closing ??= (async () => {
      await http.drain(graceMs);
      // The requests' usage counts, before the database closes.
      await usageFlush.stop();
      await stopLinkChecks();
      await stopCollection();
      await deps.disputeMail.close();
      await webhooks.stop();
      await apollo.stop();
      await changes.stop();
    })();
    return closing;
  };

  return { server: http.server, url: http.url, logger, close };
}
