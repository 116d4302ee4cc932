/**
 * The link checker: is an evidence source link still there?
 *
 * For each link, hop by hop (redirects are followed here, at most `linkCheckMaxRedirects`, each hop
 * checked again by the SSRF rule before it is requested):
 * - `HEAD` first. When HEAD is answered 400, 403, 405 or 501 — what servers that do not implement
 *   or refuse HEAD answer — the same URL is requested with `GET`, of which only the first
 *   `linkCheckMaxBodyBytes` are read. Any other HEAD answer stands.
 * - 429, 500, 502, 503, 504 and connections reset by the peer are retried `linkCheckMaxRetries`
 *   times with exponential backoff (`backoffBaseMs`, equal jitter), waiting at least what
 *   `Retry-After` asks; a `Retry-After` beyond `linkCheckMaxRetryAfterMs` is not waited for.
 *   Timeouts, refused connections, resolution and TLS failures are not retried: the link is
 *   UNREACHABLE until the next check.
 * - Per host name at most `linkCheckHostConcurrency` requests in flight, each sent at least
 *   `linkCheckHostDelayMs` after the previous one to that host was answered (./host-scheduler.ts);
 *   `linkCheckConcurrency` links at once.
 * - A link checked less than `linkCheckMaxAgeMs` ago is answered from the store, and one link asked
 *   for twice at the same time is checked once.
 * The statuses are defined in ./types.ts, the generic-page rule in ./generic-page.ts.
 */
import pLimit from 'p-limit';
import type { CollectorConfig } from '../config';
import { backoffDelayMs } from '../http/client';
import { GuardedRequestError, type GuardedResponse, guardedRequest } from '../http/guarded-request';
import { retryAfterMs } from '../http/rate-limit';
import { bareHostname, type ResolveHost, SsrfRefusedError } from '../http/ssrf-guard';
import type { Clock, LogEntry } from '../types';
import { genericPageKind } from './generic-page';
import { HostScheduler } from './host-scheduler';
import {
  type LinkCheck,
  type LinkCheckStore,
  type LinkErrorKind,
  type LinkRedirect,
  linkKey,
  MemoryLinkCheckStore,
} from './types';

export interface LinkCheckContext {
  config: CollectorConfig;
  clock: Clock;
  /** Aborting it stops every check in progress: they reject with the signal's reason. */
  signal?: AbortSignal;
  log: (entry: LogEntry) => void;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Earlier checks; an in-memory store (this checker's lifetime) by default. */
  store?: LinkCheckStore;
  /** Name resolution for the SSRF rule; `dns.lookup` by default. */
  resolve?: ResolveHost;
  /** Addresses the SSRF address rule lets through (set in code only; see SsrfPolicy). */
  exemptAddresses?: readonly string[];
}

export interface CheckOptions {
  /** Overrides `linkCheckMaxAgeMs` (0 checks again whatever the store holds). */
  maxAgeMs?: number;
}

export interface LinkChecker {
  check(url: string, options?: CheckOptions): Promise<LinkCheck>;
  /** Checks every link (in parallel, politely) and returns the results in the order given. */
  checkMany(
    urls: readonly string[],
    options?: CheckOptions & { onResult?: (check: LinkCheck) => void },
  ): Promise<LinkCheck[]>;
}

const HEAD_REFUSED = new Set([400, 403, 405, 501]);
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

type Hop =
  | { type: 'answer'; response: GuardedResponse; method: 'HEAD' | 'GET' }
  | { type: 'refused'; error: SsrfRefusedError }
  | { type: 'failed'; kind: LinkErrorKind; message: string };

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

export function createLinkChecker(ctx: LinkCheckContext): LinkChecker {
  const { config, clock, signal } = ctx;
  const store = ctx.store ?? new MemoryLinkCheckStore();
  const scheduler = new HostScheduler(
    config.linkCheckHostConcurrency,
    config.linkCheckHostDelayMs,
    clock,
    signal,
  );
  const inFlight = new Map<string, Promise<LinkCheck>>();
  const policy = {
    allowPrivate: config.linkCheckAllowPrivate,
    ...(ctx.resolve ? { resolve: ctx.resolve } : {}),
    ...(ctx.exemptAddresses ? { exemptAddresses: ctx.exemptAddresses } : {}),
  };
  const headers = { 'user-agent': `${config.userAgent} (link check)`, accept: '*/*' };

  async function requestOnce(url: string, method: 'HEAD' | 'GET'): Promise<Hop> {
    try {
      const response = await scheduler.run(bareHostname(new URL(url)), (answered) =>
        guardedRequest(url, {
          method,
          onResponse: answered,
          headers,
          timeoutMs: config.linkCheckTimeoutMs,
          maxBodyBytes: config.linkCheckMaxBodyBytes,
          overflow: 'truncate',
          policy,
          ...(signal ? { signal } : {}),
        }),
      );
      return { type: 'answer', response, method };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof SsrfRefusedError) return { type: 'refused', error };
      if (error instanceof GuardedRequestError) {
        const kind = error.kind === 'too_large' ? 'network' : error.kind;
        return { type: 'failed', kind, message: error.message };
      }
      throw error;
    }
  }

