import { median } from '../stats/median';

/**
 * Anomaly flags for an arriving value (docs/data-model.md, "Anomaly flags"): is this value an
 * outlier against the project's own series for the indicator, or — when the series is too short —
 * against how the other projects' values of the indicator changed?
 *
 * The test is a robust z-score of the change (median and median absolute deviation, which a few
 * earlier outliers do not move, unlike a mean and standard deviation): with `d` the change from the
 * project's last earlier value to the candidate and `d₁…dₙ` the earlier changes of the series,
 *
 *     z = (d − median(dᵢ)) / (1.4826 · MAD(dᵢ))
 *
 * (1.4826 · MAD estimates the standard deviation of normally distributed changes). A value is flagged
 * when |d − median(dᵢ)| exceeds both `z` robust standard deviations and a floor that keeps steady
 * series (MAD 0) from flagging small moves. Changes are measured on the scale the indicator is
 * scored on:
 * - `multiplicative` (indicators scored through a transform, `log1p`, `log` or `sqrt`: counts, downloads):
 *   d = ln(1 + v) − ln(1 + v_prev); the floor is a factor of `minRatio` (default 3×).
 * - `additive` (untransformed scores, ratios, shares, Elo): d = v − v_prev; the floor is
 *   `minShare` (default 25 %) of the median of the last values.
 *
 * With fewer than `minChanges` earlier changes in the series, the changes are compared with the
 * peers' (each other project's latest change of the same indicator), when at least `minChanges`
 * peers have one. With no earlier value at all there is nothing to compare: no flag.
 *
 * Reference: P. J. Rousseeuw & C. Croux (1993), "Alternatives to the median absolute deviation",
 * JASA 88(424):1273–1283; B. Iglewicz & D. C. Hoaglin (1993), "How to detect and handle outliers"
 * (the modified z-score).
 */

export type AnomalyScale = 'multiplicative' | 'additive';

export interface SeriesPoint {
  /** `YYYY-MM-DD`. */
  observedAt: string;
  value: number;
}

export interface AnomalyOptions {
  scale: AnomalyScale;
  /** What the reason calls the value ("downloads", "stars"…). */
  label: string;
  /** Each peer's latest change of the same indicator, on the same scale (see {@link changeOf}). */
  peerChanges?: readonly number[];
  /** Robust standard deviations beyond which a change is an outlier (default 4). */
  z?: number;
  /** Multiplicative floor: at least this factor away from the usual change (default 3). */
  minRatio?: number;
  /** Additive floor: at least this share of the median of the last values (default 0.25). */
  minShare?: number;
  /** Earlier changes needed to judge by the series; fewer → peers (default 3). */
  minChanges?: number;
  /** Values of the series the reason's median covers (default 6). */
  window?: number;
}

export interface Anomaly {
  /** |z|, the robust z-score of the change (rounded to 2 decimals; Infinity is reported as 999). */
  score: number;
  /** A sentence a reviewer can read. */
  reason: string;
  /** What the value was compared with. */
  basis: 'series' | 'peers';
}

const MAD_TO_SD = 1.4826;

/** The change from `previous` to `value` on the indicator's scale. */
export function changeOf(scale: AnomalyScale, previous: number, value: number): number {
  return scale === 'multiplicative'
    ? Math.log1p(Math.max(0, value)) - Math.log1p(Math.max(0, previous))
    : value - previous;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** `14×`, `1/14`, `2.5×`: a ratio as a reviewer reads it. */
function ratioText(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'infinitely many times';
  if (ratio >= 1) return `${ratio >= 10 ? Math.round(ratio) : round2(ratio)}×`;
  const inverse = 1 / ratio;
  return `1/${inverse >= 10 ? Math.round(inverse) : round2(inverse)} of`;
}

const numberText = (x: number) =>
  Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(round2(x));

/**
 * Checks `candidate` against the earlier points of `history` (any order; points on or after the
 * candidate's date are ignored). Returns the anomaly, or null when the value is not an outlier or
 * there is nothing to compare it with.
 */
export function detectAnomaly(
  history: readonly SeriesPoint[],
  candidate: SeriesPoint,
  options: AnomalyOptions,
): Anomaly | null {
  const z = options.z ?? 4;
  const minChanges = options.minChanges ?? 3;
  const window = options.window ?? 6;
  const earlier = history
    .filter((p) => p.observedAt < candidate.observedAt && Number.isFinite(p.value))
    .sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0));
  const last = earlier.at(-1);
  if (!last) return null;
  const d = changeOf(options.scale, last.value, candidate.value);
  const own = earlier
    .slice(1)
    .map((p, i) => changeOf(options.scale, (earlier[i] as SeriesPoint).value, p.value));
  const peers = (options.peerChanges ?? []).filter(Number.isFinite);
  const basis = own.length >= minChanges ? 'series' : peers.length >= minChanges ? 'peers' : null;
  if (basis === null) return null;
  const changes = basis === 'series' ? own : peers;
  const centre = median(changes);
  const mad = median(changes.map((c) => Math.abs(c - centre)));
  const recent = earlier.slice(-window).map((p) => p.value);
  const level = median(recent);
  const floor =
    options.scale === 'multiplicative'
      ? Math.log(options.minRatio ?? 3)
      : (options.minShare ?? 0.25) * Math.max(Math.abs(level), Number.EPSILON);
  const distance = Math.abs(d - centre);
  if (distance <= floor || distance <= z * MAD_TO_SD * mad) return null;
  const score = mad > 0 ? round2(distance / (MAD_TO_SD * mad)) : 999;
  const value = numberText(candidate.value);
  let reason: string;
  if (basis === 'series') {
    reason =
      options.scale === 'multiplicative'
        ? `${options.label} ${value}: ${ratioText((1 + Math.max(0, candidate.value)) / (1 + Math.max(0, level)))} the median of the last ${recent.length} observations (${numberText(level)})`
        : `${options.label} ${value}: ${numberText(candidate.value - level)} from the median of the last ${recent.length} observations (${numberText(level)})`;
  } else {
    reason =
      options.scale === 'multiplicative'
        ? `${options.label} ${value}: ${ratioText(Math.exp(d))} the previous value (${numberText(last.value)}, ${last.observedAt}), where the other projects changed by a median of ${ratioText(Math.exp(centre))} (${changes.length} projects)`
        : `${options.label} ${value}: ${numberText(d)} from the previous value (${numberText(last.value)}, ${last.observedAt}), where the other projects changed by a median of ${numberText(centre)} (${changes.length} projects)`;
  }
  return { score, reason, basis };
}
