/**
 * @ranking/scoring — the pure scoring engine of the ranking platform (docs/methodology-format.md).
 *
 * No I/O (except the `ranking-score` CLI under `src/cli`), no environment, no clock: every function
 * here is a pure function of its arguments. NaN marks a missing value in the low-level methods.
 */

export { weightedArithmeticMean } from './aggregate/arithmetic';
export { weightedGeometricMean } from './aggregate/geometric';
export {
  type Anomaly,
  type AnomalyOptions,
  type AnomalyScale,
  changeOf,
  detectAnomaly,
  type SeriesPoint,
} from './anomaly/detect-anomaly';
/** The `ranking-score --format csv` layout, for exports that must re-score byte for byte. */
export {
  CSV_HEADER as RESULTS_CSV_HEADER,
  formatCsv as formatResultsCsv,
  formatCsvChunks as formatResultsCsvChunks,
} from './cli/format-output';
export { combineValues } from './combine/combine-values';
export { compareRecency, latestObservation } from './combine/latest';
export { type DiffEntry, type DimensionDiff, diffEditions, type EditionDiff } from './diff/diff-editions';
export { normalizeIndicator } from './engine/normalize-indicator';
export {
  buildObservationTableFromColumns,
  type ColumnarScoreInput,
  columnId,
  type ObservationColumns,
} from './engine/observation-columns';
export type { ObservationTable } from './engine/observation-table';
export type { PreparedDimension } from './engine/prepare-dimension';
export {
  type DimensionColumns,
  dimensionColumns,
  type EditionColumns,
  type PreparedEdition,
  prepareEditionFromColumns,
  scoreEdition,
  scoreEditionColumns,
  scoreEntryAt,
} from './engine/score-edition';
export {
  DomainError,
  MethodologyError,
  type MethodologyIssue,
  type ScoringErrorCode,
  type ScoringErrorDetails,
  ScoringInputError,
} from './errors';
export { civilFromDays, dayNumber, daysFromCivil, formatDayNumber } from './freshness/civil-days';
export { type CalendarDuration, ISO_DURATION_FORM, parseIsoDuration } from './freshness/iso-duration';
export { hasFreshnessWindows, resultsForHash } from './freshness/results-for-hash';
export { windowStart } from './freshness/window-start';
/**
 * The data formats of the platform (src/io): one RFC 4180 tokenizer with a whole-file and a streaming
 * front end, the field quoting every CSV writer uses, the readers of the projects and observations
 * files, canonical JSON and the edition content hash.
 */
export { canonicalJson } from './io/canonical-json';
export {
  type ContentHashInput,
  contentHash,
  type HashedEvidence,
  StreamingContentHash,
} from './io/content-hash';
export { type CsvFieldOptions, csvField, csvText } from './io/csv-field';
export {
  type CsvOptions,
  type CsvProblem,
  type CsvRecord,
  CsvSyntaxError,
  CsvTokenizer,
} from './io/csv-tokenizer';
export { parseCsv } from './io/parse-csv';
export { type CsvStreamOptions, type CsvStreamRecord, readCsvStream } from './io/read-csv-stream';
export { readObservations } from './io/read-observations';
export { readProjects } from './io/read-projects';
export { CsvFileError, readTable, type Table } from './io/read-table';
export { firstInvalidUtf8 } from './io/utf8';
export { type MethodologyFormat, parseMethodology } from './methodology/parse-methodology';
export type {
  AggregateMethod,
  CapSpec,
  CombineMethod,
  DimensionDefinition,
  Direction,
  GroupNode,
  IndicatorDefinition,
  IndicatorNode,
  Methodology,
  MethodologyNode,
  MissingPolicy,
  NormalizeMethod,
  NormalizeSpec,
  ShareRule,
  SharesSpec,
  StalePolicy,
  TransformMethod,
} from './methodology/types';
export { isIndicatorNode } from './methodology/types';
export { type ValidationResult, validateMethodology } from './methodology/validate-methodology';
export { applyMissing } from './missing/apply-missing';
export { goalposts } from './normalize/goalposts';
export { minMax } from './normalize/min-max';
export { percentileRank } from './normalize/percentile-rank';
export { reverseDirection } from './normalize/reverse-direction';
export { unitInterval } from './normalize/unit-interval';
export { zScore } from './normalize/z-score';
export { fnv1a32 } from './random/fnv1a';
export { mulberry32 } from './random/mulberry32';
export { createSeededRandom } from './random/seeded-random';
export { type RandomSource, sfc32 } from './random/sfc32';
export { argsortFloat64 } from './rank/argsort-float64';
export { competitionRanks, TIE_TOLERANCE } from './rank/competition-rank';
export { rankOrder } from './rank/rank-order';
export { sortFloat64 } from './rank/sort-float64';
export {
  EXACT_THREE_WEIGHTS_MAX_PROJECTS,
  type RankBound,
  type RankBoundsMethod,
  type RankBoundsOptions,
  type RankBoundsReport,
  rankBounds,
} from './rank-bounds/rank-bounds';
export { perturbWeights } from './sensitivity/perturb-weights';
export {
  type RankInterval,
  runSensitivity,
  runSensitivityPrepared,
  type SensitivityInput,
  type SensitivityReport,
} from './sensitivity/run-sensitivity';
export {
  computeShares,
  type ShareGrouping,
  type ShareRow,
  type SharesReport,
  UNKNOWN_GROUP,
} from './shares/compute-shares';
export {
  SHARE_RULE_DESCRIPTIONS,
  SHARE_RULES,
  shareRuleOf,
  sharesAcrossDimensions,
} from './shares/share-rule';
export { erfc } from './stats/erfc';
export { integerQuantilesType7 } from './stats/integer-quantiles';
export { mean } from './stats/mean';
export { median } from './stats/median';
export { NeumaierAccumulator, neumaierSum } from './stats/neumaier-sum';
export { normalCdf } from './stats/normal-cdf';
export { populationStandardDeviation } from './stats/population-standard-deviation';
export { presentValues, sortedPresentValues } from './stats/present-values';
export { quantileType7 } from './stats/quantile-type7';
export { capValues } from './transform/cap';
export { applyTransform, transformValue } from './transform/transform';
export { winsorize } from './transform/winsorize';
export type {
  DimensionScores,
  EditionScores,
  IndicatorFreshness,
  IndicatorResult,
  Observation,
  ProjectInput,
  ScoreEditionInput,
  ScoreEntry,
} from './types';
export {
  prepareWhatIf,
  type WeightOverride,
  type WhatIfEntry,
  type WhatIfInput,
  type WhatIfModel,
  type WhatIfPage,
  type WhatIfProjectRow,
  whatIf,
  whatIfPage,
} from './what-if/what-if';
export { WhatIfError, type WhatIfErrorCode, type WhatIfErrorDetails } from './what-if/what-if-error';
