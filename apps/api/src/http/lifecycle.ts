/**
 * A server's life: following the database's change announcements (they empty the caches), listening
 * on HOST:PORT with a request id per request, and a graceful close that stops accepting, lets the
 * requests in flight finish for a grace period and then cuts what is left.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { listenForChanges } from '@ranking/schema';
import { type AppDeps, clearCaches } from '../context';
import type { Logger } from '../lib/logger';
import type { RequestInfo } from './graphql-handler';

/** How long `close()` lets requests in flight finish before cutting their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** How long a server waits at start for the change listener before serving anyway. */
const LISTEN_WAIT_MS = 3_000;

/**
 * Changes committed by other processes (a second replica, the CLI) empty the caches as soon as the
 * database announces them; so does every (re)connection of the listener, which may have missed some.
 * Resolves once listening (its start empties the caches), or after a few seconds when the database is
 * slow to answer; `stop` ends it.
 */
export async function followDatabaseChanges(
  deps: AppDeps,
  logger: Logger,
): Promise<{ stop(): Promise<void> }> {
  if (deps.env.DB_POOL_MODE === 'transaction') {
    // LISTEN is a session feature: a transaction pooler hands the session to other clients.
    logger.info(
      'DB_POOL_MODE=transaction: not listening for database changes; cached rows expire by age only',
    );
    return { stop: async () => {} };
  }
  let stopListening: (() => Promise<void>) | undefined;
  const listening = listenForChanges(
    deps.handle,
    () => clearCaches(deps),
    () => clearCaches(deps),
  ).then(
    (stop) => {
      stopListening = stop;
      deps.responseCache.followsChanges = true;
      deps.rowCache.followsChanges = true;
    },
    (error: unknown) =>
      logger.warn({ err: error }, 'not listening for database changes; cached rows expire by age only'),
  );
  await Promise.race([listening, new Promise((resolve) => setTimeout(resolve, LISTEN_WAIT_MS).unref())]);
  return {
    async stop() {
      await listening;
      deps.responseCache.followsChanges = false;
      deps.rowCache.followsChanges = false;
      await stopListening?.().catch(() => {});
    },
  };
}

/** The caller's X-Request-Id when well-formed (1–100 of `[A-Za-z0-9._-]`), else a new UUID. */
function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

export interface ListeningServer {
  server: Server;
  /** `http://host:port`. */
  url: string;
  isDraining(): boolean;
  /** Stops accepting and waits for the requests in flight (at most `graceMs`), then closes every connection. */
  drain(graceMs: number): Promise<void>;
}

/** Listens on HOST (default 127.0.0.1, 0.0.0.0 in production) and PORT; each request gets its id. */
export async function listen(
  deps: AppDeps,
  handle: (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => Promise<void>,
  options: { exactHost?: boolean | undefined } = {},
): Promise<ListeningServer> {
  const { metrics } = deps;
  const isProduction = deps.env.NODE_ENV === 'production';
  let draining = false;
  let inFlight = 0;
  const idleWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const server = createServer({ requestTimeout: deps.env.REQUEST_TIMEOUT_MS + 5_000 }, (req, res) => {
    inFlight++;
    metrics.inFlight.inc();
    res.on('close', () => {
      inFlight--;
      metrics.inFlight.dec();
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
    if (draining) res.setHeader('connection', 'close');
    void handle(req, res, { requestId: requestIdOf(req) });
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

  return {
    server,
    url,
    isDraining: () => draining,
    async drain(graceMs) {
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
    },
  };
}
