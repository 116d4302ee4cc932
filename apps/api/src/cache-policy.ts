/*
 * A request's cache level, in its own file so the response cache (which context.ts imports) can use
 * it without importing context.ts: see ARCHITECTURE.md, "Module boundaries".
 */

/**
 * How cacheable a response is, from most to least: `immutable` when it read only published
 * editions named by id or revision; `published` when it read published editions found as a year's
 * default revision (which moves when a correction is published); `public` when it read public data
 * that may change; `private` when it depends on the caller or on drafts.
 */
export type CacheLevel = 'immutable' | 'published' | 'public' | 'private';

const CACHE_ORDER: readonly CacheLevel[] = ['immutable', 'published', 'public', 'private'];

/** Seconds any cache may keep an answer of the levels that may be kept (its Cache-Control max-age). */
export const MAX_AGE_SECONDS = { immutable: 3600, published: 60 } as const;

export class CachePolicy {
  level: CacheLevel = 'immutable';
  /** Lowers the level; it never rises again within a request. */
  mark(level: CacheLevel): void {
    if (CACHE_ORDER.indexOf(level) > CACHE_ORDER.indexOf(this.level)) this.level = level;
  }
}
