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
});

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
  if (!parsed.success) {
    throw new CollectorConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
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
  });
}
