/**
 * Disputes (docs/disputes.md): anyone contests one value (project × indicator) of a published edition,
 * or of a computed edition during its contest window; reviewers accept (a proposed value becomes a
 * pending evidence value that another reviewer must approve) or reject (with a public reason); the
 * submitter may withdraw with the token returned once at submission. The contact address is written
 * once and read only by the mailer (./mail.ts): no answer, export or audit entry carries it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DnsError, resolveAllowed, SsrfRefusedError } from '@ranking/collectors';
import { canonicalizeUrl, InvalidUrlError, MAX_SOURCE_URL_LENGTH, todayUtc } from '@ranking/contracts';
import type { ContestVisibility, DisputeStatus, SourceKind } from '@ranking/schema';
import { z } from 'zod';
import { actorUserId, hasScope, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, badInput, conflict, forbidden, notFound } from '../../errors';
import { type Connection, keysetWindow, type PageArgs, toKeysetConnection } from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { optionalText, requireId, requireText } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import type { EditionRow } from '../editions/model';
import { insertPendingEvidence, prepareEvidence } from '../evidence/service';
import { dimensionsOf, getMethodologyById, methodologyOf } from '../methodology/service';
import { queueContestEmails } from './contacts-store';
import type { ContestWindowRow, DisputeCountsModel, DisputeModel, DisputeRow } from './model';
import {
  countDisputes,
  findContestWindows,
  findDisputeForUpdate,
  findEditionProject,
  insertDispute,
  insertDisputeEmail,
  listDisputes as listDisputeRows,
  setDisputeDecision,
  upsertContestWindow,
} from './store';

/** The longest claim accepted, in characters (UTF-16 code units, as JavaScript and the database's check count them). */
export const MAX_CLAIM_LENGTH = 4000;
/** The longest public reason of a decision. */
export const MAX_REASON_LENGTH = 2000;
/** The longest contact address (RFC 5321's path limit). */
export const MAX_CONTACT_LENGTH = 254;

export type DisputeConnectionModel = Connection<DisputeRow>;

