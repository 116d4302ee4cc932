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
import { computeEdition } from '../modules/editions/compute-service';
import { createEdition, editionsOfYear, publishEdition } from '../modules/editions/lifecycle-service';
import type { EditionRow } from '../modules/editions/model';
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

export interface DemoSeedResult {
  editions: EditionRow[];
}

export async function seedDemoData(
  deps: AppDeps,
  progress: Progress = silentProgress,
  options: { users?: boolean } = {},
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
  progress.done('Demo data ready.');
  return { editions };
}

export async function createDemoApiKey(deps: AppDeps): Promise<string> {
  const ctx = createSystemContext(deps, 'start');
  const { key } = await createApiKey(ctx, { name: 'demo-partner', scopes: ['read'] });
  return key;
}
