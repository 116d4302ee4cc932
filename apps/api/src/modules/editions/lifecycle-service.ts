/**
 * The editions workflow: create a draft (a new revision once the year's latest is published),
 * publish a computed edition whose content hash the reviewer confirms, and the operator's list of a
 * year's revisions. Computing is in compute-service.ts. Every change is audited.
 */
import { actorUserId, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict, notFound } from '../../errors';
import { inTransaction } from '../../lib/transaction';
import { optionalText, requireDate, requireId, requireText } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import { findMethodologyInTransaction } from '../methodology/service';
import { announceEditionPublished } from '../webhooks/service';
import type { CorrectionInput, CreateEditionInput, EditionRow } from './model';
import {
  findEditionForUpdate,
  insertEdition,
  listEditionsOfYear,
  markEditionPublished,
  setErrataDispute,
  stampErrata,
  updateEditionDoi,
} from './store';

const POLICIES = { FULL_RECOMPUTE: 'full_recompute', INSERTION: 'insertion' } as const;
const CAUSES = {
  DISPUTE: 'dispute',
  COLLECTION_ERROR: 'collection_error',
  METHODOLOGY_ERROR: 'methodology_error',
} as const;

/** The correction of a revision > 1, checked (the resolvers map the GraphQL enums to these). */
function correctionOf(input: CorrectionInput | null | undefined, revision: number) {
  if (!input) return {};
  if (revision === 1) {
    throw new AppError(
      'BAD_USER_INPUT',
      'A first revision corrects nothing: give correction only for a revision > 1',
      {
        field: 'correction',
      },
    );
  }
  const policy = (POLICIES as Record<string, string>)[input.policy] ?? input.policy;
  const cause = (CAUSES as Record<string, string>)[input.cause] ?? input.cause;
  if (!Object.values(POLICIES).includes(policy as never)) {
    throw new AppError('BAD_USER_INPUT', `Unknown correction policy ${input.policy}`, {
      field: 'correction.policy',
    });
  }
  if (!Object.values(CAUSES).includes(cause as never)) {
    throw new AppError('BAD_USER_INPUT', `Unknown correction cause ${input.cause}`, {
      field: 'correction.cause',
    });
  }
  const disputeId =
    input.disputeId === undefined || input.disputeId === null
      ? null
      : requireId('correction.disputeId', input.disputeId);
  if (disputeId !== null && cause !== 'dispute') {
    throw new AppError('BAD_USER_INPUT', 'A dispute id goes with the cause DISPUTE', {
      field: 'correction.disputeId',
    });
  }
  return {
    correctionPolicy: policy as EditionRow['correctionPolicy'],
    correctionCause: cause as EditionRow['correctionCause'],
    correctionDisputeId: disputeId,
  };
}

export async function createEdition(ctx: ServiceContext, input: CreateEditionInput): Promise<EditionRow> {
  requireScope(ctx.actor, 'editions:manage');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new AppError('BAD_USER_INPUT', 'year must be between 2000 and 2100', { field: 'year' });
  }
  const title = requireText('title', input.title, 200);
  const cutoff = requireDate('cutoff', input.cutoff);
  const version = optionalText('methodologyVersion', input.methodologyVersion, 100);
  // The foreign key (0020) would refuse an unknown dispute too, without naming the field. Read before
  // the transaction: a single-connection database (PGlite) cannot answer a second reader inside it.
  const disputeId = input.correction?.disputeId;
  const cause = String(input.correction?.cause ?? '').toLowerCase();
  if (disputeId !== undefined && disputeId !== null && cause === 'dispute') {
    const id = requireId('correction.disputeId', disputeId);
    if (!(await ctx.loaders.disputeById.load(id)))
      throw new AppError('BAD_USER_INPUT', `No dispute with id ${id}`, { field: 'correction.disputeId' });
  }
  return inTransaction(ctx, async (tx) => {
    const methodology = await findMethodologyInTransaction(tx, { version: version ?? undefined });
    if (!methodology) {
      throw new AppError(
        'BAD_USER_INPUT',
        version ? `Unknown methodology version ${version}` : 'No methodology is stored',
        {
          field: 'methodologyVersion',
        },
      );
    }
    const revisions = await listEditionsOfYear(tx, input.year);
    const latest = revisions[revisions.length - 1];
    if (latest && latest.status !== 'published') {
      throw conflict(`Edition ${input.year} revision ${latest.revision} is not published yet`, {
        editionId: latest.id,
      });
    }
    const revision = latest ? latest.revision + 1 : 1;
    const edition = await insertEdition(tx, {
      ...correctionOf(input.correction, revision),
      year: input.year,
      revision,
      title,
      methodologyId: methodology.id,
      cutoff,
      createdBy: actorUserId(ctx.actor),
    });
    await recordAudit(tx, ctx, {
      action: 'edition.create',
      entityType: 'edition',
      entityId: edition.id,
      after: edition,
    });
    return edition;
  });
}

