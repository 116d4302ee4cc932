/** The evidence module's model types (other modules may import them: .dependency-cruiser.cjs). */
import type { EvidenceStatus, SourceKind } from '@ranking/schema';

/** One evidence row as the services and resolvers see it. */
export interface EvidenceRow {
  id: number;
  projectId: number;
  indicatorKey: string;
  value: number;
  sourceUrl: string;
  canonicalUrl: string;
  observedAt: string;
  retrievedAt: Date | null;
  sourceKind: SourceKind;
  note: string | null;
  isIllustrative: boolean;
  status: EvidenceStatus;
  submittedBy: number | null;
  submittedAt: Date;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  supersededBy: number | null;
  /** When it was superseded (set by the database; drizzle/0017_errata.sql). */
  supersededAt: Date | null;
}

/** The values of a new evidence row (what a submission, an import or a collection writes). */
export type EvidenceValues = Pick<
  EvidenceRow,
  | 'projectId'
  | 'indicatorKey'
  | 'value'
  | 'sourceUrl'
  | 'canonicalUrl'
  | 'observedAt'
  | 'retrievedAt'
  | 'sourceKind'
  | 'note'
  | 'submittedBy'
>;
