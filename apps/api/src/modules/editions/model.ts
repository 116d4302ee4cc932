/**
 * The editions module's models: the rows its stores return and the parents its resolvers receive
 * (the codegen mappers point here). Types only, so the service files, the resolvers and the
 * generated resolver types can all import them without import circles.
 */

import type { CorrectionCause, CorrectionPolicy, EditionStatus } from '@ranking/schema';
import type { Connection } from '../../lib/pagination';
import type { DimensionModel, IndicatorModel } from '../methodology/model';
import type { ProjectRow } from '../projects/model';

/** How the rank intervals of an edition were drawn (stored with the edition when it is computed). */
export interface SensitivityParams {
  samples: number;
  seed: number;
  delta: number;
}

export interface EditionRow {
  id: number;
  year: number;
  revision: number;
  title: string;
  status: EditionStatus;
  methodologyId: number;
  cutoff: string;
  createdAt: Date;
  computedAt: Date | null;
  publishedAt: Date | null;
  publishedBy: number | null;
  contentHash: string | null;
  sensitivityParams: SensitivityParams | null;
  previousEditionId: number | null;
  /**
   * The PUBLIC contest window of a computed edition (epoch ms; modules/disputes): while it is open,
   * everyone sees the edition. Set by reads; absent on rows a write returned.
   */
  publicContestOpensAt?: number | null;
  publicContestClosesAt?: number | null;
  /** The same for a CONTACTS window: shown only to a request with a valid contest token. */
  contactsContestOpensAt?: number | null;
  contactsContestClosesAt?: number | null;
  /** The revision's DOI (`10.REGISTRANT/SUFFIX`), set by the publisher; not part of the content hash. */
  doi: string | null;
  /** Revisions > 1 (docs/corrections.md): how and why they correct the previous published revision. */
  correctionPolicy: CorrectionPolicy | null;
  correctionCause: CorrectionCause | null;
  correctionDisputeId: number | null;
}

/**
 * One indicator's stored result (the `indicators` JSON of a results row). `imputed`, `stale` and
 * `ageDays` are stored for editions computed since the API scores with every freshness flag; rows
 * written before that lack them (published rows never change): see `freshnessOf`.
 */
export interface IndicatorResult {
  raw: number | null;
  normalized: number | null;
  contribution: number;
  evidenceIds: (number | string)[];
  imputed?: boolean;
  stale?: boolean;
  ageDays?: number | null;
}

export interface ResultRow {
  editionId: number;
  dimension: string;
  projectId: number;
  score: number;
  rank: number;
  previousRank: number | null;
  nodes: Record<string, number>;
  indicators: Record<string, IndicatorResult>;
  rankMedian: number | null;
  rankP05: number | null;
  rankP95: number | null;
}

export type NewResult = Omit<ResultRow, 'editionId'>;

/** The parent of `RankingEntry` resolvers: a stored result with its dimension. */
export interface RankingEntryModel extends ResultRow {
  dimensionModel: DimensionModel;
  /** The project's row when it was read with the result (ranking pages); else it is loaded. */
  project?: ProjectRow;
}

/** The parent of `RankingConnection` resolvers (its `totalCount` is counted only when selected). */
export type RankingConnectionModel = Connection<RankingEntryModel>;

export interface IndicatorScoreModel extends IndicatorResult {
  indicatorKey: string;
  imputed: boolean;
  stale: boolean;
  ageDays: number | null;
  /** The indicator's catalogue row, loaded once for the whole page (see RankingEntry.indicators). */
  indicator: IndicatorModel;
  weight: number;
  pillar: string | null;
}

export interface NodeScoreModel {
  key: string;
  name: string;
  score: number;
  weight: number;
  contribution: number;
  parent: string | null;
}

/** One country's share (`Share`); `projects` counts distinct projects (see docs/methodology-format.md, Shares). */
export interface ShareModel {
  region: string;
  share: number;
  projects: number;
  score: number;
  /** The ranks of the region's entries, one per entry (for `topCount(n)`). */
  ranks: number[];
}

export interface OrganizationStandingModel {
  rank: number;
  organizationId: number;
  score: number;
  share: number;
  projects: number;
  ranks: number[];
}

/** The parent of `OrganizationRankingConnection` resolvers (its `totalCount` is counted only when selected). */
export type OrganizationRankingConnectionModel = Connection<OrganizationStandingModel>;

export interface ValueCountsModel {
  measured: number;
  illustrative: number;
  imputed: number;
  stale: number;
  /** Values with evidence behind a link whose latest check is BROKEN (counted across the others). */
  brokenLinks: number;
  /** Values with evidence that was flagged as an anomaly when it arrived (counted across the others). */
  flagged: number;
  total: number;
}

export interface RankIntervalModel {
  projectId: number;
  rank: number;
  medianRank: number;
  p05Rank: number;
  p95Rank: number;
}

export interface RankMoveModel {
  projectId: number;
  rank: number | null;
  previousRank: number | null;
  change: number | null;
  score: number | null;
  previousScore: number | null;
}

export interface EditionDiffModel {
  previousEdition: EditionRow;
  dimensions: {
    dimension: string;
    movers: RankMoveModel[];
    newEntries: RankMoveModel[];
    exits: RankMoveModel[];
  }[];
}

export interface CreateEditionInput {
  year: number;
  title: string;
  cutoff: string;
  methodologyVersion?: string | null | undefined;
  /** Only for a revision > 1 (docs/corrections.md). */
  correction?: CorrectionInput | null | undefined;
}

export interface CorrectionInput {
  policy: CorrectionPolicy;
  cause: CorrectionCause;
  disputeId?: string | number | null | undefined;
}

/** One erratum row: a corrected value of a revision in one dimension its indicator feeds. */
export interface ErratumRow {
  id: number;
  editionId: number;
  correctedEditionId: number;
  projectId: number;
  indicatorKey: string;
  dimension: string;
  oldValue: number | null;
  newValue: number | null;
  oldScore: number | null;
  newScore: number | null;
  oldRank: number | null;
  newRank: number | null;
  cause: CorrectionCause | null;
  disputeId: number | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  recordedAt: Date;
}

export type NewErratum = Omit<ErratumRow, 'id' | 'editionId' | 'decidedAt' | 'recordedAt'>;

/** The parent of `Erratum` resolvers: one corrected value with its rows per dimension. */
export interface ErratumModel {
  edition: EditionRow;
  rows: ErratumRow[];
}

export type ComputeProgress = (phase: 'load' | 'score' | 'sensitivity' | 'store', detail?: string) => void;

export interface VerifyResult {
  edition: EditionRow;
  storedHash: string | null;
  computedHash: string;
  matches: boolean;
}
