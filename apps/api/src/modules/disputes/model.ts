/** The disputes module's models (other modules may import them: .dependency-cruiser.cjs). Types only. */
import type { ContestVisibility, DisputeStatus } from '@ranking/schema';

/**
 * One dispute as services and resolvers see it. `contact` is read only by the mailer (the store's
 * `findDisputeContact`); the rows here never carry it, so no resolver can leak it.
 */
export interface DisputeRow {
  id: number;
  editionId: number;
  projectId: number;
  indicatorKey: string;
  claim: string;
  proposedValue: number | null;
  sourceUrl: string | null;
  status: DisputeStatus;
  reason: string | null;
  submittedBy: number | null;
  apiKeyId: number | null;
  evidenceId: number | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** The answer of `submitDispute`: the dispute with its withdrawal token, shown this once. */
export interface DisputeModel extends DisputeRow {
  withdrawalToken?: string;
}

export interface DisputeCountsModel {
  raised: number;
  open: number;
  accepted: number;
  rejected: number;
  withdrawn: number;
}

export interface ContestWindowRow {
  editionId: number;
  opensAt: Date;
  closesAt: Date;
  visibility: ContestVisibility;
  openedBy: number | null;
  createdAt: Date;
}

/** A registered contact of a project (staff only: personal data). */
export interface ProjectContactRow {
  id: number;
  projectId: number;
  email: string;
  name: string | null;
  addedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}
