/**
 * The process's Prometheus metrics (prom-client), one registry per AppDeps so that two servers in
 * one process (tests) never share or collide. The HTTP layer counts requests; services time their
 * long operations with `startTimer`; `GET /metrics` serves the registry (../http/metrics-endpoint.ts).
 *
 * Database pool: neither postgres.js 3.4 nor PGlite exposes its connections in use or its waiting
 * queries, so the configured pool size and the requests in flight are reported instead; for the
 * connections themselves ask PostgreSQL (`pg_stat_activity where application_name = 'ranking-api'`).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Operations timed by the services. */
export type TimedOperation = 'edition_compute' | 'evidence_import';

/** Distinct GraphQL operation names kept as label values; later ones are counted as `(other)`. */
const MAX_OPERATION_NAMES = 200;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export interface MetricsSources {
  /** The configured size of the database pool (1 for PGlite). */
  poolMax: number;
  /** The response cache's size now. */
  responseCache: () => { entries: number; bytes: number };
  /** The row cache's size now (lib/row-cache.ts). */
  rowCache?: () => { entries: number; bytes: number };
}

export class Metrics {
  readonly registry = new Registry();
  readonly #operationNames = new Set<string>();
  #defaultsCollected = false;

  readonly requests = new Counter({
    name: 'ranking_http_requests_total',
    help: 'HTTP requests answered, by route, GraphQL operation name and status code',
    labelNames: ['route', 'operation', 'status'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'ranking_http_request_duration_seconds',
    help: 'Time from a request to its answer, by route and GraphQL operation name',
    labelNames: ['route', 'operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [this.registry],
  });

  readonly inFlight = new Gauge({
    name: 'ranking_http_requests_in_flight',
    help: 'Requests being answered now',
    registers: [this.registry],
  });

  readonly responseCacheLookups = new Counter({
    name: 'ranking_response_cache_lookups_total',
    help: 'Response cache lookups (anonymous and read-only key requests), by result (hit or miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly #durations: Record<TimedOperation, Histogram> = {
    edition_compute: new Histogram({
      name: 'ranking_edition_compute_duration_seconds',
      help: 'Duration of edition computations (scoring, sensitivity, snapshot), failed ones included',
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [this.registry],
    }),
    evidence_import: new Histogram({
      name: 'ranking_evidence_import_duration_seconds',
      help: 'Duration of evidence imports (CSV), refused and dry runs included',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [this.registry],
    }),
  };

  constructor(sources: MetricsSources) {
    new Gauge({
      name: 'ranking_db_pool_max',
      help: 'Configured database connections (PGlite: 1); the drivers do not expose how many are in use',
      registers: [this.registry],
      collect() {
        this.set(sources.poolMax);
      },
    });
    new Gauge({
      name: 'ranking_response_cache_entries',
      help: 'Answers kept by the response cache',
      registers: [this.registry],
      collect() {
        this.set(sources.responseCache().entries);
      },
    });
    new Gauge({
      name: 'ranking_response_cache_bytes',
      help: 'Bytes kept by the response cache',
      registers: [this.registry],
      collect() {
        this.set(sources.responseCache().bytes);
      },
    });
    const rowCache = sources.rowCache;
    if (rowCache) {
      new Gauge({
        name: 'ranking_row_cache_entries',
        help: 'Rows (or row lists) kept by the row cache',
        registers: [this.registry],
        collect() {
          this.set(rowCache().entries);
        },
      });
      new Gauge({
        name: 'ranking_row_cache_bytes',
        help: 'Estimated bytes kept by the row cache',
        registers: [this.registry],
        collect() {
          this.set(rowCache().bytes);
        },
      });
    }
  }

  /** Starts timing an operation; call the result when it ends, however it ends. */
  startTimer(operation: TimedOperation): () => void {
    const end = this.#durations[operation].startTimer();
    return () => {
      end();
    };
  }

  /**
   * A GraphQL operation name as a label value: client-chosen, so only well-formed names, and only
   * so many distinct ones (a label value is a time series kept forever).
   */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!GRAPHQL_NAME.test(name)) return '(invalid)';
    if (this.#operationNames.has(name)) return name;
    if (this.#operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.#operationNames.add(name);
    return name;
  }

  /** Node.js process metrics (CPU, memory, event loop lag, GC), once per registry: for servers, not CLI runs. */
  collectProcessMetrics(): void {
    if (this.#defaultsCollected) return;
    this.#defaultsCollected = true;
    collectDefaultMetrics({ register: this.registry });
  }
}
