/**
 * One HTTP request to a user-supplied URL under the SSRF rule (./ssrf-guard.ts), with a deadline
 * and a cap on the bytes read.
 *
 * Why node:http/https and not `fetch`: closing the gap between "the address was checked" and "the
 * socket connected to it" needs control over name resolution at connect time. Node's `fetch` only
 * offers that through an undici `Agent` with a custom `connect`, which needs the undici package
 * (whose current major requires Node >= 22.19; this repository supports Node >= 20.19).
 * `http.request` takes a `lookup` function on every Node version: we resolve and check first, then
 * give the socket a `lookup` that answers with exactly the checked addresses. `agent: false` makes a
 * fresh connection each time, so no pooled socket opened for another check is reused. TLS still
 * verifies the certificate against the host name (it is the `host` of the request, and its SNI).
 * No redirect is followed here: callers re-check every hop.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { bareHostname, DnsError, type LookupAddress, resolveAllowed, type SsrfPolicy } from './ssrf-guard';

export type GuardedErrorKind = 'dns' | 'timeout' | 'refused' | 'reset' | 'tls' | 'network' | 'too_large';

/** A request that got no usable answer; `kind` says why. */
export class GuardedRequestError extends Error {
  readonly kind: GuardedErrorKind;
  readonly url: string;
  readonly code?: string;

  constructor(kind: GuardedErrorKind, url: string, message: string, code?: string) {
    super(message);
    this.name = 'GuardedRequestError';
    this.kind = kind;
    this.url = url;
    if (code !== undefined) this.code = code;
  }
}

export interface GuardedRequestOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Deadline for the whole exchange: resolution, connection, headers and the body read. */
  timeoutMs: number;
  /** Bytes of body read at most. */
  maxBodyBytes: number;
  /** Past the cap: `truncate` returns the prefix read (`truncated: true`), `error` fails (`too_large`). */
  overflow?: 'truncate' | 'error';
  signal?: AbortSignal;
  policy?: SsrfPolicy;
  /** Called when the status line and headers have arrived, before the body is read. */
  onResponse?: (status: number) => void;
}

export interface GuardedResponse {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
  /** The body was longer than `maxBodyBytes` and only its prefix was read. */
  truncated: boolean;
  /** The address connected to. */
  address: string;
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/;

function errorKind(code: string | undefined): GuardedErrorKind {
  if (code === undefined) return 'network';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'reset';
  if (TLS_CODE.test(code)) return 'tls';
  return 'network';
}

/** The code of a socket error; with several addresses tried (happy eyeballs) Node aggregates them. */
function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** A socket `lookup` answering with addresses already checked, never asking DNS again. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' ? options.family : undefined;
    const wanted = addresses.filter((a) => !family || a.family === family);
    const list = wanted.length > 0 ? wanted : addresses;
    if (typeof options === 'object' && options.all) {
      callback(null, list);
      return;
    }
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  };
}

/**
 * Sends one request to `url` under the SSRF rule.
 * @throws {SsrfRefusedError} when the rule refuses the URL (nothing is sent).
 * @throws {GuardedRequestError} for resolution failures, timeouts, connection and TLS errors, and a
 *   body over the cap with `overflow: 'error'`.
 * @throws the signal's reason when `signal` aborts.
 */
export async function guardedRequest(url: string, options: GuardedRequestOptions): Promise<GuardedResponse> {
  const target = new URL(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const timeoutError = () =>
    new GuardedRequestError('timeout', url, `no complete answer within ${options.timeoutMs} ms`);

  let addresses: LookupAddress[];
  try {
    addresses = await raceSignal(resolveAllowed(target, options.policy), signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.aborted) throw timeoutError();
    if (error instanceof DnsError) {
      throw new GuardedRequestError('dns', url, error.message, error.code);
    }
    throw error;
  }

  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<GuardedResponse>((resolve, reject) => {
    let settled = false;
    let connectedTo = addresses[0]?.address ?? '';
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.destroy();
      if (options.signal?.aborted) reject(options.signal.reason);
      else if (deadline.aborted) reject(timeoutError());
      else if (error instanceof GuardedRequestError) reject(error);
      else {
        const code = errorCode(error);
        const detail = error instanceof Error && error.message ? error.message : String(code);
        reject(
          new GuardedRequestError(
            errorKind(code),
            url,
            `${options.method ?? 'GET'} ${url} failed: ${detail}`,
            code,
          ),
        );
      }
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });

    const req = send({
      protocol: target.protocol,
      hostname: bareHostname(target),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      method: options.method ?? 'GET',
      headers: { 'accept-encoding': 'identity', ...options.headers },
      agent: false,
      lookup: pinnedLookup(addresses),
    });
    req.on('socket', (socket) => {
      socket.on('connect', () => {
        if (socket.remoteAddress) connectedTo = socket.remoteAddress;
      });
    });
    req.on('error', fail);
    req.on('response', (res: IncomingMessage) => {
      options.onResponse?.(res.statusCode ?? 0);
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve({
          url,
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: new Uint8Array(Buffer.concat(chunks)),
          truncated,
          address: connectedTo,
        });
        // Stop reading what we will not use; the connection is not reused (agent: false).
        if (truncated) res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = options.maxBodyBytes - size;
        if (chunk.length > room) {
          if (options.overflow === 'error') {
            fail(
              new GuardedRequestError(
                'too_large',
                url,
                `${url} answered more than ${options.maxBodyBytes} bytes`,
              ),
            );
            return;
          }
          chunks.push(chunk.subarray(0, room));
          size += room;
          truncated = true;
          finish();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', finish);
      res.on('error', fail);
    });
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** Rejects with the signal's reason as soon as it aborts, without waiting for `promise`. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
