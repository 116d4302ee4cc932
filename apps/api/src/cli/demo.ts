/**
 * Demo data through the services: the schema package's demo rows, then the editions 2024, 2025 and
 * 2026 created, computed and published with the system actor — the same calls an operator or the
 * admin app makes. Each edition names its methodology version (DEMO_EDITIONS: 2024 and 2025 under
 * 2026.1, 2026 under 2026.2 with its freshness windows).
 */
import { DEMO_EDITIONS, seedDemo } from '@ranking/schema';
import type { AppDeps, ServiceContext } from '../context';
import { createSystemContext } from '../context';
import { createApiKey } from '../modules/api-keys/service';
import { setProjectContacts } from '../modules/disputes/contacts-service';
import { acceptDispute, rejectDispute, submitDispute } from '../modules/disputes/service';
import { computeEdition } from '../modules/editions/compute-service';
import { createEdition, editionsOfYear, publishEdition } from '../modules/editions/lifecycle-service';
import type { EditionRow } from '../modules/editions/model';
import { listEditionResults } from '../modules/editions/ranking-service';
import { loadEvidence, reviewEvidence } from '../modules/evidence/service';
import { getProjectById } from '../modules/projects/service';
import { type Progress, silentProgress } from './progress';

export const editionTitle = (year: number) => `Open-Source LLM Ecosystem Influence Ranking ${year}`;

/** Creates (if missing), computes and publishes one year's first revision. */
export async function publishDemoEdition(
  ctx: ServiceContext,
  edition: { year: number; cutoff: string; methodologyVersion?: string },
  progress: Progress = silentProgress,
): Promise<EditionRow> {
  const existing = await editionsOfYear(ctx, edition.year);
  let row = existing[existing.length - 1];
  if (row?.status === 'published') return row;
  row ??= await createEdition(ctx, {
    year: edition.year,
    title: editionTitle(edition.year),
    cutoff: edition.cutoff,
    methodologyVersion: edition.methodologyVersion,
  });
  row = await computeEdition(ctx, row.id, (phase, detail) =>
    progress.step(`  ${edition.year}: ${phase}${detail ? ` (${detail})` : ''}`),
  );
  if (!row.contentHash) throw new Error(`edition ${edition.year} has no content hash after computing`);
  return publishEdition(ctx, row.id, row.contentHash);
}

/**
 * The demo's worked correction (docs/corrections.md, docs/disputes.md), made through the services:
 * in the published 2024 edition, the value of the last-ranked project of the first dimension that has
 * an indicator backed by one evidence value, for the first such indicator, is disputed
 * (`DEMO_DISPUTE_CONTACT` as contact, never shown in public answers) with a proposed value (×3); a
 * reviewer accepts the dispute, which makes the proposed value a pending evidence value, and a second
 * reviewer approves it (four eyes: it supersedes the old value). Revision 2 is then computed with the
 * INSERTION policy and the cause DISPUTE, linked to that dispute, and published with its errata.
 * A second dispute, about the first-ranked project of that dimension, is rejected with a public reason.
 * Idempotent: returns the year's revision 2 when it exists.
 */
export const DEMO_CORRECTION_YEAR = 2024;
/** The contact address of the demo disputes: only the mailer reads it. */
export const DEMO_DISPUTE_CONTACT = 'maintainer@example.org';
/** The public reason the demo's rejected dispute was given. */
/** The demo project with a registered contact (docs/disputes.md, "Project contacts"; never public). */
export const DEMO_CONTACT_PROJECT = 'vllm';
export const DEMO_PROJECT_CONTACT = 'vllm-maintainer@example.org';
export const DEMO_REJECTION_REASON =
  'The cited figure counts forks as well as stars; the methodology counts stars only, so the published value stands.';
/**
 * The demo dispute's source link: an IP literal (the former example.org address, IANA's), so that the
 * dispute rule that a source must be public holds without asking DNS while seeding.
 */
const DEMO_DISPUTE_SOURCE_HOST = 'https://93.184.215.14';

