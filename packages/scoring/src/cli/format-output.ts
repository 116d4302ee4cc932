import { csvField } from '../io/csv-field';
import type { SensitivityReport } from '../sensitivity/run-sensitivity';
import type { SharesReport } from '../shares/compute-shares';
import type { EditionScores } from '../types';

/** The `sensitivity` member of the JSON output: the parameters, then the rank intervals per dimension. */
export interface SensitivityOutput {
  samples: number;
  seed: string;
  delta: number;
  dimensions: SensitivityReport;
}

/**
 * The JSON document of `ranking-score` (packages/scoring/README.md):
 * `{ methodology: {id, version}, dimensions: [{ key, entries: [{ project, score, rank, nodes,
 * indicators: {KEY: {raw, normalized, contribution, imputed, stale, ageDays}} }] }], shares:
 * {country, organization}, sensitivity? }` — entries ordered by rank (then slug); node values on
 * the score's scale. `imputed`, `stale` and `ageDays` are written when the scores carry them (the
 * CLI scores with `freshness: 'always'`).
 */
export function formatJson(
  scores: EditionScores,
  shares: { country: SharesReport; organization: SharesReport },
  sensitivity: SensitivityOutput | undefined,
): string {
  const document = {
    methodology: scores.methodology,
    dimensions: scores.dimensions.map((dimension) => ({
      key: dimension.key,
      entries: dimension.entries.map((entry) => ({
        project: entry.project,
        score: entry.score,
        rank: entry.rank,
        nodes: entry.nodes,
        indicators: Object.fromEntries(
          Object.entries(entry.indicators).map(([key, r]) => [
            key,
            {
              raw: r.raw,
              normalized: r.normalized,
              contribution: r.contribution,
              ...(r.imputed === undefined ? {} : { imputed: r.imputed, stale: r.stale, ageDays: r.ageDays }),
            },
          ]),
        ),
      })),
    })),
    shares,
    ...(sensitivity === undefined ? {} : { sensitivity }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Header of the CSV output: one row per dimension × project × indicator ("long" format). */
export const CSV_HEADER = [
  'dimension',
  'project',
  'rank',
  'score',
  'indicator',
  'raw',
  'normalized',
  'contribution',
];

/**
 * The CSV output: header {@link CSV_HEADER}, one row per dimension × project × indicator, in
 * dimension order, then rank (then slug), then the indicator's position in the tree; empty cells for
 * null. Numbers in shortest round-trip form; text cells through {@link csvField} (quoted when
 * needed, spreadsheet formulas neutralised). Node values and shares are in the JSON output only.
 *
 * Yields the text in chunks of about 64 KiB so a large edition can be streamed to a file; the
 * concatenation is exactly {@link formatCsv}'s output (an edition export relies on this to be
 * re-scored byte for byte).
 */
export function* formatCsvChunks(scores: EditionScores): Generator<string> {
  let text = `${CSV_HEADER.join(',')}\n`;
  for (const dimension of scores.dimensions) {
    for (const entry of dimension.entries) {
      const prefix = `${csvField(dimension.key)},${csvField(entry.project)},${entry.rank},${entry.score}`;
      for (const [key, r] of Object.entries(entry.indicators)) {
        text += `${prefix},${csvField(key)},${r.raw === null ? '' : r.raw},${r.normalized === null ? '' : r.normalized},${r.contribution}\n`;
      }
      if (text.length > 1 << 16) {
        yield text;
        text = '';
      }
    }
  }
  if (text) yield text;
}

/** {@link formatCsvChunks} as one string. */
export function formatCsv(scores: EditionScores): string {
  return [...formatCsvChunks(scores)].join('');
}
