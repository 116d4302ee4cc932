/**
 * The result of checking one evidence source link, shaped to be stored as one row of a link's check
 * history and shown as `Evidence.link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }`.
 */

/**
 * - `OK`: the URL answered 2xx itself.
 * - `REDIRECTED`: 2xx at the end of one or more redirects (see `redirects`, `finalUrl`).
 * - `BROKEN`: 404 or 410, or redirects ending on a generic page (the site's root, a login or
 *   not-found page: ./generic-page.ts).
 * - `UNREACHABLE`: no answer confirming the page — resolution failure, TLS error, timeout,
 *   connection refused or reset, 5xx or 429 after retries, a redirect loop or too many redirects,
 *   401/403 after the GET fallback, any other status.
 * - `UNCHECKED`: not requested — the SSRF rule refused the address, or the URL is not http(s) or not
 *   a URL; `errorKind` says which (`ssrf`, `scheme`, `invalid_url`).
 */
export type LinkStatus = 'OK' | 'REDIRECTED' | 'BROKEN' | 'UNREACHABLE' | 'UNCHECKED';

export type LinkErrorKind =
  | 'invalid_url'
  | 'scheme'
  | 'ssrf'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'network'
  | 'not_found'
  | 'generic_redirect'
  | 'http_status'
  | 'rate_limited'
  | 'redirect_loop'
  | 'too_many_redirects';

/** One redirect followed: the URL requested and the 3xx status it answered. */
export interface LinkRedirect {
  url: string;
  status: number;
}

export interface LinkCheck {
  /** The link as given. */
  url: string;
  status: LinkStatus;
  /** The last HTTP status received; null when no answer was received. */
  httpStatus: number | null;
  /** The last URL requested (after redirects); null when nothing was requested. */
  finalUrl: string | null;
  redirects: LinkRedirect[];
  checkedAt: Date;
  /** The method of the last request: HEAD, or GET where HEAD was refused. */
  method?: 'HEAD' | 'GET';
  /** Why the link is not OK / REDIRECTED, for people. */
  error?: string;
  /** The same, as a word for code. */
  errorKind?: LinkErrorKind;
  /** A Wayback Machine copy (./wayback.ts) and when it was captured. */
  archivedUrl?: string;
  archivedAt?: Date;
}

/**
 * Where checks are kept so a link is not checked twice within `linkCheckMaxAgeMs`. The in-memory
 * store below is the default; the API's store keeps a history per evidence item in the database.
 * Keys are `linkKey(url)`.
 */
export interface LinkCheckStore {
  /** The most recent check of a link, if any. */
  latest(key: string): Promise<LinkCheck | undefined> | LinkCheck | undefined;
  save(key: string, check: LinkCheck): Promise<void> | void;
}

export class MemoryLinkCheckStore implements LinkCheckStore {
  private readonly checks = new Map<string, LinkCheck>();

  latest(key: string): LinkCheck | undefined {
    return this.checks.get(key);
  }

  save(key: string, check: LinkCheck): void {
    this.checks.set(key, check);
  }
}

/**
 * The cache key of a link: the URL as the WHATWG parser normalises it (scheme and host lower-cased,
 * default port dropped, dot segments resolved) without its fragment, which never reaches the server.
 * Text that is not a URL is its own key.
 */
export function linkKey(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
