/**
 * Prepared what-if models and rank-bounds reports, kept per process in a bounded LRU: preparing a
 * model reads the whole dimension (one row per project) and a rank-bounds search re-ranks it many
 * times, while a published edition never changes. Keys name the edition's id (one per revision) and
 * when it was computed, so a recomputed draft never meets its old model.
 */
import type { RankBoundsReport, WhatIfModel } from '@ranking/scoring';
import { LRUCache } from 'lru-cache';

export interface PreparedDimension {
  model: WhatIfModel;
  /** Project id by slug (the model speaks slugs). */
  projectIds: Map<string, number>;
}

type Entry = PreparedDimension | RankBoundsReport;

/** At most this many bytes of models and reports (their float arrays, roughly). */
const MAX_BYTES = 256 * 1024 * 1024;

/** Bytes an entry holds, roughly: its typed arrays and per-project objects. */
function sizeOf(entry: Entry): number {
  if ('model' in entry) {
    const { model } = entry;
    // The leaf matrix, the scratch matrix of whatIf (nodes × n), scores and ranks; ~100 B per slug.
    return model.leaves.byteLength + model.dimension.nodeCount * model.n * 8 + model.n * 120 + 1024;
  }
  return entry.entries.length * (200 + entry.weights.length * 80) + 1024;
}

export class WhatIfCache {
  readonly #entries = new LRUCache<string, Entry>({
    max: 500,
    maxSize: MAX_BYTES,
    sizeCalculation: (entry) => Math.max(1, sizeOf(entry)),
  });

  /** The prepared dimension under `key`, preparing it (once, for concurrent callers too) when absent. */
  async model(key: string, prepare: () => Promise<PreparedDimension>): Promise<PreparedDimension> {
    return this.#getOrCreate(`model:${key}`, prepare) as Promise<PreparedDimension>;
  }

  /** The rank-bounds report under `key`, computing it when absent. */
  async bounds(key: string, compute: () => Promise<RankBoundsReport>): Promise<RankBoundsReport> {
    return this.#getOrCreate(`bounds:${key}`, compute) as Promise<RankBoundsReport>;
  }

  readonly #pending = new Map<string, Promise<Entry>>();

  async #getOrCreate(key: string, create: () => Promise<Entry>): Promise<Entry> {
    const found = this.#entries.get(key);
    if (found) return found;
    const running = this.#pending.get(key);
    if (running) return running;
    const pending = create().then((entry) => {
      this.#entries.set(key, entry);
      return entry;
    });
    this.#pending.set(key, pending);
    try {
      return await pending;
    } finally {
      this.#pending.delete(key);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
