import { ScoringInputError } from '../errors';
import type { EditionScores, ScoreEntry } from '../types';

/** One project's movement in one dimension. */
export interface DiffEntry {
  project: string;
  rank: number;
  score: number;
  /** Rank in the previous edition's dimension of the same key; null when it was not there. */
  previousRank: number | null;
  previousScore: number | null;
  /** previousRank − rank: positive = moved up; null for a new entry. */
  rankChange: number | null;
  /** score − previousScore; null for a new entry. */
  scoreChange: number | null;
}

export interface DimensionDiff {
  key: string;
  /** Every current entry, in the current order (rank, then slug). */
  entries: DiffEntry[];
  /** Projects in the current dimension but not the previous one, in current order. */
  newEntries: string[];
  /** Projects in the previous dimension but not the current one, in previous order. */
  exits: string[];
  /** Up to `movers` entries with the largest |rankChange| (≠ 0): ties by larger rise, better rank, slug. */
  biggestMovers: DiffEntry[];
}

export interface EditionDiff {
  /** The current edition's dimensions, then any dimension only the previous edition had (entries empty). */
  dimensions: DimensionDiff[];
}

/**
 * Compares an edition with the previous one, dimension by dimension (matched by key): previous rank
 * and score, rank change (positive = moved up), new entries, exits and the biggest movers. Without a
 * previous edition every entry is new.
 *
 * Complexity: O(entries + movers-candidates · log).
 *
 * @throws {ScoringInputError} INVALID_OPTION when movers is not a non-negative integer
 * @example
 * diffEditions(current, previous, { movers: 3 }).dimensions[0].biggestMovers[0]
 * // → { project: 'vllm', rank: 2, previousRank: 9, rankChange: 7, … }
 */
export function diffEditions(
  current: EditionScores,
  previous: EditionScores | null,
  options: { movers?: number } = {},
): EditionDiff {
  const movers = options.movers ?? 5;
  if (!Number.isInteger(movers) || movers < 0) {
    throw new ScoringInputError('INVALID_OPTION', `movers must be a non-negative integer, not ${movers}`);
  }
  const previousByKey = new Map((previous?.dimensions ?? []).map((d) => [d.key, d]));
  const dimensions: DimensionDiff[] = current.dimensions.map((dimension) => {
    const before = new Map<string, ScoreEntry>(
      (previousByKey.get(dimension.key)?.entries ?? []).map((e) => [e.project, e]),
    );
    const entries = dimension.entries.map((entry): DiffEntry => {
      const old = before.get(entry.project);
      return {
        project: entry.project,
        rank: entry.rank,
        score: entry.score,
        previousRank: old ? old.rank : null,
        previousScore: old ? old.score : null,
        rankChange: old ? old.rank - entry.rank : null,
        scoreChange: old ? entry.score - old.score : null,
      };
    });
    const present = new Set(dimension.entries.map((e) => e.project));
    const exits = (previousByKey.get(dimension.key)?.entries ?? [])
      .filter((e) => !present.has(e.project))
      .map((e) => e.project);
    const biggestMovers = entries
      .filter((e) => e.rankChange !== null && e.rankChange !== 0)
      .sort(
        (a, b) =>
          Math.abs(b.rankChange ?? 0) - Math.abs(a.rankChange ?? 0) ||
          (b.rankChange ?? 0) - (a.rankChange ?? 0) ||
          a.rank - b.rank ||
          (a.project < b.project ? -1 : a.project > b.project ? 1 : 0),
      )
      .slice(0, movers);
    return {
      key: dimension.key,
      entries,
      newEntries: entries.filter((e) => e.previousRank === null).map((e) => e.project),
      exits,
      biggestMovers,
    };
  });
  const currentKeys = new Set(current.dimensions.map((d) => d.key));
  for (const dimension of previous?.dimensions ?? []) {
    if (currentKeys.has(dimension.key)) continue;
    dimensions.push({
      key: dimension.key,
      entries: [],
      newEntries: [],
      exits: dimension.entries.map((e) => e.project),
      biggestMovers: [],
    });
  }
  return { dimensions };
}
