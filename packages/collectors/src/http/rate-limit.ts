/**
 * Reading the rate-limit headers upstreams send, into "wait this long" numbers.
 *
 * - `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Sent with 429, 503 and GitHub's
 *   secondary rate limit (403).
 * - GitHub's primary limit: `x-ratelimit-remaining` and `x-ratelimit-reset` (UTC epoch seconds).
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * - The IETF draft `RateLimit` / `RateLimit-Policy` fields (draft-ietf-httpapi-ratelimit-headers-09)
 *   that Hugging Face sends, e.g. `RateLimit: "api";r=0;t=55` (r = remaining, t = seconds until the
 *   window resets) with `RateLimit-Policy: "fixed window";"api";q=500;w=300`.
 *   https://huggingface.co/docs/hub/rate-limits
 */

/** Milliseconds to wait from `Retry-After`, or undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: Date): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** GitHub's primary limit: the wait until `x-ratelimit-reset` when `x-ratelimit-remaining` is 0. */
export function githubResetWaitMs(headers: Headers, now: Date): number | undefined {
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  if (remaining === null || reset === null || Number(remaining) > 0) return undefined;
  const resetAt = Number(reset) * 1000;
  return Number.isFinite(resetAt) ? Math.max(0, resetAt - now.getTime()) : undefined;
}

/**
 * The IETF draft `RateLimit` field: the wait until the window resets when no request is left.
 * Several limits may be listed (comma-separated); the longest exhausted one wins.
 */
export function ietfRateLimitWaitMs(headers: Headers): number | undefined {
  const value = headers.get('ratelimit');
  if (!value) return undefined;
  let wait: number | undefined;
  for (const item of value.split(',')) {
    const params = new Map(
      item
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string | undefined]),
    );
    const remaining = Number(params.get('r'));
    const reset = Number(params.get('t'));
    if (remaining === 0 && Number.isFinite(reset)) wait = Math.max(wait ?? 0, reset * 1000);
  }
  // Older drafts used separate fields.
  if (wait === undefined && headers.get('ratelimit-remaining') === '0') {
    const reset = Number(headers.get('ratelimit-reset'));
    if (Number.isFinite(reset)) wait = reset * 1000;
  }
  return wait;
}

/** The wait a response asks for before the next request to the same host, if any. */
export function quotaExhaustedWaitMs(headers: Headers, now: Date): number | undefined {
  return githubResetWaitMs(headers, now) ?? ietfRateLimitWaitMs(headers);
}
