/**
 * "The cost of growth, on paper": each step the bench measures at 10,000 projects / 1,000,000
 * evidence, extrapolated to 1,000,000 projects / 100,000,000 evidence from its measured slope, with
 * the first component to break and the existing engine that takes over there. Nothing here is
 * measured at that size; the section says so.
 */

export interface GrowthInputs {
  /** Evidence rows and projects of the measured run. */
  rows: number;
  projects: number;
  /** `importEvidence` on PostgreSQL, median ms for `rows`. */
  importMs: number;
  /** Edition compute on PostgreSQL, median ms. */
  computeMs: number;
  /** Peak RSS of `ranking edition compute` on PostgreSQL (KiB), when the scale run measured it. */
  computeRssKb: number | null;
  /** `ranking edition publish` on PostgreSQL, ms, when measured. */
  publishMs: number | null;
  /** Ranking page (first 50) with the response cache off, median ms on PostgreSQL, when measured. */
  rankingPageMs: number | null;
  /** PGlite's data directory after the scale run, bytes, when measured. */
  pgliteBytes: number | null;
  /** Requests per project of the collectors (packages/collectors/bench/RESULTS.md), when measured. */
  githubRequestsPerProject: number | null;
  hubRequestsPerProject: number | null;
}

const TARGET_PROJECTS = 1_000_000;
const TARGET_ROWS = 100_000_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A duration in the unit that reads best. */
function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${fmt(s, 1)} s`;
  if (s < 7200) return `${fmt(s / 60, 0)} min`;
  if (s < 3 * 86_400) return `${fmt(s / 3600, 1)} h`;
  return `${fmt(s / 86_400, 0)} days`;
}

/** The section's lines (Markdown). */
export function growthMarkdown(input: GrowthInputs): string[] {
  const rowsFactor = TARGET_ROWS / input.rows;
  const projectFactor = TARGET_PROJECTS / input.projects;
  const gib = (kb: number) => kb / 1024 / 1024;
  const rows: string[][] = [];
  rows.push([
    'import evidence (PostgreSQL)',
    `${duration(input.importMs)} for ${fmt(input.rows)} rows`,
    'linear in rows (COPY, one index insert per row per index)',
    duration(input.importMs * rowsFactor),
    'holds, but as one long transaction: import in batches (per source or per month)',
  ]);
  const computeRss = input.computeRssKb === null ? null : gib(input.computeRssKb);
  rows.push([
    'edition compute (PostgreSQL)',
    `${duration(input.computeMs)}${computeRss === null ? '' : `, peak RSS ${fmt(computeRss, 2)} GiB`}`,
    'linear in evidence: the snapshot read in pages into typed columns (~40 bytes a value, no object per value), results written a batch at a time; memory above the process itself grows with the columns',
    `${duration(input.computeMs * rowsFactor)}${computeRss === null ? '' : `, at most ~${fmt(computeRss * rowsFactor, 0)} GiB (a straight line through the whole RSS; the columns alone are ~4 GiB)`}`,
    'holds on one large machine (measured at 100,000 projects / 10,000,000 evidence: "Scale: 100,000 projects" above); the snapshot INSERT and the result writes dominate the time; past one machine, compute per dimension and per partition',
  ]);
  rows.push([
    'publish',
    input.publishMs === null ? 'not measured' : duration(input.publishMs),
    'constant (a status change under the guards)',
    input.publishMs === null ? '—' : duration(input.publishMs),
    'holds',
  ]);
  rows.push([
    'ranking page, first 50, cache off',
    input.rankingPageMs === null ? 'not measured' : `${fmt(input.rankingPageMs, 1)} ms`,
    'logarithmic for the page (index on edition, dimension, rank); linear for `totalCount`',
    input.rankingPageMs === null ? '—' : `~${fmt(input.rankingPageMs, 1)} ms + the count`,
    'holds if counts are stored at publish instead of counted per request',
  ]);
  rows.push([
    'embedded database (PGlite)',
    input.pgliteBytes === null ? 'not measured' : `${fmt(input.pgliteBytes / 1e9, 2)} GB on disk`,
    'linear in evidence',
    input.pgliteBytes === null ? '—' : `~${fmt((input.pgliteBytes * rowsFactor) / 1e9, 0)} GB`,
    'breaks: one WebAssembly process (4 GiB address space); PostgreSQL takes over, as it does today',
  ]);
  rows.push([
    'export (evidence.csv)',
    'not measured',
    'linear in evidence',
    `over ${fmt((118.3 * rowsFactor) / 1000, 1)} GB of CSV (the import bench's CSV is 118.3 MB per million rows, with fewer columns)`,
    'columnar exports (Parquet) per year and dimension take over from one CSV',
  ]);
  if (input.githubRequestsPerProject !== null)
    rows.push([
      'collection, GitHub',
      `${fmt(input.githubRequestsPerProject, 2)} GraphQL requests per project (25 repositories each)`,
      'linear in projects',
      `${duration(((input.githubRequestsPerProject * TARGET_PROJECTS) / 5_000) * 3_600_000)} per token at 5,000 requests an hour`,
      'holds: hours per token, more with history and issue pages; several tokens (a GitHub App per partner) divide it',
    ]);
  if (input.hubRequestsPerProject !== null)
    rows.push([
      'collection, Hugging Face Hub',
      `${fmt(input.hubRequestsPerProject, 2)} requests per project`,
      'linear in projects',
      `${duration(((input.hubRequestsPerProject * TARGET_PROJECTS) / 12_000) * 3_600_000)} at a free token's 1,000 per 5 minutes`,
      'breaks for collection: list endpoints with `expand[]` (100 repositories a request) instead of one request per repository',
    ]);
  return [
    `## The cost of growth, on paper: ${fmt(TARGET_PROJECTS)} projects, ${fmt(TARGET_ROWS)} evidence`,
    '',
    `Each step measured above at ${fmt(input.projects)} projects / ${fmt(input.rows)} evidence, scaled by its slope (×${fmt(rowsFactor)} evidence, ×${fmt(projectFactor)} projects). Extrapolations, not measurements: a straight line through one point, which is optimistic wherever caches stop fitting in memory. The evidence table is the one that grows: partitioned by edition year (PostgreSQL declarative partitioning) each edition's snapshot and compute read one partition; past one server, Citus distributes evidence and results by project.`,
    '',
    '| step | measured | slope | at 1M projects / 100M evidence | where it breaks, what takes over |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
