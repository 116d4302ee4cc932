/**
 * Collector configuration. Packages never read `process.env`: the API validates its environment once
 * at boot by calling {@link collectorConfigFromEnv} and hands the result to the collectors.
 */
import { z } from 'zod';

export const COLLECTOR_ENV_DEFAULTS = {
  GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
  GITHUB_API_URL: 'https://api.github.com',
  HF_ENDPOINT: 'https://huggingface.co',
  PYPISTATS_URL: 'https://pypistats.org',
  OPENALEX_URL: 'https://api.openalex.org',
  DEPSDEV_URL: 'https://api.deps.dev',
  WAYBACK_URL: 'https://web.archive.org',
  WAYBACK_AVAILABILITY_URL: 'https://archive.org/wayback/available',
} as const;

export interface CollectorConfig {
  githubGraphqlUrl: string;
  githubApiUrl: string;
  /** Absent: GitHub's GraphQL API cannot be used (it always needs a token); REST runs anonymously. */
  githubToken?: string;
  hfEndpoint: string;
  /** Absent: anonymous Hugging Face rate limits. */
  hfToken?: string;
  pypistatsUrl: string;
  openalexUrl: string;
  depsdevUrl: string;
  /** Sent as `User-Agent` (GitHub refuses requests without one). */
  userAgent: string;
  /** Per attempt, until the whole body is read. */
  timeoutMs: number;
  /** Retries after a timeout, a network error or a 5xx answer (so `maxRetries + 1` attempts). */
  maxRetries: number;
  /** Waits asked by rate limits (429, GitHub's 403 limits) honoured per request before giving up. */
  maxRateLimitRetries: number;
  /** A rate limit asking to wait longer than this fails the request instead (error finding). */
  maxRateLimitWaitMs: number;
  /** First backoff step; doubles per retry, with jitter, capped at `maxBackoffMs`. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** Requests in flight per host at most. */
  hostConcurrency: number;
  /** Repositories per GitHub GraphQL request (aliases); GitHub's node limit allows well above 25. */
  githubBatchSize: number;
  /** Commit-history pages (100 commits each) read per repository for contributors. */
  githubMaxHistoryPages: number;
  /** Issues sampled per repository for the first-response time. */
  githubIssueSample: number;
  /** Unanswered issues count as this many hours (and issues younger than this are not sampled). */
  githubResponseCapHours: number;
  /** Items per page of a Hugging Face list (`limit`; the Hub pages with `Link: rel="next"`). */
  hfPageSize: number;
  /** Pages of a Hugging Face list (models of an author, derivatives) read at most. */
  hfMaxPages: number;
  /** Wayback Machine base URL: Save Page Now is `POST {waybackUrl}/save`, copies `{waybackUrl}/web/…`. */
  waybackUrl: string;
  /** The Wayback availability API (nearest existing snapshot of a URL). */
  waybackAvailabilityUrl: string;
  /** Internet Archive S3-style keys for Save Page Now; without both only existing snapshots are looked up. */
  waybackAccessKey?: string;
  waybackSecretKey?: string;
  /** Save Page Now status polls: interval, and how long a capture may take before giving up. */
  waybackPollIntervalMs: number;
  waybackMaxWaitMs: number;
  /** Lifts the SSRF address rule for link checks. Tests only; refused with NODE_ENV=production. */
  linkCheckAllowPrivate: boolean;
  /** Per request of a link check (each redirect hop and each retry is a request). */
  linkCheckTimeoutMs: number;
  /** Redirects followed per link at most. */
  linkCheckMaxRedirects: number;
  /** Requests in flight per host name at most (all ports of a host count together). */
  linkCheckHostConcurrency: number;
  /** A request to a host name is sent at least this long after the previous one to it was answered. */
  linkCheckHostDelayMs: number;
  /** Links checked at once (across hosts). */
  linkCheckConcurrency: number;
  /** Body bytes read from a GET (the fallback when HEAD is refused). */
  linkCheckMaxBodyBytes: number;
  /** A link checked less than this long ago is not checked again (the stored result is returned). */
  linkCheckMaxAgeMs: number;
  /** Retries of a request answered 429/500/502/503/504 or reset by the peer. */
  linkCheckMaxRetries: number;
  /** A `Retry-After` longer than this is not waited for: the link is reported rate limited. */
  linkCheckMaxRetryAfterMs: number;
}

