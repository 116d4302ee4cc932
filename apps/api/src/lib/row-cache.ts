/**
 * Rows shared by every request of the process: the ranking rows of an edition (with their projects),
 * the evidence rows behind them, projects' organizations and a project's results in an edition. A
 * caller who may read drafts is never answered from the response cache, so without this every one of
 * its requests would read and parse these rows again (BENCHMARKS.md, "Partner workload").
 *
 * Rows, not answers: what a caller may see is still decided per request by the services (an edition's
 * visibility, the evidence the caller may see), over the same rows the database would return. The
 * caller is no part of any key.
 *
 * Emptied, like the response cache, by every change this process commits (lib/transaction.ts) and by
 * every change any process commits, announced by the database (migration 0004, `listenForChanges`,
 * started with the HTTP server); a load that was running when the cache was emptied is not kept (it
 * may have read the rows from before the change). Without the announcements (`followsChanges` false:
 * no HTTP server, or `DB_POOL_MODE=transaction`) nothing is kept longer than `maxAgeMs` (5 s).
 *
 * Bounded by an estimate of the bytes its rows hold (`ROW_CACHE_MB`), least recently used first out;
 * `0` turns it off (every read goes to the database).
 */
import { LRUCache } from 'lru-cache';

/** How long a row is kept when changes are not followed. */
export const UNFOLLOWED_MAX_AGE_MS = 5_000;

interface Entry {
  value: unknown;
  bytes: number;
}

/**
 * A rough estimate of the memory a row holds: twice its JSON length (strings are UTF-16 in V8) plus
 * a fixed allowance per row. Computed once, when the row is kept.
 */
export function approximateBytes(value: unknown): number {
  try {
    return 2 * (JSON.stringify(value)?.length ?? 0) + 64;
  } catch {
    // Not JSON (a bigint, a cycle): a generous guess rather than a failed read.
    return 4096;
  }
}

export class RowCache {
  /** Absent when the cache is off (0 bytes). */
  readonly #entries: LRUCache<string, Entry> | undefined;
  #generation = 0;
  #followsChanges = false;
  readonly #derived = new WeakMap<object, { generation: number; version: number; value: unknown }>();

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = UNFOLLOWED_MAX_AGE_MS,
  ) {
    if (maxBytes <= 0) return;
    this.#entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      // Not one larger than a quarter of the cache: it would push out everything else.
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
      sizeCalculation: (entry, key) => entry.bytes + 2 * key.length,
      // The clock is ours (tests move it), read every time.
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

  /** Increases with every `clear()`: rows read across a change are not kept. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Whether every committed change reaches `clear()` (the HTTP server's listener is up). Rows are then
   * kept until a change; otherwise for `maxAgeMs`. Either way round, what is kept is dropped.
   */
  get followsChanges(): boolean {
    return this.#followsChanges;
  }

  set followsChanges(value: boolean) {
    if (value === this.#followsChanges) return;
    this.#followsChanges = value;
    this.clear();
  }

  clear(): void {
    this.#generation++;
    this.#entries?.clear();
  }

  /**
   * What `build` makes from a kept row (or a part of one), made once while nothing changed: kept rows
   * are the same objects for every request, so what is derived from them (a ranking entry's scores,
   * the evidence rows behind it) is kept by the object itself until the next `clear()` — or until
   * `version` differs from the one it was made at (for what also depends on other caches). An
   * undefined result is not kept. Freed with the object.
   */
  derived<T>(from: object, build: () => T, version = 0): T {
    const kept = this.#derived.get(from);
    if (kept && kept.generation === this.#generation && kept.version === version) return kept.value as T;
    const value = build();
    if (value !== undefined) this.#derived.set(from, { generation: this.#generation, version, value });
    return value;
  }

  /** The row kept under `key` (marked recently used), or undefined. */
  get<V>(key: string): V | undefined {
    return this.#entries?.get(key)?.value as V | undefined;
  }

  /**
   * Keeps `value` (of about `bytes`) under `key`, read by a load that started at `generation`: not
   * when a change came in between, nor when the cache is off.
   */
  set(key: string, value: unknown, generation: number, bytes = approximateBytes(value)): void {
    if (!this.#entries || generation !== this.#generation) return;
    this.#entries.set(key, { value, bytes }, this.#followsChanges ? {} : { ttl: this.maxAgeMs });
  }

  /**
   * The rows of `keys` (by `prefix + key`) when every one is kept, else undefined: no promise, for
   * fields resolved thousands of times per answer.
   */
  peekMany<V>(prefix: string, keys: readonly (string | number)[]): V[] | undefined {
    if (!this.#entries) return undefined;
    const answer: V[] = new Array(keys.length);
    for (const [i, key] of keys.entries()) {
      const entry = this.#entries.get(prefix + key);
      if (!entry) return undefined;
      answer[i] = entry.value as V;
    }
    return answer;
  }

  /**
   * The rows of `keys` (by `prefix + key`), reading the ones not kept with one call of `load`, which
   * answers in the order of the keys it is given; those are then kept (see `set`).
   */
  async many<K extends string | number, V>(
    prefix: string,
    keys: readonly K[],
    load: (missing: K[]) => Promise<readonly V[]>,
  ): Promise<V[]> {
    if (!this.#entries) return [...(await load([...keys]))];
    const answer: V[] = new Array(keys.length);
    const missing: K[] = [];
    const positions: number[] = [];
    for (const [i, key] of keys.entries()) {
      const entry = this.#entries.get(prefix + key);
      if (entry) answer[i] = entry.value as V;
      else {
        missing.push(key);
        positions.push(i);
      }
    }
    if (missing.length === 0) return answer;
    const generation = this.#generation;
    const loaded = await load(missing);
    for (const [j, key] of missing.entries()) {
      const value = loaded[j] as V;
      answer[positions[j] ?? 0] = value;
      this.set(prefix + key, value, generation);
    }
    return answer;
  }
}
