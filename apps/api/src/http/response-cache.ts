/**
 * In-process cache of complete GraphQL responses to anonymous queries, by their cache level (see
 * CachePolicy in ../context.ts): answers that read only published editions — `immutable` ones (a
 * revision named by id or number) for an hour, `published` ones (a year's default revision) for a
 * minute, as their Cache-Control allows any proxy; a published ranking is the API's most requested
 * and most expensive answer, and the database refuses to change it (RK001).
 *
 * Nothing that depends on the caller is kept: only requests without credentials are looked up or
 * stored, never a `private` answer. `public` answers (data that changes: projects, organizations,
 * evidence) are kept only while the database's change announcements are followed, for 10 s at most.
 * Every committed change empties the cache: those made through this process at once
 * (lib/transaction.ts), those of other processes (a second API instance, the CLI) when the database
 * announces them (migration 0004, followed by the HTTP server) — and were an announcement lost, no
 * answer outlives its time above.
 *
 * Bounded by bytes, least recently used first out.
 */
import { createHash } from 'node:crypto';
import { type CacheLevel, MAX_AGE_SECONDS } from '../context';

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

export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse & { bytes: number }>();
  #bytes = 0;
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
  ) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** A fresh entry (and marks it recently used), or undefined. */
  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.#bytes -= entry.bytes;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  /**
   * Keeps a response of a cacheable level, computed by a request that started at `generation`; not
   * one larger than an eighth of the cache, nor one whose request overlapped a change.
   */
  set(key: string, response: Omit<CachedResponse, 'expiresAt'>, generation = this.#generation): void {
    const seconds = CACHEABLE_SECONDS[response.level];
    if (!this.enabled || seconds === undefined || generation !== this.#generation) return;
    if (response.level === 'public' && !this.followsChanges) return;
    const bytes = Buffer.byteLength(response.body) + key.length + 256;
    if (bytes > this.maxBytes / 8) return;
    this.delete(key);
    this.#entries.set(key, { ...response, expiresAt: this.now() + seconds * 1000, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#bytes = 0;
  }
}
