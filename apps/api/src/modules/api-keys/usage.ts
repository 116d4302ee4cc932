/**
 * Usage per API key without a database write per request: each process counts in memory per key,
 * UTC day, metric and name (requests, errors, rate-limited requests, operations by name or document
 * hash, deprecated fields read) and adds its counts to `api_key_usage` every
 * `API_KEY_USAGE_FLUSH_MS` and when the server closes (`INSERT … ON CONFLICT DO UPDATE SET count =
 * count + excluded.count`), so several API processes add up. A failed flush keeps its counts for the
 * next one.
 */
import type { ApiKeyUsageMetric, Executor } from '@ranking/schema';
import { addUsageCounts, type UsageCount } from './store';

/** Distinct counters kept between flushes; beyond them, new operation and field names count as `(other)`. */
export const MAX_PENDING_USAGE_COUNTERS = 10_000;
/** The name counted for operations and fields beyond MAX_PENDING_USAGE_COUNTERS. */
export const OTHER_NAME = '(other)';

/** What one request of a key did. */
export interface KeyRequest {
  apiKeyId: number;
  at: Date;
  /** The operation's name, or its document's hash when anonymous; absent when none was resolved. */
  operation?: string | null | undefined;
  /** The answer carried errors (or a status of 400 and more), rate-limited ones included. */
  error: boolean;
  rateLimited: boolean;
  /** `Type.field` of each deprecated field the document reads (each once). */
  deprecatedFields?: readonly string[] | undefined;
}

export class ApiKeyUsageRecorder {
  #pending = new Map<string, UsageCount>();

  /** Counters waiting for the next flush. */
  get pending(): number {
    return this.#pending.size;
  }

  record(request: KeyRequest): void {
    const day = request.at.toISOString().slice(0, 10);
    const add = (metric: ApiKeyUsageMetric, name = '') => this.#add(request.apiKeyId, day, metric, name, 1);
    add('requests');
    if (request.error) add('errors');
    if (request.rateLimited) add('rate_limited');
    if (request.operation) add('operation', request.operation);
    for (const field of request.deprecatedFields ?? []) add('deprecated_field', field);
  }

  #add(apiKeyId: number, day: string, metric: ApiKeyUsageMetric, name: string, count: number): void {
    let key = `${apiKeyId} ${day} ${metric} ${name}`;
    let entry = this.#pending.get(key);
    if (!entry && name !== '' && this.#pending.size >= MAX_PENDING_USAGE_COUNTERS) {
      name = OTHER_NAME;
      key = `${apiKeyId} ${day} ${metric} ${name}`;
      entry = this.#pending.get(key);
    }
    if (entry) entry.count += count;
    else this.#pending.set(key, { apiKeyId, day, metric, name, count });
  }

  /**
   * Adds the pending counts to the database (one statement) and forgets them; when that fails they
   * are kept for the next flush and the error is thrown. Flushes do not overlap.
   */
  flush(db: Executor): Promise<number> {
    this.#flushing = this.#flushing.then(async () => {
      const counts = [...this.#pending.values()];
      this.#pending = new Map();
      try {
        await addUsageCounts(db, counts);
      } catch (error) {
        for (const c of counts) this.#add(c.apiKeyId, c.day, c.metric, c.name, c.count);
        throw error;
      }
      return counts.length;
    });
    const result = this.#flushing;
    this.#flushing = result.catch(() => 0);
    return result;
  }

  #flushing: Promise<number> = Promise.resolve(0);
}

/** Flushes every `everyMs` (unref'd timer); `stop()` ends the schedule and flushes what is left. */
export function startUsageFlush(
  recorder: ApiKeyUsageRecorder,
  db: Executor,
  everyMs: number,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  const timer = setInterval(() => {
    if (recorder.pending > 0) recorder.flush(db).catch(onError);
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await recorder.flush(db).catch(onError);
    },
  };
}