export async function publishDemoCorrection(ctx: ServiceContext): Promise<EditionRow> {
  const year = DEMO_CORRECTION_YEAR;
  const revisions = await editionsOfYear(ctx, year);
  const existing = revisions.find((e) => e.revision === 2);
  if (existing?.status === 'published') return existing;
  const first = revisions.find((e) => e.revision === 1 && e.status === 'published');
  if (!first) throw new Error(`edition ${year} revision 1 is not published`);
  let disputeId: number | null = existing?.correctionDisputeId ?? null;
  if (!existing) {
    const results = await listEditionResults(ctx, first);
    const dimension = [...new Set(results.map((r) => r.dimension))].sort()[0];
    const single = (r: (typeof results)[number]) =>
      Object.keys(r.indicators)
        .sort()
        .find((k) => r.indicators[k]?.evidenceIds.length === 1);
    const candidates = results
      .filter((r) => r.dimension === dimension && single(r) !== undefined)
      .sort((a, b) => b.rank - a.rank || b.projectId - a.projectId);
    const last = candidates[0];
    const top = candidates[candidates.length - 1];
    const key = last ? single(last) : undefined;
    if (!last || !top || last === top || !key)
      throw new Error(`no single-evidence value to correct in ${year}`);
    const [old] = await loadEvidence(ctx, last.indicators[key]?.evidenceIds ?? []);
    if (!old) throw new Error(`the evidence behind ${key} is missing`);
    const project = await getProjectById(ctx, old.projectId);
    const dispute = await submitDispute(ctx, {
      edition: String(first.id),
      project: project.slug,
      indicator: old.indicatorKey,
      claim:
        `The published value of ${old.indicatorKey} for ${project.name} (${old.value}) predates a ` +
        'recount; the source below gives the value at the cutoff.',
      proposedValue: old.value === 0 ? 1 : old.value * 3,
      sourceUrl: `${DEMO_DISPUTE_SOURCE_HOST}/demo/corrections/${year}/${project.slug}/${old.indicatorKey}`,
      contact: DEMO_DISPUTE_CONTACT,
    });
    // Four eyes: one reviewer accepts the dispute (a pending value), another approves the value.
    const accepted = await acceptDispute(
      createSystemContext(ctx.deps, 'seed:reviewer'),
      String(dispute.id),
      'The source gives the value at the cutoff; the published value predates a recount.',
    );
    if (accepted.evidenceId === null) throw new Error(`dispute ${dispute.id} proposed no value`);
    await reviewEvidence(
      createSystemContext(ctx.deps, 'seed:second-reviewer'),
      accepted.evidenceId,
      'approve',
      `demo: the value of dispute ${dispute.id}, checked by a second reviewer`,
    );
    disputeId = dispute.id;
    const topProject = await getProjectById(ctx, top.projectId);
    const topKey = single(top) ?? key;
    const rejected = await submitDispute(ctx, {
      edition: String(first.id),
      project: topProject.slug,
      indicator: topKey,
      claim: `The value of ${topKey} for ${topProject.name} is too low: forks should be counted too.`,
      contact: DEMO_DISPUTE_CONTACT,
    });
    await rejectDispute(
      createSystemContext(ctx.deps, 'seed:reviewer'),
      String(rejected.id),
      DEMO_REJECTION_REASON,
    );
  }
  let edition =
    existing ??
    (await createEdition(ctx, {
      year,
      title: `${editionTitle(year)} (corrected)`,
      cutoff: first.cutoff,
      methodologyVersion: DEMO_EDITIONS.find((e) => e.year === year)?.methodologyVersion,
      correction: { policy: 'insertion', cause: 'dispute', disputeId },
    }));
  edition = await computeEdition(ctx, edition.id);
  if (!edition.contentHash) throw new Error(`edition ${year} revision 2 has no content hash`);
  return publishEdition(ctx, edition.id, edition.contentHash);
}

export interface DemoSeedResult {
  editions: EditionRow[];
}

export async function seedDemoData(
  deps: AppDeps,
  progress: Progress = silentProgress,
  /**
   * `correction`: also publish the worked correction of 2024 with its accepted and rejected disputes
   * (publishDemoCorrection; on by default).
   */
  options: { users?: boolean; correction?: boolean } = {},
): Promise<DemoSeedResult> {
  const users = options.users ?? true;
  progress.step(`Seeding demo catalog, methodology,${users ? ' users' : ''} and evidence…`);
  const summary = await seedDemo(deps.handle, { users });
  progress.step(
    `  ${summary.organizations} organizations, ${summary.projects} projects, ${summary.users} users, ` +
      `${summary.measuredEvidence + summary.illustrativeEvidence} evidence values added`,
  );
  const ctx = createSystemContext(deps, 'seed');
  const editions: EditionRow[] = [];
  for (const [i, edition] of DEMO_EDITIONS.entries()) {
    progress.step(`Edition ${edition.year}: create, compute, publish`);
    editions.push(await publishDemoEdition(ctx, edition, progress));
    progress.update(i + 1, DEMO_EDITIONS.length, 'editions');
  }
  if (options.correction ?? true) {
    progress.step(`Edition ${DEMO_CORRECTION_YEAR}: a corrected revision with its errata`);
    editions.push(await publishDemoCorrection(ctx));
    // The demo disputes' decision emails (logged and skipped without SMTP_URL) are settled before the
    // seed returns: no drain of the seed's outbox runs on into whatever uses the database next.
    await deps.disputeMail.idle();
  }
  // A registered contact, so the admin project page shows one (and a CONTACTS window has someone to email).
  if (await ctx.loaders.projectBySlug.load(DEMO_CONTACT_PROJECT))
    await setProjectContacts(ctx, DEMO_CONTACT_PROJECT, [
      { email: DEMO_PROJECT_CONTACT, name: 'Demo maintainer' },
    ]);
  progress.done('Demo data ready.');
  return { editions };
}

export async function createDemoApiKey(deps: AppDeps): Promise<string> {
  const ctx = createSystemContext(deps, 'start');
  const { key } = await createApiKey(ctx, { name: 'demo-partner', scopes: ['read'] });
  return key;
}