export async function publishEdition(
  ctx: ServiceContext,
  id: string | number,
  contentHash: string,
): Promise<EditionRow> {
  requireScope(ctx.actor, 'editions:manage');
  const editionId = requireId('id', id);
  if (!/^[0-9a-f]{64}$/.test(contentHash)) {
    throw new AppError('BAD_USER_INPUT', 'contentHash must be 64 lower-case hex digits', {
      field: 'contentHash',
    });
  }
  return inTransaction(ctx, async (tx) => {
    const edition = await findEditionForUpdate(tx, editionId);
    if (!edition) throw notFound('Edition');
    if (edition.status === 'published') throw conflict('The edition is already published');
    if (edition.status !== 'computed') throw conflict('The edition has not been computed');
    if (edition.contentHash !== contentHash) {
      throw conflict('The content hash does not match the computed edition; review it again', {
        contentHash: edition.contentHash,
      });
    }
    await stampErrata(tx, edition.id, actorUserId(ctx.actor));
    const published = await markEditionPublished(tx, edition.id, actorUserId(ctx.actor));
    await recordAudit(tx, ctx, {
      action: 'edition.publish',
      entityType: 'edition',
      entityId: edition.id,
      before: { status: edition.status },
      after: {
        status: published.status,
        contentHash: published.contentHash,
        publishedAt: published.publishedAt,
      },
    });
    await announceEditionPublished(tx, ctx, published);
    return published;
  });
}

/** The longest DOI accepted (the stored form, without a resolver prefix). */
export const MAX_DOI_LENGTH = 200;
/**
 * DOI syntax (the DOI Handbook, 2.2): `10.` + a registrant code of 4–9 digits with optional dotted
 * subdivisions, `/`, a suffix of printable ASCII without spaces. The database checks the same rule
 * (migration 0015, `editions_doi_check`).
 */
const DOI = /^10\.[0-9]{4,9}(\.[0-9]+)*\/[!-~]+$/;
/** Resolver and scheme prefixes a DOI is often pasted with; taken off before the check. */
const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;

/**
 * A DOI as entered, in its stored form: trimmed, `https://doi.org/`, `http://dx.doi.org/` and `doi:`
 * prefixes removed, percent-escapes of a pasted URL decoded; null for null or blank (clears it).
 * @throws {AppError} BAD_USER_INPUT on `field` for anything else.
 */
export function normalizeDoi(value: string | null | undefined, field = 'doi'): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  let doi = value.trim();
  const prefixed = DOI_PREFIX.test(doi);
  doi = doi.replace(DOI_PREFIX, '');
  if (prefixed && /^https?:/i.test(value.trim())) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      // Not a valid escape sequence: checked as written below.
    }
  }
  if (doi.length > MAX_DOI_LENGTH || !DOI.test(doi)) {
    throw new AppError(
      'BAD_USER_INPUT',
      `${field} must be a DOI such as 10.5281/zenodo.1234567 (10.REGISTRANT/SUFFIX, at most ${MAX_DOI_LENGTH} characters; a https://doi.org/ or doi: prefix is taken off)`,
      { field },
    );
  }
  return doi;
}

/**
 * Sets or clears (null or blank) the DOI of one edition revision (scope `editions:manage`), in any
 * status: a DOI is usually registered once the data is published. The DOI is no part of the content
 * hash; it appears in the export's citation files (datapackage.json, CITATION.cff, README.md).
 */
export async function setEditionDoi(
  ctx: ServiceContext,
  id: string | number,
  doi: string | null | undefined,
): Promise<EditionRow> {
  requireScope(ctx.actor, 'editions:manage');
  const editionId = requireId('id', id);
  const value = normalizeDoi(doi);
  return inTransaction(ctx, async (tx) => {
    const edition = await findEditionForUpdate(tx, editionId);
    if (!edition) throw notFound('Edition');
    if (edition.doi === value) return edition;
    const updated = await updateEditionDoi(tx, edition.id, value);
    await recordAudit(tx, ctx, {
      action: 'edition.set_doi',
      entityType: 'edition',
      entityId: edition.id,
      before: { doi: edition.doi },
      after: { doi: updated.doi },
    });
    return updated;
  });
}

/**
 * Links the dispute behind a correction to the DISPUTE errata of an edition that have none yet (also
 * once published: the one change the database allows to errata then). Returns how many were linked.
 */
export async function linkErrataDispute(
  ctx: ServiceContext,
  editionId: string | number,
  disputeId: string | number,
): Promise<number> {
  requireScope(ctx.actor, 'editions:manage');
  const id = requireId('editionId', editionId);
  const dispute = requireId('disputeId', disputeId);
  try {
    return await inTransaction(ctx, async (tx) => {
      const linked = await setErrataDispute(tx, id, dispute);
      if (linked === 0) throw notFound('Errata with the cause DISPUTE and no dispute');
      await recordAudit(tx, ctx, {
        action: 'edition.errata.link_dispute',
        entityType: 'edition',
        entityId: id,
        after: { disputeId: dispute, errata: linked },
      });
      return linked;
    });
  } catch (error) {
    // The foreign key (0020): an unknown dispute, said with the field.
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT' && !error.field)
      throw new AppError('BAD_USER_INPUT', `No dispute with id ${dispute}`, { field: 'disputeId' });
    throw error;
  }
}

/** Editions of a year for operator commands (all revisions, drafts included). */
export async function editionsOfYear(ctx: ServiceContext, year: number): Promise<EditionRow[]> {
  requireScope(ctx.actor, 'read:drafts');
  return listEditionsOfYear(ctx.db, year);
}
