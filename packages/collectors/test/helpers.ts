import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CollectContext,
  type CollectedItem,
  type CollectorConfig,
  collectorConfig,
  type Finding,
  type LogEntry,
  type Observation,
} from '../src/index';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The test clock's time when the request arrived. */
  at: number;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 and a random free port, recording every request. */
export async function startServer(handler: Handler, clock?: ManualClock): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: clock ? clock.now().getTime() : Date.now(),
    };
    requests.push(seen);
    try {
      await handler(seen, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake server failure: ${error instanceof Error ? error.stack : String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A clock whose sleeps return at once and move time forward by the amount asked. */
export class ManualClock {
  private current: number;
  readonly sleeps: number[] = [];

  constructor(start: string) {
    this.current = Date.parse(start);
  }

  now = (): Date => new Date(this.current);

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.current += ms;
  };
}

export interface TestContext extends CollectContext {
  logs: LogEntry[];
  clock: ManualClock;
}

export function testContext(
  config: Partial<CollectorConfig>,
  extra: Partial<CollectContext> = {},
  start = '2026-03-01T00:00:00Z',
): TestContext {
  const logs: LogEntry[] = [];
  return {
    config: collectorConfig({ timeoutMs: 5_000, backoffBaseMs: 100, ...config }),
    clock: new ManualClock(start),
    log: (entry) => logs.push(entry),
    random: () => 0.5,
    logs,
    ...extra,
  } as TestContext;
}

export async function collectAll(items: AsyncIterable<CollectedItem>): Promise<CollectedItem[]> {
  const out: CollectedItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export const observations = (items: CollectedItem[]) =>
  items.filter((i): i is Observation => i.type === 'observation');
export const findings = (items: CollectedItem[]) => items.filter((i): i is Finding => i.type === 'finding');

/** The one observation of a project and indicator (fails the test when there are none or several). */
export function observationOf(items: CollectedItem[], project: string, indicator: string): Observation {
  const found = observations(items).filter((o) => o.project === project && o.indicator === indicator);
  if (found.length !== 1) throw new Error(`expected one ${indicator} for ${project}, got ${found.length}`);
  return found[0] as Observation;
}
