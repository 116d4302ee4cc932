/**
 * Corrections (docs/corrections.md): what a revision > 1 changes against the revision it corrects
 * (the previous published revision of its year), and the `insertion` policy. Pure functions over
 * engine scores: compute, verify and export all apply them the same way, so the content hash of an
 * `insertion` revision is reproduced exactly.
 */
import type { CorrectionPolicy } from '@ranking/schema';
import { type EditionScores, type ScoreEntry, TIE_TOLERANCE } from '@ranking/scoring';

/** One corrected value: a project's raw indicator value differs between the two revisions. */
export interface CorrectedValue {
  project: string;
  indicator: string;
  oldValue: number | null;
  newValue: number | null;
}

const sameValue = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null);

/**
 * The values a revision corrects: per project and indicator, the raw (combined evidence) value in
 * `current` differs from the one in `previous` (a project new to `current` counts with every
 * indicator it has a value for). An indicator feeding several dimensions is listed once.
 */
export function correctedValues(current: EditionScores, previous: EditionScores): CorrectedValue[] {
  const before = new Map<string, number | null>();
  const known = new Set<string>();
  for (const dimension of previous.dimensions)
    for (const entry of dimension.entries) {
      known.add(entry.project);
      for (const [key, value] of Object.entries(entry.indicators))
        before.set(`${entry.project}\u0000${key}`, value.raw);
    }
  const seen = new Set<string>();
  const changes: CorrectedValue[] = [];
  for (const dimension of current.dimensions)
    for (const entry of dimension.entries)
      for (const [key, value] of Object.entries(entry.indicators)) {
        const id = `${entry.project}\u0000${key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const old = before.has(id) ? (before.get(id) ?? null) : null;
        const isNew = !known.has(entry.project);
        if (isNew ? value.raw !== null : !before.has(id) || !sameValue(old, value.raw)) {
          changes.push({ project: entry.project, indicator: key, oldValue: old, newValue: value.raw });
        }
      }
  return changes.sort((a, b) =>
    a.project === b.project ? (a.indicator < b.indicator ? -1 : 1) : a.project < b.project ? -1 : 1,
  );
}

/**
 * The rank a corrected project takes under `insertion`, among the projects that keep their published
 * score and rank (`kept`): right after the last tie group scoring more than it (beyond
 * TIE_TOLERANCE), i.e. the published rank of the project it now equals or passes, as a tie; 1 when
 * none scores more. Kept projects never move, so two corrected projects may share a rank, and one
 * that falls behind every kept project is ranked after the last of them.
 */
export function insertionRank(score: number, kept: readonly { score: number; rank: number }[]): number {
  let worst = 0;
  let tied = 0;
  for (const k of kept) {
    if (k.score - score <= TIE_TOLERANCE) continue;
    if (k.rank > worst) {
      worst = k.rank;
      tied = 1;
    } else if (k.rank === worst) tied++;
  }
  return worst === 0 ? 1 : worst + tied;
}

const byRankThenSlug = (a: ScoreEntry, b: ScoreEntry) =>
  a.rank - b.rank || (a.project < b.project ? -1 : a.project > b.project ? 1 : 0);

/**
 * The `insertion` policy: every project not in `corrected` keeps its entry of `previous` verbatim
 * (score, rank, nodes, indicators); a corrected project (or one new to the dimension) gets its entry
 * of the full recomputation `current` with the rank {@link insertionRank} gives it against the kept
 * ones. Projects no longer in `current` are dropped without moving anyone.
 */
export function applyInsertion(
  current: EditionScores,
  previous: EditionScores,
  corrected: ReadonlySet<string>,
): EditionScores {
  const previousByDimension = new Map(previous.dimensions.map((d) => [d.key, d.entries]));
  return {
    methodology: current.methodology,
    dimensions: current.dimensions.map((dimension) => {
      const before = new Map((previousByDimension.get(dimension.key) ?? []).map((e) => [e.project, e]));
      const kept: ScoreEntry[] = [];
      const inserted: ScoreEntry[] = [];
      for (const entry of dimension.entries) {
        const old = before.get(entry.project);
        if (old && !corrected.has(entry.project)) kept.push(old);
        else inserted.push(entry);
      }
      const entries = [
        ...kept,
        ...inserted.map((entry) => ({ ...entry, rank: insertionRank(entry.score, kept) })),
      ].sort(byRankThenSlug);
      return { ...dimension, entries };
    }),
  };
}

/** The scores a revision publishes under `policy` (null or `full_recompute`: `current` as it is). */
export function applyCorrectionPolicy(
  policy: CorrectionPolicy | null,
  current: EditionScores,
  previous: EditionScores | null,
): EditionScores {
  if (policy !== 'insertion' || !previous) return current;
  const corrected = new Set(correctedValues(current, previous).map((c) => c.project));
  return applyInsertion(current, previous, corrected);
}
