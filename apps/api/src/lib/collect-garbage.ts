/**
 * A full garbage collection between the phases of a long, allocation-heavy job (edition compute):
 * V8 lets the old generation fill with short-lived garbage (driver rows, explanation records) up to
 * its own limit before it collects, which at a million evidence values is as much memory again as
 * the live data. Collecting at a few chosen points keeps the peak near the live size; it costs a
 * few milliseconds each with a small live heap. `gc` is taken from a fresh context once V8 is told
 * to expose it (nothing else is exposed in the process's own global scope); where that fails, a no-op.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
