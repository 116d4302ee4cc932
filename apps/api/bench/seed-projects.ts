/**
 * `ranking seed --synthetic N` with no evidence, which the CLI has no flag for: the synthetic
 * organizations and projects (seed 1) of the bench's scale runs, so `ranking import evidence` can
 * then load the synthetic evidence CSV. Usage: `node --import tsx bench/seed-projects.ts N`, on
 * DATABASE_URL if set, else on PGlite in PGLITE_DIR (migrated already). A benchmark helper, not app code.
 */
import { openDatabase, seedSynthetic } from '@ranking/schema';

const projects = Number(process.argv[2]);
if (!Number.isInteger(projects) || projects < 0) throw new Error('usage: seed-projects.ts PROJECTS');
const url = process.env.DATABASE_URL;
const dataDir = process.env.PGLITE_DIR;
if (!url && !dataDir) throw new Error('seed-projects.ts needs DATABASE_URL or PGLITE_DIR');
const handle = await openDatabase(url ? { url, max: 1 } : { dataDir });
try {
  const summary = await seedSynthetic(handle, { projects, seed: 1, evidencePerProject: 0 });
  process.stdout.write(
    `Added ${summary.organizations} organizations, ${summary.projects} projects, ${summary.evidence} evidence values in ${summary.ms} ms.\n`,
  );
} finally {
  await handle.close();
}
