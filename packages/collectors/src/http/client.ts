/**
 * The one HTTP layer every collector uses: timeouts, retries with exponential backoff and jitter,
 * rate-limit headers, a per-host concurrency limit, conditional requests and token hygiene.
 *
 * Built on Node's global `fetch` (undici inside Node). The undici package itself is not a
 * dependency: its current major needs Node >= 22.19 while this repository supports Node >= 20.19,
 * and nothing here needs more than `fetch`. The per-host limit uses p-limit.
 */
import { createHash } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import type { z } from 'zod';
import type { CollectorConfig } from '../config';
import type { CollectContext, CollectorSource, ResponseRecord } from '../types';
import { quotaExhaustedWaitMs, retryAfterMs } from './rate-limit';

export type HttpErrorKind =
  | 'timeout'
  | 'network'
  | 'status'
  | 'rate_limited'
  | 'malformed_json'
  | 'unexpected_shape';

/** A request that failed for good (after the retries it deserved). Messages never contain tokens. */
export class HttpError extends Error {
  readonly kind: HttpErrorKind;
  readonly url: string;
  readonly status?: number;

  constructor(kind: HttpErrorKind, url: string, message: string, status?: number) {
    super(message);
    this.name = 'HttpError';
    this.kind = kind;
    this.url = url;
    if (status !== undefined) this.status = status;
  }
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** The POST body: JSON text unless `headers` names another `content-type`. */
  body?: string;
  /** Extra request headers, keys in lower case. */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer`, only to the origin of `url` (redirects elsewhere are not followed). */
  token?: string;
  /** Revalidate a stored response with `If-None-Match` (GET only). */
  conditional?: boolean;
  source?: CollectorSource;
}

export interface HttpResponse extends ResponseRecord {
  headers: Headers;
  /** True when the server answered 304 and the stored body was reused. */
  revalidated: boolean;
  /** The URL first requested, when same-origin redirects led to `requestUrl`. */
  redirectedFrom?: string;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/**
 * Exponential backoff with "equal jitter": step = min(maxBackoffMs, backoffBaseMs × 2^attempt), the
 * wait is half the step plus a random share of the other half.
 */
export function backoffDelayMs(
  attempt: number,
  config: Pick<CollectorConfig, 'backoffBaseMs' | 'maxBackoffMs'>,
  random: () => number = Math.random,
): number {
  const step = Math.min(config.maxBackoffMs, config.backoffBaseMs * 2 ** attempt);
  return step / 2 + random() * (step / 2);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const clients = new WeakMap<CollectContext, HttpClient>();

/** The client of a collection context: collectors sharing a context share host limits and waits. */
export function httpClientFor(ctx: CollectContext): HttpClient {
  let client = clients.get(ctx);
  if (!client) {
    client = new HttpClient(ctx);
    clients.set(ctx, client);
  }
  return client;
}

export class HttpClient {
  private readonly ctx: CollectContext;
  private readonly limiters = new Map<string, LimitFunction>();
  /** Per host: no request before this instant (epoch ms), set by exhausted quotas. */
  private readonly blockedUntil = new Map<string, number>();
  private readonly secrets: string[];

  constructor(ctx: CollectContext) {
    this.ctx = ctx;
    this.secrets = [
      ctx.config.githubToken,
      ctx.config.hfToken,
      ctx.config.waybackAccessKey,
      ctx.config.waybackSecretKey,
    ].filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  /** Replaces every configured token in a text; applied to all error and log messages. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }

  log(entry: Parameters<CollectContext['log']>[0]): void {
    this.ctx.log({ ...entry, message: this.redact(entry.message) });
  }

  /**
   * Sends a request and returns the final response, whatever its status, except that: timeouts,
   * network errors and 5xx are retried `maxRetries` times with backoff; 429, and 403 carrying
   * `Retry-After` or an exhausted GitHub quota, wait as told (up to `maxRateLimitWaitMs`) and retry.
   * @throws {HttpError} when the retries run out or a wait would be too long.
   * @throws the context signal's reason when the run is cancelled.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const { config } = this.ctx;
    const signal = this.ctx.signal;
    const url = new URL(req.url);
    const host = url.host;
    const method = req.method ?? 'GET';
    const cached = req.conditional && method === 'GET' ? await this.ctx.cache?.get(req.url) : undefined;

    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      signal?.throwIfAborted();
      await this.waitForHost(host, req);

      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': config.userAgent,
        ...req.headers,
      };
      if (req.body !== undefined && !('content-type' in headers))
        headers['content-type'] = 'application/json';
      if (req.token) headers.authorization = `Bearer ${req.token}`;
      if (cached) headers['if-none-match'] = cached.etag;

      let outcome: { response: Response; body: Uint8Array; finalUrl: string } | HttpError;
      try {
        outcome = await this.limiter(host)(() =>
          this.fetchFollowingRedirects(req.url, method, headers, req.body),
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!(error instanceof HttpError)) throw error;
        outcome = error;
      }

      const now = this.ctx.clock.now();
      if (outcome instanceof HttpError) {
        if (failures >= config.maxRetries) throw outcome;
        await this.backoff(failures++, req, outcome.message);
        continue;
      }

      const { response, body, finalUrl } = outcome;
      const status = response.status;
      const quotaWait = quotaExhaustedWaitMs(response.headers, now);
      const retryAfter = retryAfterMs(response.headers, now);

      const isRateLimited =
        status === 429 || (status === 403 && (retryAfter !== undefined || quotaWait !== undefined));
      if (isRateLimited) {
        const wait = retryAfter ?? quotaWait;
        if (rateLimitWaits >= config.maxRateLimitRetries) {
          throw new HttpError(
            'rate_limited',
            req.url,
            `${method} ${req.url}: still rate limited (${status}) after ${rateLimitWaits} waits`,
            status,
          );
        }
        rateLimitWaits++;
        if (wait === undefined) {
          await this.backoff(rateLimitWaits - 1, req, `rate limited (${status})`);
        } else {
          this.block(host, now.getTime() + wait);
          this.log({
            level: 'warn',
            message: `rate limited by ${host} (${status}); waiting ${Math.ceil(wait / 1000)} s`,
            source: req.source,
            url: req.url,
            status,
            waitMs: wait,
          });
        }
        continue;
      }

      if (RETRYABLE_STATUS.has(status)) {
        const message = `${method} ${req.url} answered ${status}${snippet(body)}`;
        if (failures >= config.maxRetries)
          throw new HttpError('status', req.url, this.redact(message), status);
        await this.backoff(failures++, req, `answered ${status}`, retryAfter);
        continue;
      }

      // A success that used the last request of a quota: hold the host until the quota resets.
      if (quotaWait !== undefined && quotaWait > 0) this.block(host, now.getTime() + quotaWait);

      const retrievedAt = this.ctx.clock.now();
      if (status === 304 && cached) {
        return {
          requestUrl: finalUrl,
          requestMethod: method,
          responseStatus: 304,
          responseBody: cached.body,
          responseSha256: sha256Hex(cached.body),
          retrievedAt,
          headers: response.headers,
          revalidated: true,
          ...(finalUrl !== req.url ? { redirectedFrom: req.url } : {}),
        };
      }
      const etag = response.headers.get('etag');
      if (etag && method === 'GET' && status === 200 && this.ctx.cache?.put) {
        await this.ctx.cache.put(finalUrl, { etag, body });
      }
      return {
        requestUrl: finalUrl,
        requestMethod: method,
        ...(req.body !== undefined ? { requestBody: req.body } : {}),
        responseStatus: status,
        responseBody: body,
        responseSha256: sha256Hex(body),
        retrievedAt,
        headers: response.headers,
        revalidated: false,
        ...(finalUrl !== req.url ? { redirectedFrom: req.url } : {}),
      };
    }
  }

  private limiter(host: string): LimitFunction {
    let limit = this.limiters.get(host);
    if (!limit) {
      limit = pLimit(this.ctx.config.hostConcurrency);
      this.limiters.set(host, limit);
    }
    return limit;
  }

  private block(host: string, until: number): void {
    this.blockedUntil.set(host, Math.max(this.blockedUntil.get(host) ?? 0, until));
  }

  private async waitForHost(host: string, req: HttpRequest): Promise<void> {
    const until = this.blockedUntil.get(host);
    if (until === undefined) return;
    const wait = until - this.ctx.clock.now().getTime();
    if (wait <= 0) return;
    if (wait > this.ctx.config.maxRateLimitWaitMs) {
      throw new HttpError(
        'rate_limited',
        req.url,
        `${host} asked to wait ${Math.ceil(wait / 1000)} s, more than the ${Math.ceil(this.ctx.config.maxRateLimitWaitMs / 1000)} s allowed`,
      );
    }
    await this.ctx.clock.sleep(wait, this.ctx.signal);
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  private async backoff(attempt: number, req: HttpRequest, reason: string, floorMs = 0): Promise<void> {
    const wait = Math.max(floorMs, backoffDelayMs(attempt, this.ctx.config, this.ctx.random));
    this.log({
      level: 'warn',
      message: `${req.method ?? 'GET'} ${req.url} ${reason}; retrying in ${Math.round(wait)} ms`,
      source: req.source,
      url: req.url,
      waitMs: wait,
    });
    await this.ctx.clock.sleep(wait, this.ctx.signal);
  }

  private async fetchFollowingRedirects(
    startUrl: string,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<{ response: Response; body: Uint8Array; finalUrl: string }> {
    let url = startUrl;
    for (let hop = 0; ; hop++) {
      const result = await this.fetchOnce(url, method, headers, body);
      const location = result.response.headers.get('location');
      if (
        !REDIRECT_STATUS.has(result.response.status) ||
        !location ||
        method !== 'GET' ||
        hop >= MAX_REDIRECTS
      ) {
        return { ...result, finalUrl: url };
      }
      const next = new URL(location, url);
      // Tokens go to the origin they belong to only: a redirect elsewhere is returned, not followed.
      if (next.origin !== new URL(url).origin) return { ...result, finalUrl: url };
      url = next.toString();
    }
  }

  private async fetchOnce(
    url: string,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<{ response: Response; body: Uint8Array }> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.ctx.config.timeoutMs);
    const signal = this.ctx.signal ? AbortSignal.any([this.ctx.signal, timeout.signal]) : timeout.signal;
    try {
      const response = await fetch(url, { method, headers, body, redirect: 'manual', signal });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { response, body: bytes };
    } catch (error) {
      if (this.ctx.signal?.aborted) throw this.ctx.signal.reason;
      if (timeout.signal.aborted) {
        throw new HttpError(
          'timeout',
          url,
          `${method} ${url} timed out after ${this.ctx.config.timeoutMs} ms`,
        );
      }
      const cause =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new HttpError('network', url, this.redact(`${method} ${url} failed: ${cause}`));
    } finally {
      clearTimeout(timer);
    }
  }
}

function snippet(body: Uint8Array): string {
  const text = Buffer.from(body.subarray(0, 200)).toString('utf8').replace(/\s+/g, ' ').trim();
  return text ? `: ${text}` : '';
}

/**
 * Parses a JSON response body and checks the fields the collector reads.
 * @throws {HttpError} `malformed_json` naming the URL and the parser's complaint, or
 *   `unexpected_shape` naming the JSON path that does not match the documented shape.
 */
export function parseJson<T>(response: HttpResponse, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(response.responseBody).toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(
      'malformed_json',
      response.requestUrl,
      `${response.requestUrl} answered ${response.responseStatus} with malformed JSON (${reason})`,
      response.responseStatus,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue
      ? `$${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`
      : '$';
    throw new HttpError(
      'unexpected_shape',
      response.requestUrl,
      `${response.requestUrl} answered ${response.responseStatus} with an unexpected shape at ${path}: ${issue?.message ?? 'invalid'}`,
      response.responseStatus,
    );
  }
  return parsed.data;
}

/** A string for a response body in error messages (short, whitespace collapsed). */
export function bodySnippet(body: Uint8Array): string {
  return snippet(body);
}