export const COLLECTOR_DEFAULTS = {
  userAgent: 'oss-influence-ranking-collectors/0.1',
  timeoutMs: 30_000,
  maxRetries: 3,
  maxRateLimitRetries: 5,
  maxRateLimitWaitMs: 15 * 60_000,
  backoffBaseMs: 500,
  maxBackoffMs: 30_000,
  hostConcurrency: 4,
  githubBatchSize: 25,
  githubMaxHistoryPages: 100,
  githubIssueSample: 50,
  githubResponseCapHours: 720,
  hfPageSize: 100,
  hfMaxPages: 50,
  waybackPollIntervalMs: 5_000,
  waybackMaxWaitMs: 3 * 60_000,
  linkCheckAllowPrivate: false,
  linkCheckTimeoutMs: 15_000,
  linkCheckMaxRedirects: 10,
  linkCheckHostConcurrency: 2,
  linkCheckHostDelayMs: 1_000,
  linkCheckConcurrency: 16,
  linkCheckMaxBodyBytes: 64 * 1024,
  linkCheckMaxAgeMs: 24 * 3_600_000,
  linkCheckMaxRetries: 2,
  linkCheckMaxRetryAfterMs: 60_000,
} satisfies Partial<CollectorConfig>;

/** Builds a configuration from explicit values; everything not given takes its default. */
export function collectorConfig(values: Partial<CollectorConfig> = {}): CollectorConfig {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return {
    githubGraphqlUrl: COLLECTOR_ENV_DEFAULTS.GITHUB_GRAPHQL_URL,
    githubApiUrl: COLLECTOR_ENV_DEFAULTS.GITHUB_API_URL,
    hfEndpoint: COLLECTOR_ENV_DEFAULTS.HF_ENDPOINT,
    pypistatsUrl: COLLECTOR_ENV_DEFAULTS.PYPISTATS_URL,
    openalexUrl: COLLECTOR_ENV_DEFAULTS.OPENALEX_URL,
    depsdevUrl: COLLECTOR_ENV_DEFAULTS.DEPSDEV_URL,
    waybackUrl: COLLECTOR_ENV_DEFAULTS.WAYBACK_URL,
    waybackAvailabilityUrl: COLLECTOR_ENV_DEFAULTS.WAYBACK_AVAILABILITY_URL,
    ...COLLECTOR_DEFAULTS,
    ...defined,
  };
}

const httpUrl = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((value) => /^https?:\/\/[^/]/i.test(value) && URL.canParse(value), {
      message: `${name} must be an http(s) URL`,
    })
    // One form for every base URL, so `${base}/path` never doubles a slash.
    .transform((value) => value.replace(/\/+$/, ''));

/** Empty or blank tokens count as unset (a `GITHUB_TOKEN=` line in a .env file). */
const optionalToken = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

