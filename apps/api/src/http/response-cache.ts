/**
 * In-process cache of complete GraphQL responses to queries, by their cache level (see CachePolicy
 * in ../context.ts): answers that read only published editions — `immutable` ones (a revision named
 * by id or number) for an hour, `published` ones (a year's default revision) for a minute, as their
 * Cache-Control allows any proxy; a published ranking is the API's most requested and most expensive
 * answer, and the database refuses to change it (RK001).
 *
 * One entry answers every caller who reads what the public reads: anonymous callers, and API keys
 * whose scopes let them read nothing more (`readsAsPublic`; their requests are still counted against
 * the key's rate limit first). The caller is no part of the key. Nothing that depends on the caller is
 * kept: never a `private` answer (the viewer, people, review notes: the field read rules in
 * ../graphql/field-rules.ts; drafts), and nothing for a session or a key that may read drafts, whose
 * answers may differ from the public's and which are never looked up either. `public` answers (data
 * that changes: projects, organizations, evidence) are kept only while the database's change
 * announcements are followed, for 10 s at most. Every committed change empties the cache: those made
 * through this process at once (lib/transaction.ts), those of other processes (a second API
 * instance, the CLI) when the database announces them (migration 0004, followed by the HTTP server) —
 * and were an announcement lost, no answer outlives its time above.
 *
 * Bounded by bytes, least recently used first out (lru-cache).
 */
import { createHash } from 'node:crypto';
import { ANONYMOUS_SCOPES, type Scope } from '@ranking/contracts';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../auth/actor';
import { type CacheLevel, MAX_AGE_SECONDS } from '../cache-policy';

/**
 * Whether the caller reads exactly what an anonymous caller reads, so that the shared cache may
 * answer it and keep its answers: anonymous callers, and API keys holding no scope beyond theirs. A
 * key with any other scope — even one that only writes — is left out: a service may show a scope
 * holder more without marking the answer private, and only identical rights make that impossible.
 */
export function readsAsPublic(actor: Actor): boolean {
  if (actor.kind === 'anonymous') return true;
  const publicScopes: readonly Scope[] = ANONYMOUS_SCOPES;
  return actor.kind === 'api_key' && actor.scopes.every((scope) => publicScopes.includes(scope));
}

/**
 * Seconds a response of each cacheable level may be kept: the max-age of its Cache-Control for
 * published editions; for `public` answers (projects, organizations, evidence: data that changes)
 * only while the database's change announcements are followed (`followsChanges`), which empty the
 * cache at every change — the 10 s only bound an announcement that would not arrive.
 */
export const CACHEABLE_SECONDS: Partial<Record<CacheLevel, number>> = {
  ...MAX_AGE_SECONDS,
  public: 10,
};

export interface CachedResponse {
  body: string;
  contentType: string;
  etag: string;
  level: CacheLevel;
  /** The GraphQL operation's name (null: anonymous), for the logs and metrics of the requests it answers. */
  operationName?: string | null;
  /** Epoch milliseconds after which the entry is not served. */
  expiresAt: number;
}

/** What identifies a request's answer for an anonymous caller. */
export interface CacheKeyParts {
  query: string;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
  /** The negotiated media type depends on it. */
  accept: string;
}

export function responseCacheKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        parts.query,
        parts.operationName ?? null,
        parts.variables ?? null,
        parts.extensions ?? null,
        parts.accept,
      ]),
    )
    .digest('base64url');
}

/** What an entry costs: its body, its key and a fixed allowance for the rest. */
const entryBytes = (key: string, response: CachedResponse) =>
  Buffer.byteLength(response.body) + key.length + 256;

export class ResponseCache {
  /** Absent when the cache is off (0 bytes). */
  readonly #entries: LRUCache<string, CachedResponse> | undefined;
  #generation = 0;
  /** Whether every committed change reaches `clear()` (the HTTP server's listener is up). */
  followsChanges = false;

  /** Increases with every `clear()`: an answer computed across a change is not kept. */
  get generation(): number {
    return this.#generation;
  }

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    if (maxBytes <= 0) return;
    this.#entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      // Not one larger than an eighth of the cache: it would push out many smaller answers.
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (response, key) => entryBytes(key, response),
      // Each entry's ttl is given when it is set; the clock is ours (tests move it), read every time.
      perf: { now: () => this.now() },
      ttlResolution: 0,
    });
  }

  get enabled(): boolean {
    return this.#entries !== undefined;
  }

  get size(): number {
    return this.#entries?.size ?? 0;
  }

  get bytes(): number {
    return this.#entries?.calculatedSize ?? 0;
  }

  /** A fresh entry (and marks it recently used), or undefined. */
  get(key: string): CachedResponse | undefined {
    const entry = this.#entries?.get(key);
    if (!entry) return undefined;
    // lru-cache counts an entry stale only once its age exceeds the ttl; at `expiresAt` it is not
    // served either (a clock at 0 also reads as "no ttl" to lru-cache).
    if (entry.expiresAt <= this.now()) {
      this.#entries?.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * Keeps a response of a cacheable level, computed by a request that started at `generation`; not
   * one larger than an eighth of the cache, nor one whose request overlapped a change.
   */
  set(key: string, response: Omit<CachedResponse, 'expiresAt'>, generation = this.#generation): void {
    const seconds = CACHEABLE_SECONDS[response.level];
    if (!this.#entries || seconds === undefined || generation !== this.#generation) return;
    if (response.level === 'public' && !this.followsChanges) return;
    const ttl = seconds * 1000;
    this.#entries.set(key, { ...response, expiresAt: this.now() + ttl }, { ttl });
  }

  delete(key: string): void {
    this.#entries?.delete(key);
  }

  clear(): void {
    this.#generation++;
    this.#entries?.clear();
  }
}