  /** One URL: HEAD, GET where HEAD is refused, retries of transient failures. */
  async function requestHop(url: string): Promise<Hop> {
    for (let attempt = 0; ; attempt++) {
      let hop = await requestOnce(url, 'HEAD');
      if (hop.type === 'answer' && HEAD_REFUSED.has(hop.response.status)) hop = await requestOnce(url, 'GET');
      let floor = 0;
      if (hop.type === 'answer') {
        const status = hop.response.status;
        if (!RETRYABLE.has(status) || attempt >= config.linkCheckMaxRetries) return hop;
        const retryAfter = hop.response.headers['retry-after'];
        const asked = retryAfter
          ? retryAfterMs(new Headers({ 'retry-after': retryAfter }), clock.now())
          : undefined;
        if (asked !== undefined && asked > config.linkCheckMaxRetryAfterMs) return hop;
        floor = asked ?? 0;
      } else if (hop.type !== 'failed' || hop.kind !== 'reset' || attempt >= config.linkCheckMaxRetries) {
        return hop;
      }
      const wait = Math.max(floor, backoffDelayMs(attempt, config, ctx.random));
      const why = hop.type === 'answer' ? `answered ${hop.response.status}` : 'connection reset';
      ctx.log({
        level: 'warn',
        message: `link ${url} ${why}; retrying in ${Math.round(wait)} ms`,
        url,
        waitMs: wait,
      });
      await clock.sleep(wait, signal);
    }
  }

  async function follow(link: string): Promise<LinkCheck> {
    const done = (fields: Omit<LinkCheck, 'url' | 'checkedAt'>): LinkCheck => ({
      url: link,
      ...fields,
      checkedAt: clock.now(),
    });
    if (!URL.canParse(link)) {
      return done({
        status: 'UNCHECKED',
        httpStatus: null,
        finalUrl: null,
        redirects: [],
        errorKind: 'invalid_url',
        error: 'not a URL',
      });
    }
    const redirects: LinkRedirect[] = [];
    let current = linkKey(link);
    let lastStatus: number | null = null;
    const seen = new Set([current]);
    const end = (
      status: LinkCheck['status'],
      errorKind?: LinkErrorKind,
      error?: string,
      method?: 'HEAD' | 'GET',
    ) =>
      done({
        status,
        httpStatus: lastStatus,
        finalUrl: current,
        redirects,
        ...(method ? { method } : {}),
        ...(errorKind ? { errorKind } : {}),
        ...(error ? { error } : {}),
      });

    for (;;) {
      const url = new URL(current);
      if (!isHttp(url)) {
        const via = redirects.length > 0 ? 'redirected to ' : '';
        return end('UNCHECKED', 'scheme', `${via}not an http(s) URL (${url.protocol.replace(/:$/, '')})`);
      }
      const hop = await requestHop(current);
      if (hop.type === 'refused') {
        const kind = hop.error.reason === 'scheme' ? 'scheme' : 'ssrf';
        return end('UNCHECKED', kind, `${redirects.length > 0 ? `${current}: ` : ''}${hop.error.message}`);
      }
      if (hop.type === 'failed') return end('UNREACHABLE', hop.kind, hop.message);

      const { status, headers } = hop.response;
      lastStatus = status;
      const location = headers.location;
      if (REDIRECT.has(status) && location) {
        if (!URL.canParse(location, current)) {
          return end('UNREACHABLE', 'http_status', `answered ${status} with an invalid Location`, hop.method);
        }
        redirects.push({ url: current, status });
        const next = new URL(location, current);
        next.hash = '';
        if (seen.has(next.href)) {
          current = next.href;
          return end('UNREACHABLE', 'redirect_loop', `redirect loop: back to ${next.href}`, hop.method);
        }
        if (redirects.length > config.linkCheckMaxRedirects) {
          current = next.href;
          return end(
            'UNREACHABLE',
            'too_many_redirects',
            `more than ${config.linkCheckMaxRedirects} redirects`,
            hop.method,
          );
        }
        seen.add(next.href);
        current = next.href;
        continue;
      }

      const generic = redirects.length > 0 ? genericPageKind(link, current) : undefined;
      const genericMessage = `redirected to a generic page (${generic?.replace('_', ' ')}): ${current}`;
      if (status >= 200 && status < 300) {
        if (generic) return end('BROKEN', 'generic_redirect', genericMessage, hop.method);
        return end(redirects.length > 0 ? 'REDIRECTED' : 'OK', undefined, undefined, hop.method);
      }
      if (status === 404 || status === 410)
        return end('BROKEN', 'not_found', `answered ${status}`, hop.method);
      if ((status === 401 || status === 403) && generic) {
        return end('BROKEN', 'generic_redirect', genericMessage, hop.method);
      }
      if (status === 429)
        return end('UNREACHABLE', 'rate_limited', 'answered 429 (rate limited)', hop.method);
      return end('UNREACHABLE', 'http_status', `answered ${status}`, hop.method);
    }
  }

  async function check(link: string, options: CheckOptions = {}): Promise<LinkCheck> {
    const key = linkKey(link);
    const running = inFlight.get(key);
    if (running) return { ...(await running), url: link };
    const maxAge = options.maxAgeMs ?? config.linkCheckMaxAgeMs;
    const task = (async () => {
      const previous = await store.latest(key);
      if (previous && clock.now().getTime() - previous.checkedAt.getTime() < maxAge) return previous;
      const result = await follow(link);
      await store.save(key, result);
      return result;
    })();
    inFlight.set(key, task);
    try {
      return { ...(await task), url: link };
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    check,
    async checkMany(urls, options = {}) {
      const limit = pLimit(config.linkCheckConcurrency);
      return Promise.all(
        urls.map((url) =>
          limit(async () => {
            const result = await check(url, options);
            options.onResult?.(result);
            return result;
          }),
        ),
      );
    },
  };
}