export const collectorEnvSchema = z.object({
  GITHUB_TOKEN: optionalToken,
  GITHUB_GRAPHQL_URL: httpUrl('GITHUB_GRAPHQL_URL', COLLECTOR_ENV_DEFAULTS.GITHUB_GRAPHQL_URL),
  GITHUB_API_URL: httpUrl('GITHUB_API_URL', COLLECTOR_ENV_DEFAULTS.GITHUB_API_URL),
  HF_TOKEN: optionalToken,
  HF_ENDPOINT: httpUrl('HF_ENDPOINT', COLLECTOR_ENV_DEFAULTS.HF_ENDPOINT),
  PYPISTATS_URL: httpUrl('PYPISTATS_URL', COLLECTOR_ENV_DEFAULTS.PYPISTATS_URL),
  OPENALEX_URL: httpUrl('OPENALEX_URL', COLLECTOR_ENV_DEFAULTS.OPENALEX_URL),
  DEPSDEV_URL: httpUrl('DEPSDEV_URL', COLLECTOR_ENV_DEFAULTS.DEPSDEV_URL),
  WAYBACK_URL: httpUrl('WAYBACK_URL', COLLECTOR_ENV_DEFAULTS.WAYBACK_URL),
  WAYBACK_AVAILABILITY_URL: httpUrl(
    'WAYBACK_AVAILABILITY_URL',
    COLLECTOR_ENV_DEFAULTS.WAYBACK_AVAILABILITY_URL,
  ),
  WAYBACK_ACCESS_KEY: optionalToken,
  WAYBACK_SECRET_KEY: optionalToken,
  LINK_CHECK_ALLOW_PRIVATE: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() ?? '')
    .refine((value) => ['', '0', '1', 'false', 'true'].includes(value), {
      message: 'LINK_CHECK_ALLOW_PRIVATE must be 1, true, 0, false or empty',
    })
    .transform((value) => value === '1' || value === 'true'),
});

/** Rules across variables, checked on the raw environment so they are listed with every other problem. */
function crossVariableIssues(
  env: Record<string, string | undefined>,
): { variable: string; message: string }[] {
  const issues: { variable: string; message: string }[] = [];
  const flag = env.LINK_CHECK_ALLOW_PRIVATE?.trim().toLowerCase();
  if ((flag === '1' || flag === 'true') && env.NODE_ENV === 'production') {
    issues.push({
      variable: 'LINK_CHECK_ALLOW_PRIVATE',
      message:
        'LINK_CHECK_ALLOW_PRIVATE is for tests only and is refused with NODE_ENV=production (it would let link checks reach private and loopback addresses)',
    });
  }
  const access = Boolean(env.WAYBACK_ACCESS_KEY?.trim());
  const secret = Boolean(env.WAYBACK_SECRET_KEY?.trim());
  if (access !== secret) {
    issues.push({
      variable: access ? 'WAYBACK_SECRET_KEY' : 'WAYBACK_ACCESS_KEY',
      message: 'WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY go together: set both or neither',
    });
  }
  return issues;
}

/** Every problem of a collector environment, one per variable. */
export class CollectorConfigError extends Error {
  readonly issues: { variable: string; message: string }[];

  constructor(issues: { variable: string; message: string }[]) {
    super(`invalid collector environment: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'CollectorConfigError';
    this.issues = issues;
  }
}

/**
 * Reads the collector variables from an environment object (the API passes `process.env`).
 * @throws {CollectorConfigError} listing every invalid variable (values are never echoed: a token
 *   pasted into a URL variable must not reach a log).
 */
export function collectorConfigFromEnv(env: Record<string, string | undefined>): CollectorConfig {
  const parsed = collectorEnvSchema.safeParse(env);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          variable: String(issue.path[0] ?? '?'),
          message: issue.message,
        }))),
    ...crossVariableIssues(env),
  ];
  if (!parsed.success || issues.length > 0) throw new CollectorConfigError(issues);
  const e = parsed.data;
  return collectorConfig({
    githubToken: e.GITHUB_TOKEN,
    githubGraphqlUrl: e.GITHUB_GRAPHQL_URL,
    githubApiUrl: e.GITHUB_API_URL,
    hfToken: e.HF_TOKEN,
    hfEndpoint: e.HF_ENDPOINT,
    pypistatsUrl: e.PYPISTATS_URL,
    openalexUrl: e.OPENALEX_URL,
    depsdevUrl: e.DEPSDEV_URL,
    waybackUrl: e.WAYBACK_URL,
    waybackAvailabilityUrl: e.WAYBACK_AVAILABILITY_URL,
    waybackAccessKey: e.WAYBACK_ACCESS_KEY,
    waybackSecretKey: e.WAYBACK_SECRET_KEY,
    linkCheckAllowPrivate: e.LINK_CHECK_ALLOW_PRIVATE,
  });
}
