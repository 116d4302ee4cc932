/**
 * Read replicas with read-your-writes. Reads may go to a streaming replica only when the replica has
 * replayed everything the reader must see: the write-ahead-log position (LSN) of the reader's own
 * last write (kept in `WritePositions`: per process, or shared through Redis by the API) and of every
 * change this process committed or heard announced (so caches emptied by a change never refill from
 * a replica that has not replayed it). Everything else — writes, LISTEN, the CLI — uses the primary.
 *
 * Each replica's replay position is asked (`pg_last_wal_replay_lsn()`) at most once per
 * `replayCacheMs`; a replica that fails a probe or a read is left out until a later probe succeeds.
 */
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from './db';

/** A write-ahead-log position as a number (`16/B374D848` → 0x16_B374D848). */
export type Lsn = bigint;

/** PostgreSQL's `pg_lsn` text (`X/Y`, hexadecimal halves) as a number. */
export function parseLsn(text: string): Lsn {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`not a WAL position: ${JSON.stringify(text)}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** Where each caller's last write ended, for `WRITE_POSITION_TTL_MS` after it. */
export interface WritePositions {
  readonly kind: string;
  get(caller: string): Promise<Lsn | undefined>;
  /** Keeps the larger of the stored and the given position. */
  record(caller: string, lsn: Lsn): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long a caller's write position is kept: replicas that lag further behind than this serve the
 * caller's reads without its write. Streaming replicas normally replay within milliseconds.
 */
export const WRITE_POSITION_TTL_MS = 60_000;

/** A position no replica reaches: the caller reads from the primary until the entry expires. */
export const UNKNOWN_POSITION: Lsn = (1n << 64n) - 1n;

/** Positions in this process's memory: another API process does not see them. */
export function memoryWritePositions(
  ttlMs = WRITE_POSITION_TTL_MS,
  now: () => number = Date.now,
): WritePositions {
  const entries = new Map<string, { lsn: Lsn; expires: number }>();
  return {
    kind: 'memory',
    async get(caller) {
      const entry = entries.get(caller);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(caller);
        return undefined;
      }
      return entry.lsn;
    },
    async record(caller, lsn) {
      const at = now();
      const current = entries.get(caller);
      const keep = current && current.expires > at && current.lsn > lsn ? current.lsn : lsn;
      entries.delete(caller);
      entries.set(caller, { lsn: keep, expires: at + ttlMs });
      // Oldest first (re-inserted on every write): drop the expired ones from the front.
      for (const [key, entry] of entries) {
        if (entry.expires > at) break;
        entries.delete(key);
      }
    },
    async close() {
      entries.clear();
    },
  };
}

export interface ReadReplica {
  /** How logs and metrics name it (`replica1`, …). */
  name: string;
  handle: DatabaseHandle;
}

export interface ReadRouterOptions {
  positions?: WritePositions;
  /** How long a replica's replay position is trusted before it is asked again. */
  replayCacheMs?: number;
  /** How long a probe may take before the replica counts as down. */
  probeTimeoutMs?: number;
  /** How long a replica that failed stays out before it is probed again. */
  downForMs?: number;
  now?: () => number;
}

/** Where one operation reads: the primary or a replica, named for logs and metrics. */
export interface ReadRoute {
  db: Database;
  target: string;
}

interface ReplicaState {
  replica: ReadReplica;
  up: boolean;
  /** Replayed position at the last successful probe. */
  lsn: Lsn;
  /** When the last probe ended (or failed). */
  checkedAt: number;
  probing?: Promise<void> | undefined;
}

export const PRIMARY_TARGET = 'primary';

/** Runs one query returning a single `pg_lsn` (as text) on a PostgreSQL handle. */
async function queryLsn(handle: DatabaseHandle, query: string): Promise<Lsn | undefined> {
  const result = await handle.db.execute(sql.raw(query));
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { lsn: unknown }[];
  const lsn = rows[0]?.lsn;
  return typeof lsn === 'string' ? parseLsn(lsn) : undefined;
}

const CURRENT_LSN = 'select pg_current_wal_lsn()::text as lsn';
/** On a primary named as a replica (or a promoted one) its own position counts: it has everything it wrote. */
const REPLAYED_LSN =
  'select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn';

export class ReadRouter {
  readonly positions: WritePositions;
  readonly #primary: DatabaseHandle;
  readonly #states: ReplicaState[];
  readonly #replayCacheMs: number;
  readonly #probeTimeoutMs: number;
  readonly #downForMs: number;
  readonly #now: () => number;
  /** Told when a replica goes down or comes back (the API logs it). */
  onStateChange: (replica: string, up: boolean, error?: unknown) => void = () => {};
  /** Every change this process committed or heard of is at or before this position. */
  #floor: Lsn = 0n;
  /** Changes heard of whose position is still being asked: reads use the primary meanwhile. */
  #pendingChanges = 0;
  #next = 0;

  constructor(primary: DatabaseHandle, replicas: readonly ReadReplica[], options: ReadRouterOptions = {}) {
    this.#primary = primary;
    this.positions = options.positions ?? memoryWritePositions();
    this.#replayCacheMs = options.replayCacheMs ?? 250;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 1_000;
    this.#downForMs = options.downForMs ?? 1_000;
    this.#now = options.now ?? Date.now;
    this.#states = replicas.map((replica) => ({ replica, up: false, lsn: 0n, checkedAt: -Infinity }));
  }

  get primary(): ReadRoute {
    return { db: this.#primary.db, target: PRIMARY_TARGET };
  }

  /** The replicas' last known state, for /metrics and tests. */
  get replicas(): { name: string; up: boolean; lsn: Lsn }[] {
    return this.#states.map((s) => ({ name: s.replica.name, up: s.up, lsn: s.lsn }));
  }

  /** Where a read-only operation of `caller` (undefined: anonymous) may run now. */
  async route(caller: string | undefined): Promise<ReadRoute> {
    if (this.#states.length === 0 || this.#pendingChanges > 0) return this.primary;
    const own = caller === undefined ? undefined : await this.positions.get(caller);
    const required = own !== undefined && own > this.#floor ? own : this.#floor;
    const at = this.#now();
    await Promise.all(
      this.#states.map((state) => {
        const stale = at - state.checkedAt >= (state.up ? this.#replayCacheMs : this.#downForMs);
        if (!stale) return undefined;
        const probe = this.#probe(state);
        // A replica that is up is asked before choosing; one that is down is retried meanwhile.
        return state.up ? probe : undefined;
      }),
    );
    const ready = this.#states.filter((state) => state.up && state.lsn >= required);
    if (ready.length === 0) {
      // Behind: ask again soon rather than after the whole cache period.
      for (const state of this.#states)
        if (state.up && this.#now() - state.checkedAt > 10) void this.#probe(state);
      return this.primary;
    }
    const chosen = ready[this.#next++ % ready.length] as ReplicaState;
    return { db: chosen.replica.handle.db, target: chosen.replica.name };
  }

  /** After a write by `caller`: its next reads wait for its write on the replicas (and so do this process's). */
  async recordWrite(caller: string | undefined): Promise<void> {
    if (this.#states.length === 0) return;
    let lsn: Lsn;
    try {
      lsn = (await queryLsn(this.#primary, CURRENT_LSN)) ?? UNKNOWN_POSITION;
    } catch {
      lsn = UNKNOWN_POSITION;
    }
    if (lsn !== UNKNOWN_POSITION && lsn > this.#floor) this.#floor = lsn;
    if (caller !== undefined) await this.positions.record(caller, lsn);
  }

  /**
   * A change was committed here or announced by the database: until the primary's position is
   * known, and then until the replicas have replayed it, this process reads from the primary.
   */
  noteChange(): void {
    if (this.#states.length === 0) return;
    this.#pendingChanges++;
    queryLsn(this.#primary, CURRENT_LSN)
      .then(
        (lsn) => {
          if (lsn !== undefined && lsn > this.#floor) this.#floor = lsn;
        },
        () => {
          // The primary is unreachable: nothing reads anything new from it either; keep the floor.
        },
      )
      .finally(() => {
        this.#pendingChanges--;
      });
  }

  /** A read on `target` failed for want of a connection: leave it out until a probe succeeds. */
  replicaFailed(target: string, error?: unknown): void {
    const state = this.#states.find((s) => s.replica.name === target);
    if (!state) return;
    state.checkedAt = this.#now();
    this.#setUp(state, false, error);
  }

  #setUp(state: ReplicaState, up: boolean, error?: unknown): void {
    if (state.up === up) return;
    state.up = up;
    this.onStateChange(state.replica.name, up, error);
  }

  #probe(state: ReplicaState): Promise<void> {
    state.probing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const lsn = await Promise.race([
          queryLsn(state.replica.handle, REPLAYED_LSN),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${this.#probeTimeoutMs} ms`)),
              this.#probeTimeoutMs,
            );
          }),
        ]);
        if (lsn === undefined) throw new Error('the replica has not replayed anything yet');
        state.lsn = lsn;
        this.#setUp(state, true);
      } catch (error) {
        this.#setUp(state, false, error);
      } finally {
        clearTimeout(timer);
        state.checkedAt = this.#now();
        state.probing = undefined;
      }
    })();
    return state.probing;
  }

  async close(): Promise<void> {
    await this.positions.close();
    await Promise.all(this.#states.map((state) => state.replica.handle.close()));
  }
}
