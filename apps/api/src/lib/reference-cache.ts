/**
 * The small, rarely changing rows nearly every public request reads — the list of editions and the
 * indicator rows — kept per process, so that a ranking page costs one statement (its results)
 * instead of three. Emptied by every change this process commits (lib/transaction.ts) and by every
 * change any process commits, announced by the database (migration 0004, `listenForChanges`,
 * started with the HTTP server).
 *
 * A load that was already running when the cache was emptied is not kept: it may have read the rows
 * from before the change (`generation` tells). Should announcements not arrive (the listening
 * connection is down), nothing is kept longer than `maxAgeMs` (default 5 s).
 */
import type { EditionRow } from '../modules/editions/model';
import type { IndicatorRow } from '../modules/methodology/store';

export class ReferenceCache {
  #generation = 0;
  #editions: Promise<EditionRow[]> | undefined;
  readonly #indicators = new Map<string, IndicatorRow | null>();
  /** When the oldest row kept was read (epoch ms), if any. */
  #since: number | undefined;

  constructor(
    private readonly maxAgeMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Empties the cache when what it holds is older than `maxAgeMs`; notes the time of a first fill. */
  #age(): void {
    const now = this.now();
    if (this.#since !== undefined && now - this.#since >= this.maxAgeMs) this.clear();
    this.#since ??= now;
  }

  /** Increases with every `clear()`. */
  get generation(): number {
    return this.#generation;
  }

  clear(): void {
    this.#generation++;
    this.#editions = undefined;
    this.#indicators.clear();
    this.#since = undefined;
  }

  /** Every edition (as `load` reads them), loaded once until the next change. */
  editions(load: () => Promise<EditionRow[]>): Promise<EditionRow[]> {
    this.#age();
    if (this.#editions) return this.#editions;
    const pending = load();
    this.#editions = pending;
    // A failed load is not kept.
    pending.catch(() => {
      if (this.#editions === pending) this.#editions = undefined;
    });
    return pending;
  }

  /** Indicator rows by key (null for an unknown key); `load` reads the keys not yet kept. */
  async indicators(
    keys: readonly string[],
    load: (missing: string[]) => Promise<IndicatorRow[]>,
  ): Promise<(IndicatorRow | null)[]> {
    this.#age();
    const answer = new Map<string, IndicatorRow | null>();
    const missing: string[] = [];
    for (const key of keys) {
      if (this.#indicators.has(key)) answer.set(key, this.#indicators.get(key) ?? null);
      else missing.push(key);
    }
    if (missing.length > 0) {
      const generation = this.#generation;
      const found = new Map((await load(missing)).map((row) => [row.key, row]));
      for (const key of missing) answer.set(key, found.get(key) ?? null);
      if (generation === this.#generation)
        for (const key of missing) this.#indicators.set(key, answer.get(key) ?? null);
    }
    return keys.map((key) => answer.get(key) ?? null);
  }
}