export interface SubmitDisputeInput {
  edition: string;
  project: string;
  indicator: string;
  claim: string;
  proposedValue?: number | null | undefined;
  sourceUrl?: string | null | undefined;
  contact?: string | null | undefined;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const canReview = (ctx: ServiceContext) => hasScope(ctx.actor, 'evidence:review');
const emailSchema = z.email();

/** Whether the edition takes disputes now: published, or computed inside an open contest window. */
async function contestState(
  ctx: ServiceContext,
  edition: EditionRow,
): Promise<{ open: true; project?: string } | { open: false; why: string }> {
  if (edition.status === 'published') return { open: true };
  const [window] = await findContestWindows(ctx.db, [edition.id]);
  const now = ctx.deps.now();
  if (!window || edition.status !== 'computed')
    return { open: false, why: `edition ${edition.id} is not published and has no contest window` };
  if (now < window.opensAt)
    return {
      open: false,
      why: `the contest window of edition ${edition.id} opens at ${window.opensAt.toISOString()}`,
    };
  if (now >= window.closesAt)
    return {
      open: false,
      why: `the contest window of edition ${edition.id} closed at ${window.closesAt.toISOString()}`,
    };
  if (window.visibility === 'contacts') {
    const contest = ctx.contest;
    const named = `edition ${edition.year} (revision ${edition.revision})`;
    if (!contest)
      throw forbidden(
        `The contest window of ${named} is for the registered contacts of its projects: use the signed link they were sent (its token goes in the X-Contest-Token header)`,
      );
    if (!contest.link) throw forbidden(`The contest link is not valid (${contest.problem})`);
    if (contest.link.year !== edition.year || contest.link.revision !== edition.revision)
      throw forbidden(
        `The contest link is for edition ${contest.link.year} (revision ${contest.link.revision}), not ${named}`,
      );
    return { open: true, project: contest.link.project };
  }
  return { open: true };
}

/** The window an edition is shown through before publication (PUBLIC visibility), if open now. */
export async function openContestWindowOf(
  ctx: ServiceContext,
  editionId: number,
): Promise<ContestWindowRow | null> {
  const [window] = await findContestWindows(ctx.db, [editionId]);
  const now = ctx.deps.now();
  return window && window.opensAt <= now && now < window.closesAt ? window : null;
}

/** Anonymous submissions per client address and window (DISPUTE_RATE_LIMIT per DISPUTE_RATE_WINDOW_MS). */
async function countAnonymousSubmission(ctx: ServiceContext): Promise<void> {
  const { DISPUTE_RATE_LIMIT: limit, DISPUTE_RATE_WINDOW_MS: windowMs } = ctx.deps.env;
  if (limit === 0) return;
  const state = await ctx.deps.rateLimits.hit(`dispute:address:${ctx.clientAddress}`, windowMs);
  if (state.count > limit) {
    const retryAfter = Math.max(1, Math.ceil(state.resetInMs / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `Too many disputes from this address: at most ${limit} per ${Math.round(windowMs / 60_000)} minutes; try again in ${retryAfter} s`,
      { retryAfter },
    );
  }
}

/**
 * A proposed source link: http(s), at most MAX_SOURCE_URL_LENGTH characters, and on a public host —
 * an IP literal or every address the name resolves to (the collectors' SSRF rule). A name that does
 * not resolve is refused too: a source nobody can open supports nothing.
 */
async function checkSourceUrl(input: string | null | undefined): Promise<string | null> {
  const text = input?.trim() ?? '';
  if (!text) return null;
  if (text.length > MAX_SOURCE_URL_LENGTH)
    throw badInput('sourceUrl', `sourceUrl is longer than ${MAX_SOURCE_URL_LENGTH} characters`);
  try {
    canonicalizeUrl(text);
  } catch (error) {
    if (error instanceof InvalidUrlError)
      throw badInput('sourceUrl', `sourceUrl is not an http(s) URL: "${text}" (${error.reason})`);
    throw error;
  }
  try {
    // Always the full rule: the link is never fetched here, so LINK_CHECK_ALLOW_PRIVATE (a switch for
    // link-check tests against local servers) does not lift it.
    await resolveAllowed(text);
  } catch (error) {
    if (error instanceof SsrfRefusedError)
      throw badInput('sourceUrl', `sourceUrl must be a public link: ${error.message}`);
    if (error instanceof DnsError)
      throw badInput('sourceUrl', `sourceUrl must be a public link: its host ${error.message}`);
    throw error;
  }
  return text;
}

function checkClaim(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') throw badInput('claim', 'claim must not be empty');
  if (input.length > MAX_CLAIM_LENGTH)
    throw badInput(
      'claim',
      `claim is ${input.length} characters long; at most ${MAX_CLAIM_LENGTH} are accepted`,
    );
  return input;
}

function checkContact(ctx: ServiceContext, input: string | null | undefined): string | null {
  const text = input?.trim() ?? '';
  if (!text) {
    if (ctx.actor.kind === 'anonymous')
      throw badInput('contact', 'contact (an email address) is required without an API key or a sign-in');
    return null;
  }
  if (text.length > MAX_CONTACT_LENGTH || !emailSchema.safeParse(text).success)
    throw badInput('contact', 'contact must be an email address');
  return text;
}

export async function submitDispute(ctx: ServiceContext, input: SubmitDisputeInput): Promise<DisputeModel> {
  // A key submits for its institution only with `disputes:write`; people and anonymous callers may contest.
  if (ctx.actor.kind === 'api_key') requireScope(ctx.actor, 'disputes:write');
  if (ctx.actor.kind === 'anonymous') await countAnonymousSubmission(ctx);
  const editionId = requireId('edition', input.edition);
  const claim = checkClaim(input.claim);
  const proposedValue = input.proposedValue ?? null;
  if (proposedValue !== null && !Number.isFinite(proposedValue))
    throw badInput('proposedValue', 'proposedValue must be a finite number');
  const contact = checkContact(ctx, input.contact);
  const edition = await ctx.loaders.editionById.load(editionId);
  if (!edition) throw badInput('edition', `No edition with id ${input.edition}`);
  const state = await contestState(ctx, edition);
  if (!state.open)
    throw badInput(
      'edition',
      `Edition ${edition.year} (revision ${edition.revision}) takes no disputes: ${state.why}`,
    );
  // A CONTACTS window's link lets its project's contacts contest that project's values only.
  if (state.project !== undefined && state.project !== input.project.trim())
    throw forbidden(
      `The contest link is for project ${JSON.stringify(state.project)}; it cannot contest project ${JSON.stringify(input.project.trim())}`,
    );
  const project = await findEditionProject(ctx.db, edition.id, input.project.trim());
  if (!project)
    throw badInput(
      'project',
      `Project ${JSON.stringify(input.project)} is not ranked in edition ${edition.year} (revision ${edition.revision})`,
    );
  const methodologyRow = await getMethodologyById(ctx, edition.methodologyId);
  const indicatorKey = input.indicator.trim();
  if (!methodologyOf(methodologyRow).indicators.some((i) => i.key === indicatorKey))
    throw badInput(
      'indicator',
      `Indicator ${JSON.stringify(input.indicator)} is not in the methodology of edition ${edition.year}`,
    );
  const dimension = dimensionsOf(methodologyRow).find((d) => d.category === project.category);
  if (dimension && !dimension.indicatorKeys.includes(indicatorKey))
    throw badInput(
      'indicator',
      `Indicator ${JSON.stringify(indicatorKey)} does not score project ${input.project} (dimension ${dimension.key})`,
    );
  // Last, as it may ask DNS: the cheap refusals come first.
  const sourceUrl = await checkSourceUrl(input.sourceUrl);
  const withdrawalToken = randomBytes(24).toString('base64url');
  const row = await inTransaction(ctx, async (tx) => {
    const inserted = await insertDispute(tx, {
      editionId: edition.id,
      projectId: project.projectId,
      indicatorKey,
      claim,
      proposedValue,
      sourceUrl,
      contact,
      withdrawalTokenHash: sha256(withdrawalToken),
      submittedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      apiKeyId: ctx.actor.kind === 'api_key' ? ctx.actor.apiKeyId : null,
    });
    await recordAudit(tx, ctx, {
      action: 'dispute.submit',
      entityType: 'dispute',
      entityId: inserted.id,
      // Never the contact address: the audit log is read by administrators, not by the submitter's peers.
      after: { ...inserted, hasContact: contact !== null },
    });
    return inserted;
  });
  return { ...row, withdrawalToken };
}

/** One dispute, for anyone (its decision page): never the contact address. */
export async function getDispute(ctx: ServiceContext, id: string): Promise<DisputeRow | null> {
  ctx.cache.mark('public');
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  return ctx.loaders.disputeById.load(numeric);
}

export interface DisputeFilterInput {
  edition?: string | null | undefined;
  project?: string | null | undefined;
  status?: readonly DisputeStatus[] | null | undefined;
}

/** The reviewers' triage list (scope `evidence:review`), oldest first. */
export async function listDisputes(
  ctx: ServiceContext,
  filter: DisputeFilterInput,
  page: PageArgs,
): Promise<DisputeConnectionModel> {
  requireScope(ctx.actor, 'evidence:review');
  ctx.cache.mark('private');
  return pageOf(ctx, filter, page);
}

async function pageOf(
  ctx: ServiceContext,
  filter: DisputeFilterInput & { editionId?: number },
  page: PageArgs,
): Promise<DisputeConnectionModel> {
  const window = keysetWindow(page);
  let projectId: number | undefined;
  if (filter.project) {
    const project = await ctx.loaders.projectBySlug.load(filter.project);
    if (!project) return toKeysetConnection<DisputeRow>([], window, (r) => r.id, 0);
    projectId = project.id;
  }
  const editionId =
    filter.editionId ?? (filter.edition ? requireId('filter.edition', filter.edition) : undefined);
  const { rows, count } = await listDisputeRows(
    ctx.db,
    { editionId, projectId, statuses: filter.status ?? undefined },
    window,
  );
  for (const row of rows) ctx.loaders.disputeById.prime(row.id, row);
  return toKeysetConnection(rows, window, (r) => r.id, count);
}

/** `Edition.disputes`: the edition's open and decided disputes for anyone (withdrawn ones are left out). */
export async function listEditionDisputes(
  ctx: ServiceContext,
  edition: EditionRow,
  page: PageArgs,
): Promise<DisputeConnectionModel> {
  ctx.cache.mark('public');
  return pageOf(ctx, { editionId: edition.id, status: ['open', 'accepted', 'rejected'] }, page);
}

export async function getDisputeCounts(
  ctx: ServiceContext,
  edition: EditionRow,
): Promise<DisputeCountsModel> {
  ctx.cache.mark('public');
  return countDisputes(ctx.db, edition.id);
}

/** The disputes whose acceptance created these evidence values (`Evidence.dispute`). */
export async function disputeOfEvidence(ctx: ServiceContext, evidenceId: number): Promise<DisputeRow | null> {
  return ctx.loaders.disputeByEvidenceId.load(evidenceId);
}

/** What kind of source a link is, for the evidence an accepted dispute proposes. */
export function sourceKindOfUrl(url: string): SourceKind {
  const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  const is = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (is('github.com')) return 'github';
  if (is('huggingface.co') || is('hf.co')) return 'huggingface';
  if (is('pypi.org') || is('pypistats.org') || is('pepy.tech')) return 'pypi';
  if (is('arxiv.org') || is('doi.org') || is('openreview.net') || is('aclanthology.org')) return 'paper';
  return 'website';
}

async function lockOpen(tx: Parameters<typeof findDisputeForUpdate>[0], id: number) {
  const before = await findDisputeForUpdate(tx, id);
  if (!before) throw notFound('Dispute');
  if (before.status !== 'open') throw conflict(`The dispute is already ${before.status}`, { id: String(id) });
  return before;
}

/**
 * Accepts an open dispute (scope `evidence:review`). With a proposed value, its value and source link
 * (or `sourceUrl`, when the dispute gave none) become a PENDING evidence value observed at the
 * edition's cutoff, submitted by the accepting reviewer: only another reviewer can approve it, and only
 * an approval supersedes the current value.
 */
export async function acceptDispute(
  ctx: ServiceContext,
  idInput: string,
  reasonInput: string | null | undefined,
  sourceUrlInput?: string | null | undefined,
): Promise<DisputeRow> {
  requireScope(ctx.actor, 'evidence:review');
  const id = requireId('id', idInput);
  const reason = optionalText('reason', reasonInput, MAX_REASON_LENGTH);
  const dispute = await ctx.loaders.disputeById.load(id);
  if (!dispute) throw notFound('Dispute');
  let prepared: Awaited<ReturnType<typeof prepareEvidence>> | undefined;
  if (dispute.proposedValue !== null && dispute.status === 'open') {
    const sourceUrl = dispute.sourceUrl ?? (await checkSourceUrl(sourceUrlInput));
    if (!sourceUrl)
      throw badInput(
        'sourceUrl',
        'The dispute proposes a value without a source link: give sourceUrl to accept it',
      );
    const [project, edition] = await Promise.all([
      ctx.loaders.projectById.load(dispute.projectId),
      ctx.loaders.editionById.load(dispute.editionId),
    ]);
    if (!project || !edition) throw notFound('The disputed project or edition');
    const today = todayUtc(ctx.deps.now());
    prepared = await prepareEvidence(ctx, {
      project: project.slug,
      indicator: dispute.indicatorKey,
      value: dispute.proposedValue,
      sourceUrl,
      // The earlier of the cutoff and today (ISO dates sort as text).
      observedAt: [edition.cutoff, today].sort()[0] ?? today,
      sourceKind: sourceKindOfUrl(sourceUrl),
      note: `Proposed by dispute ${dispute.id}`,
    });
  }
  return decide(ctx, id, 'accepted', reason, async (tx) =>
    prepared ? (await insertPendingEvidence(tx, ctx, prepared)).id : null,
  );
}

/** Rejects an open dispute with a public reason (scope `evidence:review`). */
export async function rejectDispute(
  ctx: ServiceContext,
  idInput: string,
  reasonInput: string,
): Promise<DisputeRow> {
  requireScope(ctx.actor, 'evidence:review');
  const id = requireId('id', idInput);
  const reason = requireText('reason', reasonInput ?? '', MAX_REASON_LENGTH);
  return decide(ctx, id, 'rejected', reason, async () => null);
}

async function decide(
  ctx: ServiceContext,
  id: number,
  status: 'accepted' | 'rejected',
  reason: string | null,
  createEvidence: (tx: Parameters<typeof findDisputeForUpdate>[0]) => Promise<number | null>,
): Promise<DisputeRow> {
  const row = await inTransaction(ctx, async (tx) => {
    const before = await lockOpen(tx, id);
    const evidenceId = await createEvidence(tx);
    const after = await setDisputeDecision(tx, id, {
      status,
      reason,
      decidedBy: actorUserId(ctx.actor),
      decidedAt: ctx.deps.now(),
      ...(evidenceId === null ? {} : { evidenceId }),
    });
    if (before.hasContact) await insertDisputeEmail(tx, id, status);
    await recordAudit(tx, ctx, {
      action: status === 'accepted' ? 'dispute.accept' : 'dispute.reject',
      entityType: 'dispute',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, reason: after.reason, evidenceId: after.evidenceId },
    });
    return after;
  });
  // Committed: the email goes out after the answer and can neither block nor undo the decision.
  ctx.deps.disputeMail.kick();
  return row;
}

/**
 * Withdraws an open dispute: by its submitter with the withdrawal token of the submission, or by a
 * reviewer (scope `evidence:review`) without one. A wrong token is FORBIDDEN.
 */
export async function withdrawDispute(
  ctx: ServiceContext,
  idInput: string,
  token: string | null | undefined,
): Promise<DisputeRow> {
  const id = requireId('id', idInput);
  if (!token) requireScope(ctx.actor, 'evidence:review');
  return inTransaction(ctx, async (tx) => {
    const before = await lockOpen(tx, id);
    if (token) {
      const given = Buffer.from(sha256(token), 'hex');
      if (!timingSafeEqual(given, Buffer.from(before.withdrawalTokenHash, 'hex')))
        throw forbidden('This is not the withdrawal token of the dispute');
    }
    const after = await setDisputeDecision(tx, id, {
      status: 'withdrawn',
      reason: null,
      decidedBy: token ? null : actorUserId(ctx.actor),
      decidedAt: ctx.deps.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'dispute.withdraw',
      entityType: 'dispute',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, by: token ? 'submitter' : 'reviewer' },
    });
    return after;
  });
}

