/**
 * A local HTTP server for the link-checker tests: listens on a given loopback address, records every
 * request (method, path, arrival time on a monotonic clock) and how many were in flight at most.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Arrival {
  method: string;
  path: string;
  /** performance.now() when the request's headers had arrived. */
  at: number;
}

export interface LinkServer {
  /** `http://ADDRESS:PORT` */
  origin: string;
  port: number;
  arrivals: Arrival[];
  /** Most requests in flight at once (arrived and not yet answered to the end). */
  maxInFlight: number;
  close(): Promise<void>;
}

export type LinkHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void | Promise<void>;

export async function startLinkServer(
  handler: LinkHandler,
  address = '127.0.0.1',
  listenPort = 0,
): Promise<LinkServer> {
  let inFlight = 0;
  const state: LinkServer = {
    origin: '',
    port: 0,
    arrivals: [],
    maxInFlight: 0,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    state.arrivals.push({ method: req.method ?? 'GET', path, at: performance.now() });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    Promise.resolve(handler(req, res, path)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, address, resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://${address}:${port}`;
  state.port = port;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A port on 127.0.0.1 nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}
