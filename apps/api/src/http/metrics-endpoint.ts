/**
 * `GET /metrics`: the Prometheus text format of the process's metrics (../lib/metrics.ts). Who may
 * read it: with METRICS_TOKEN set, callers presenting it as a Bearer token; without one, anyone in
 * development and test, and only loopback callers in production (a scraper on the same host, or a
 * sidecar) — the metrics name operations and show load, which is reconnaissance for an attacker.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../lib/metrics';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'forbidden';

/** Whether a peer address is loopback (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
function isLoopback(peer: string): boolean {
  const v4 = peer.startsWith('::ffff:') ? peer.slice('::ffff:'.length) : peer;
  return v4.startsWith('127.') || peer === '::1';
}

/** Compares by digest, so neither the token's length nor its prefix leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function metricsAccess(request: {
  production: boolean;
  token: string | undefined;
  authorization: string | undefined;
  peer: string | undefined;
}): MetricsAccess {
  if (request.token !== undefined) {
    const match = /^Bearer (.+)$/.exec(request.authorization ?? '');
    return match?.[1] !== undefined && sameSecret(match[1], request.token) ? 'allowed' : 'unauthorized';
  }
  if (!request.production) return 'allowed';
  return request.peer !== undefined && isLoopback(request.peer) ? 'allowed' : 'forbidden';
}

export async function handleMetrics(
  metrics: Metrics,
  options: { production: boolean; token: string | undefined },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const access = metricsAccess({
    ...options,
    authorization: req.headers.authorization,
    peer: req.socket.remoteAddress,
  });
  if (access !== 'allowed') {
    const status = access === 'unauthorized' ? 401 : 403;
    const message =
      access === 'unauthorized'
        ? 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>'
        : 'Metrics are served to loopback callers only; set METRICS_TOKEN to scrape from elsewhere';
    const body = JSON.stringify({ error: message });
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      ...(access === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {}),
    });
    res.end(body);
    return;
  }
  const text = await metrics.registry.metrics();
  res.writeHead(200, {
    'content-type': metrics.registry.contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}