/**
 * Opens (or moves) the contest window of a computed edition (scope `editions:manage`): between
 * `opensAt` and `closesAt` the edition takes disputes and, with PUBLIC visibility, its ranking is shown
 * to everyone before publication.
 */
export async function openContestWindow(
  ctx: ServiceContext,
  editionIdInput: string,
  opensAt: Date,
  closesAt: Date,
  visibility: ContestVisibility,
): Promise<ContestWindowRow> {
  requireScope(ctx.actor, 'editions:manage');
  const editionId = requireId('edition', editionIdInput);
  if (Number.isNaN(opensAt.getTime())) throw badInput('opensAt', 'opensAt must be a date-time');
  if (Number.isNaN(closesAt.getTime())) throw badInput('closesAt', 'closesAt must be a date-time');
  if (closesAt <= opensAt) throw badInput('closesAt', 'closesAt must be after opensAt');
  const edition = await ctx.loaders.editionById.load(editionId);
  if (!edition) throw badInput('edition', `No edition with id ${editionIdInput}`);
  if (edition.status !== 'computed')
    throw badInput(
      'edition',
      `Only a computed edition gets a contest window; edition ${edition.id} is ${edition.status}`,
    );
  const row = await inTransaction(ctx, async (tx) => {
    const row = await upsertContestWindow(tx, {
      editionId,
      opensAt,
      closesAt,
      visibility,
      openedBy: actorUserId(ctx.actor),
    });
    // CONTACTS: each contact of each ranked project is sent a signed link once per window dates
    // (the same dates again send only to contacts added since).
    const linksQueued =
      visibility === 'contacts' ? await queueContestEmails(tx, editionId, opensAt, closesAt) : 0;
    await recordAudit(tx, ctx, {
      action: 'edition.contest_window',
      entityType: 'edition',
      entityId: editionId,
      after: { ...row, linksQueued },
    });
    return row;
  });
  // Committed: the links go out after the answer (the outbox retries failures).
  if (visibility === 'contacts') ctx.deps.disputeMail.kick();
  return row;
}

export async function getContestWindow(
  ctx: ServiceContext,
  edition: EditionRow,
): Promise<ContestWindowRow | null> {
  ctx.cache.mark('public');
  const [row] = await findContestWindows(ctx.db, [edition.id]);
  return row ?? null;
}

export const isReviewer = canReview;
