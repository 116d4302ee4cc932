/**
 * HTTP caching of GraphQL answers: Cache-Control per cache level, strong ETags and 304s, and the
 * shared response cache (./response-cache.ts) — its key for a request, and answers written from it
 * or kept in it.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import { MAX_AGE_SECONDS } from '../cache-policy';
import type { AppDeps, GraphQLContext } from '../context';
import { type CachedResponse, responseCacheKey } from './response-cache';

/** Cache-Control per cache level (see CachePolicy): immutable data for an hour, a year's default revision for a minute. */
export const CACHE_CONTROL = {
  immutable: `public, max-age=${MAX_AGE_SECONDS.immutable}`,
  published: `public, max-age=${MAX_AGE_SECONDS.published}`,
  public: 'public, max-age=0, must-revalidate',
  private: 'private, no-store',
} as const;

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The response cache's key for a request it may answer: a GET or POST (see ./response-cache.ts);
 * undefined for everything else. The caller is not part of it: only callers who read what the
 * public reads get here (`readsAsPublic`).
 */
export function responseCacheKeyOf(
  deps: AppDeps,
  req: IncomingMessage,
  url: URL,
  body: unknown,
  /** `extensions.persistedQuery.sha256Hash` (APQ): a request by hash alone is keyed by it. */
  persistedHash?: string,
): string | undefined {
  if (!deps.responseCache.enabled) return undefined;
  // The hash names the document as surely as its text: Apollo refuses a text that does not match.
  const byHash = persistedHash === undefined ? undefined : `sha256:${persistedHash}`;
  const accept = req.headers.accept ?? '';
  if (req.method === 'POST') {
    if (!body || typeof body !== 'object') return undefined;
    const { query: text, operationName, variables, extensions } = body as Record<string, unknown>;
    const query = typeof text === 'string' ? text : byHash;
    if (query === undefined) return undefined;
    return responseCacheKey({ query, operationName, variables, extensions, accept });
  }
  const query = url.searchParams.get('query') ?? byHash;
  if (query === undefined) return undefined;
  return responseCacheKey({
    query,
    operationName: url.searchParams.get('operationName'),
    variables: url.searchParams.get('variables'),
    extensions: url.searchParams.get('extensions'),
    accept,
  });
}

export function writeCachedResponse(req: IncomingMessage, res: ServerResponse, cached: CachedResponse): void {
  const outHeaders: Record<string, string> = {
    'content-type': cached.contentType,
    vary: 'Accept, Authorization, X-Contest-Token',
    etag: cached.etag,
    'cache-control': CACHE_CONTROL[cached.level],
  };
  if (req.method !== 'POST' && matchesEtag(req.headers['if-none-match'], cached.etag)) {
    const { 'content-type': _type, ...notModified } = outHeaders;
    res.writeHead(304, notModified);
    res.end();
    return;
  }
  outHeaders['content-length'] = String(Buffer.byteLength(cached.body));
  res.writeHead(200, outHeaders);
  res.end(req.method === 'HEAD' ? undefined : cached.body);
}

/**
 * Writes Apollo's answer: an error-free query answer that is not private gets its ETag and
 * Cache-Control (and is kept in the response cache when `cacheAs` says under which key); anything
 * else is `private, no-store`.
 */
export function writeGraphQLResponse(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  response: HTTPGraphQLResponse,
  context: GraphQLContext | undefined,
  cacheAs: { key: string; generation: number } | undefined,
): void {
  const status = response.status ?? 200;
  const outHeaders: Record<string, string> = {};
  for (const [key, value] of response.headers) outHeaders[key] = value;
  outHeaders.vary = 'Accept, Authorization, X-Contest-Token';
  if (response.body.kind !== 'complete') {
    res.writeHead(status, { ...outHeaders, 'cache-control': 'no-store' });
    (async () => {
      if (response.body.kind === 'chunked')
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    })().catch(() => res.destroy());
    return;
  }
  const text = response.body.string;
  const isQuery = context?.http.operationType === 'query';
  // Apollo writes `errors` first when there are any (see errorCodesOf in graphql-handler.ts): an
  // answer is not searched through, and an alias named `errors` inside `data` is not taken for them.
  const hasErrors = text.startsWith('{"errors"');
  if (status === 200 && isQuery && !hasErrors && context && context.cache.level !== 'private') {
    const etag = etagOf(text);
    outHeaders.etag = etag;
    outHeaders['cache-control'] = CACHE_CONTROL[context.cache.level];
    if (cacheAs !== undefined) {
      const contentType = outHeaders['content-type'] ?? 'application/json; charset=utf-8';
      deps.responseCache.set(
        cacheAs.key,
        {
          body: text,
          contentType,
          etag,
          level: context.cache.level,
          operationName: context.http.operationName ?? null,
        },
        cacheAs.generation,
      );
    }
    if (req.method !== 'POST' && matchesEtag(req.headers['if-none-match'], etag)) {
      delete outHeaders['content-type'];
      delete outHeaders['content-length'];
      res.writeHead(304, outHeaders);
      res.end();
      return;
    }
  } else {
    outHeaders['cache-control'] = CACHE_CONTROL.private;
  }
  outHeaders['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, outHeaders);
  res.end(req.method === 'HEAD' ? undefined : text);
}
