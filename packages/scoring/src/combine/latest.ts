import type { Observation } from '../types';

/**
 * Recency order for `combine: latest` (docs/methodology-format.md step 2): later `observedAt` (by its date,
 * `YYYY-MM-DD`) wins; then the later `retrievedAt` (parsed as an ISO 8601 instant); then — only so
 * that the choice never depends on input order — the greater `id`, then the greater value. A missing
 * date or id ranks below any present one.
 *
 * Complexity: O(1).
 *
 * @returns a positive number when `a` is more recent than `b`, negative when less, 0 when neither
 * @example
 * compareRecency({ project: 'p', indicator: 'i', value: 1, observedAt: '2025-01-02' },
 *                { project: 'p', indicator: 'i', value: 2, observedAt: '2025-01-01' }) // → > 0
 */
export function compareRecency(a: Observation, b: Observation): number {
  const observedA = a.observedAt ? a.observedAt.slice(0, 10) : '';
  const observedB = b.observedAt ? b.observedAt.slice(0, 10) : '';
  if (observedA !== observedB) return observedA > observedB ? 1 : -1;
  const retrievedA = instant(a.retrievedAt);
  const retrievedB = instant(b.retrievedAt);
  if (retrievedA !== retrievedB) return retrievedA > retrievedB ? 1 : -1;
  const idA = a.id ?? '';
  const idB = b.id ?? '';
  if (idA !== idB) return idA > idB ? 1 : -1;
  return a.value === b.value ? 0 : a.value > b.value ? 1 : -1;
}

function instant(value: string | null | undefined): number {
  if (!value) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(value);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * The index (into `observations`) of the most recent of `candidates` by {@link compareRecency}.
 *
 * Complexity: O(k) for k candidates.
 *
 * @throws {RangeError} when `candidates` is empty
 */
export function latestObservation(
  observations: readonly Observation[],
  candidates: readonly number[],
): number {
  let best = candidates[0];
  if (best === undefined) throw new RangeError('latest of no observations');
  for (let i = 1; i < candidates.length; i++) {
    const candidate = candidates[i] as number;
    if (compareRecency(observations[candidate] as Observation, observations[best] as Observation) > 0)
      best = candidate;
  }
  return best;
}
