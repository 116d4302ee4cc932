/**
 * The contract every collector implements. A collector turns a project's source identifiers into
 * observations (one indicator value with its provenance) or findings (why a value could not be
 * collected). It does no database work: the caller stores what it yields.
 */
import type { CollectorConfig } from './config';

/** The collectors, one per upstream service (`ranking collect --source <name>`). */
export const COLLECTOR_SOURCES = ['github', 'huggingface', 'pypi', 'openalex', 'depsdev'] as const;
export type CollectorSource = (typeof COLLECTOR_SOURCES)[number];

/**
 * The kinds of source identifier a project can list (`Project.sources { kind identifier }`).
 * - `github`: `OWNER/REPO`.
 * - `huggingface_model` / `huggingface_dataset`: `ORG/NAME` for one repository, or `ORG` alone for
 *   every public repository of that author (an organization's whole collection).
 * - `huggingface_collection`: a Hub collection `NAMESPACE/SLUG-ID` (as in
 *   `https://huggingface.co/collections/NAMESPACE/SLUG-ID`); its models and datasets count as if each
 *   were listed as `ORG/NAME` (its spaces, papers and nested collections are not counted).
 * - `pypi`: a PyPI distribution name (normalised as PEP 503 says).
 * - `doi`: a DOI (`10.xxxx/...`, with or without `https://doi.org/`); `arxiv`: an arXiv id (`2307.09288`).
 */
export const SOURCE_IDENTIFIER_KINDS = [
  'github',
  'huggingface_model',
  'huggingface_dataset',
  'huggingface_collection',
  'pypi',
  'doi',
  'arxiv',
] as const;
export type SourceIdentifierKind = (typeof SOURCE_IDENTIFIER_KINDS)[number];

export interface SourceIdentifier {
  kind: SourceIdentifierKind;
  identifier: string;
}

/** One project and every identifier it has upstream. */
export interface ProjectSources {
  /** The project's slug. */
  project: string;
  sources: SourceIdentifier[];
}

/**
 * The evidence source kind an observation is stored with; the same lower-case values as the evidence
 * table's `source_kind` (the GraphQL `SourceKind` enum spells them in upper case).
 */
export type EvidenceSourceKind = 'github' | 'huggingface' | 'pypi' | 'paper' | 'other';

/** The indicator keys of the `llm-oss-influence` methodology that collectors fill. */
export type CollectedIndicator =
  | 'github_stars'
  | 'github_forks'
  | 'commits_12m'
  | 'releases_12m'
  | 'contributors_12m'
  | 'issue_close_rate'
  | 'issue_first_response_hours'
  | 'organization_diversity'
  | 'hf_model_downloads_12m'
  | 'hf_dataset_downloads_12m'
  | 'hf_likes'
  | 'derivative_models'
  | 'derived_models'
  | 'package_downloads_12m'
  | 'dependent_repositories'
  | 'citations';

/** One upstream response that contributed to an observation. */
export interface ResponseRecord {
  /** The API URL that was requested (never carries a token). */
  requestUrl: string;
  /** The HTTP method; POST for GraphQL. */
  requestMethod: 'GET' | 'POST';
  /** The request body for POST requests (a GraphQL query and its variables), to replay it. */
  requestBody?: string;
  /** The HTTP status; 304 when a stored response was revalidated and reused. */
  responseStatus: number;
  /** Lower-case hex SHA-256 of `responseBody`. */
  responseSha256: string;
  /** The raw response bytes (for the caller to compress and keep; identical bodies share a hash). */
  responseBody: Uint8Array;
  /** When the response was received. */
  retrievedAt: Date;
}

/**
 * Where an observation comes from. The top-level request fields describe the first response that
 * contributed; `responses` lists every one of them, in order, when there were several (paginated
 * lists, several repositories summed).
 */
export interface Provenance extends ResponseRecord {
  collector: CollectorSource;
  collectorVersion: string;
  /** The upstream repositories, packages or works whose values were combined. */
  repositories?: string[];
  responses?: ResponseRecord[];
}

/** One indicator value for one project. */
export interface Observation {
  type: 'observation';
  project: string;
  indicator: CollectedIndicator;
  value: number;
  /** The retrieval date (UTC, `YYYY-MM-DD`): the date the value was true. */
  observedAt: string;
  /** The human page a reviewer opens to check the value (never an API URL). */
  sourceUrl: string;
  sourceKind: EvidenceSourceKind;
  /**
   * ISO 8601 duration the value covers when it is a count over a period (`P12M`, `P30D`, ...).
   * Absent for values that are totals at `observedAt` (stars, likes, citations).
   */
  window?: string;
  /** Where the value departs from the indicator's definition, or how it was derived. */
  note?: string;
  /** Numbers behind the value (numerator and denominator, per-relation counts, ...). */
  details?: Record<string, number | string>;
  provenance: Provenance;
}

/**
 * Why no value was collected for one identifier (or a warning next to values). A source that
 * answers "not found" yields a `not_found` finding, never a zero.
 * - `not_found`: the upstream does not know the identifier (or hides it).
 * - `renamed`: the upstream answered under another name (`renamedTo`); values were still collected.
 * - `no_data`: the identifier exists but the indicator is undefined (no issues opened in the window).
 * - `error`: anything else (HTTP errors after retries, malformed JSON, rate limits, missing token).
 */
export interface Finding {
  type: 'finding';
  project: string;
  source: CollectorSource;
  identifier: SourceIdentifier;
  kind: 'not_found' | 'renamed' | 'no_data' | 'error';
  message: string;
  indicator?: CollectedIndicator;
  renamedTo?: string;
  requestUrl?: string;
  responseStatus?: number;
}

export type CollectedItem = Observation | Finding;

/** Time, injectable so tests can drive rate-limit waits without real sleeps. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  source?: CollectorSource;
  url?: string;
  status?: number;
  waitMs?: number;
}

/** A stored response the HTTP layer may revalidate with `If-None-Match`. */
export interface CachedResponse {
  etag: string;
  body: Uint8Array;
}

/**
 * Conditional-request cache hook. `get` returns what was stored for a URL; on `304 Not Modified` the
 * collector reuses that body. `put` (optional) receives every new response that carried an ETag.
 */
export interface ConditionalCache {
  get(url: string): Promise<CachedResponse | undefined> | CachedResponse | undefined;
  put?(url: string, entry: CachedResponse): Promise<void> | void;
}

export interface CollectContext {
  config: CollectorConfig;
  clock: Clock;
  /** Aborting it stops the run: the iterator rejects with the signal's reason. */
  signal?: AbortSignal;
  log: (entry: LogEntry) => void;
  cache?: ConditionalCache;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
}

export interface Collector {
  readonly source: CollectorSource;
  /** Bumped whenever a definition or a request changes, so stored values say how they were made. */
  readonly version: string;
  /** The identifier kinds this collector reads; other identifiers of a project are ignored. */
  readonly identifierKinds: readonly SourceIdentifierKind[];
  /** The indicators it can yield. */
  readonly indicators: readonly CollectedIndicator[];
  collect(targets: readonly ProjectSources[], ctx: CollectContext): AsyncIterable<CollectedItem>;
}
