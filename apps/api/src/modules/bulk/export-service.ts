/**
 * Export of a computed or published edition (`ranking export YEAR DIR`, and the HTTP downloads) and
 * offline verification of an export directory. CSV text goes through the one CSV writer, which
 * neutralises spreadsheet formulas in a way its readers undo (apps/api/README.md, "CSV files").
 *
 * The files `ranking-score` reads and writes (packages/scoring/README.md):
 *
 *   methodology.json  the stored methodology document
 *   projects.csv      project,name,category,organization,country — the edition's project snapshot
 *   evidence.csv      id,project,indicator,value,observed_at,source_url,retrieved_at,source_kind,
 *                     is_illustrative,archived_url — its evidence snapshot, by id (ranking-score
 *                     reads the first six and ignores the rest)
 *   results.csv       dimension,project,rank,score,indicator,raw,normalized,contribution
 *                     (the `ranking-score --format csv` output of the files above, byte for byte)
 *
 * and the reader's files, from the stored results of the same edition:
 *
 *   indicator_scores.csv  year,revision,dimension,project,indicator,raw,normalized,contribution,
 *                         imputed,stale,age_days (how each value came about: docs/methodology-format.md)
 *   rank_intervals.csv    the stored sensitivity interval per dimension and project
 *   region_shares.csv     country shares per dimension and overall (by the methodology's share rule),
 *                         as the API's `regionShares`, with the region's English `label`
 *   errata.csv            the values corrected by this revision and the year's earlier published
 *                         revisions (docs/corrections.md), as `Edition.errata`
 *   results.json          the ranking with names, organization, country, illustrative flag, previous rank
 *   results.ndjson, evidence.ndjson    the rows of results.csv and evidence.csv, one typed JSON object
 *                         per line; results.parquet, evidence.parquet the same as Parquet (export-formats.ts)
 *   datapackage.json      Frictionless Tabular Data Package: a Table Schema per CSV (data-package.ts)
 *   CITATION.cff          Citation File Format 1.2.0, the content hash (and the DOI, when set) as identifiers
 *   README.md             the edition's metadata, the files, how to verify and cite
 *   manifest.json         edition, methodology, cutoff, content hash, counts, SHA-256 and size per file
 *
 * results.csv stays exactly what ranking-score writes, so the export re-scores byte for byte; the
 * columns a reader wants beside it (names, previous rank, illustrative) are in results.json, since
 * ranking-score cannot know a previous edition.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { formatCsvRow, parseCsvRecords } from '@ranking/schema';
import {
  type EditionScores,
  formatResultsCsvChunks,
  type Observation,
  parseMethodology,
  readObservations,
  readProjects,
} from '@ranking/scoring';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict } from '../../errors';
import { loadErrata } from '../editions/errata-service';
import type { EditionRow } from '../editions/model';
import {
  getRegionShares,
  listEditionResults,
  rankIntervalOf,
  regionLabel,
} from '../editions/ranking-service';
import { loadCorrectionBasis, loadEditionInputs, scoreEditionInputs } from '../editions/scoring-service';
import { listRevisions } from '../editions/visibility-service';
import { getMethodologyById, methodologyOf } from '../methodology/service';
import { listProjectsForScoring } from '../projects/service';
import { citationOf, dataPackageOf, type PackageEdition, readmeOf, TABLE_SCHEMAS } from './data-package';
import { ndjsonChunks, type TypedRow, typedCell, writeParquetFile } from './export-formats';
import { type EvidenceContextRow, forEachEvidenceContextPage } from './export-store';

export const EXPORT_FILES = [
  'methodology.json',
  'projects.csv',
  'evidence.csv',
  'results.csv',
  'indicator_scores.csv',
  'rank_intervals.csv',
  'region_shares.csv',
  'errata.csv',
  'results.json',
  'results.ndjson',
  'evidence.ndjson',
  'results.parquet',
  'evidence.parquet',
  'datapackage.json',
  'CITATION.cff',
  'README.md',
] as const;
export type ExportFile = (typeof EXPORT_FILES)[number] | 'manifest.json';

export interface ExportManifest {
  format: 'ranking-edition-export/1';
  edition: { year: number; revision: number; title: string; status: string; publishedAt: string | null };
  methodology: { id: string; version: string };
  cutoff: string;
  contentHash: string;
  counts: { projects: number; evidence: number; results: number; resultRows: number };
  files: Record<string, { sha256: string; bytes: number }>;
  reproduce: string;
}

/** Writes the chunks to `path`, returning the file's SHA-256 and size. */
async function writeFile(
  path: string,
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const out = createWriteStream(path);
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  return { sha256: hash.digest('hex'), bytes };
}

/** Joins rows into chunks of about 64 KiB. */
function* chunked(rows: Iterable<string>): Generator<string> {
  let text = '';
  for (const row of rows) {
    text += row;
    if (text.length > 1 << 16) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/**
 * `archived_url`: the most recent Wayback Machine copy of the source recorded by the link checks
 * (apps/api/src/modules/links) — for a published edition, recorded before its publication — or empty.
 */
const EVIDENCE_HEADER = [
  'id',
  'project',
  'indicator',
  'value',
  'observed_at',
  'source_url',
  'retrieved_at',
  'source_kind',
  'is_illustrative',
  'archived_url',
];

/** The rows of evidence.csv, typed (evidence.ndjson and evidence.parquet hold them as they are). */
function* evidenceRows(
  observations: readonly Observation[],
  context: ReadonlyMap<string, EvidenceContextRow>,
): Generator<TypedRow> {
  for (const o of observations) {
    const c = o.id ? context.get(o.id) : undefined;
    yield {
      id: o.id ? Number(o.id) : null,
      project: o.project,
      indicator: o.indicator,
      value: o.value,
      observed_at: o.observedAt ?? null,
      source_url: o.sourceUrl ?? null,
      retrieved_at: c?.retrievedAt ? c.retrievedAt.toISOString() : null,
      source_kind: c?.sourceKind ?? null,
      is_illustrative: c ? c.isIllustrative : null,
      archived_url: c?.archivedUrl ?? null,
    };
  }
}

function* evidenceCsvChunks(rows: Iterable<TypedRow>): Generator<string> {
  yield formatCsvRow(EVIDENCE_HEADER);
  yield* chunked(
    (function* () {
      for (const row of rows) yield formatCsvRow(EVIDENCE_HEADER.map((name) => row[name]));
    })(),
  );
}

/**
 * The rows of results.csv, typed, in its order (results.csv itself is ranking-score's own text,
 * formatResultsCsvChunks; results.ndjson and results.parquet hold these).
 */
function* typedResultRows(scores: EditionScores): Generator<TypedRow> {
  for (const d of scores.dimensions) {
    for (const e of d.entries) {
      for (const [key, r] of Object.entries(e.indicators)) {
        yield {
          dimension: d.key,
          project: e.project,
          rank: e.rank,
          score: e.score,
          indicator: key,
          raw: r.raw,
          normalized: r.normalized,
          contribution: r.contribution,
        };
      }
    }
  }
}

/** The Table Schema fields of a CSV of the export (data-package.ts). */
function fieldsOf(file: string) {
  const schema = TABLE_SCHEMAS[file];
  if (!schema) throw new Error(`no Table Schema for ${file}`);
  return schema.fields;
}

/** The engine's values in long form, with the edition named on every row. */
function* indicatorScoresChunks(edition: EditionRow, scores: EditionScores): Generator<string> {
  yield formatCsvRow([
    'year',
    'revision',
    'dimension',
    'project',
    'indicator',
    'raw',
    'normalized',
    'contribution',
    'imputed',
    'stale',
    'age_days',
  ]);
  yield* chunked(
    (function* () {
      for (const d of scores.dimensions) {
        for (const e of d.entries) {
          for (const [key, r] of Object.entries(e.indicators)) {
            yield formatCsvRow([
              edition.year,
              edition.revision,
              d.key,
              e.project,
              key,
              r.raw,
              r.normalized,
              r.contribution,
              // Scored with every freshness flag (scoreEditionInputs); the fallbacks only type it.
              r.imputed ?? r.raw === null,
              r.stale ?? false,
              r.ageDays ?? null,
            ]);
          }
        }
      }
    })(),
  );
}

/** One entry of results.json: a ranked project as a reader sees it. */
export interface ResultsJsonEntry {
  rank: number;
  previousRank: number | null;
  project: string;
  name: string;
  organization: string | null;
  country: string | null;
  score: number;
  /** Some evidence behind the entry's values is illustrative (demo values, not measured). */
  illustrative: boolean;
}

export interface ExportSummary {
  dir: string;
  manifest: ExportManifest;
}

/**
 * Writes the export of `edition` into `dir` (created if needed; its files are overwritten).
 * The results are re-scored from the snapshots and must reproduce the stored content hash —
 * otherwise nothing is written and the export is a CONFLICT.
 */
export async function exportEdition(
  ctx: ServiceContext,
  edition: EditionRow,
  dir: string,
  onProgress: (step: string) => void = () => {},
): Promise<ExportSummary> {
  if (edition.status !== 'published') requireScope(ctx.actor, 'read:drafts');
  if (edition.status === 'draft' || !edition.contentHash) throw conflict('The edition has not been computed');
  const methodologyRow = await getMethodologyById(ctx, edition.methodologyId);
  const methodology = methodologyOf(methodologyRow);
  onProgress('load');
  const { projects, observations } = await loadEditionInputs(ctx.db, edition.id);
  onProgress('score');
  const correction = await loadCorrectionBasis(ctx.db, edition);
  const scored = scoreEditionInputs({
    methodology,
    projects,
    observations,
    cutoff: edition.cutoff,
    correction,
  });
  if (scored.contentHash !== edition.contentHash) {
    throw conflict('The stored snapshot does not reproduce the edition content hash; run ranking verify', {
      contentHash: edition.contentHash,
      computedHash: scored.contentHash,
    });
  }
  onProgress('write');
  mkdirSync(dir, { recursive: true });
  const files: ExportManifest['files'] = {};
  files['methodology.json'] = await writeFile(join(dir, 'methodology.json'), [
    `${JSON.stringify(methodologyRow.document, null, 2)}\n`,
  ]);
  files['projects.csv'] = await writeFile(
    join(dir, 'projects.csv'),
    (function* () {
      yield formatCsvRow(['project', 'name', 'category', 'organization', 'country']);
      for (const p of projects) yield formatCsvRow([p.slug, p.name, p.category, p.organization, p.country]);
    })(),
  );
  const context = new Map<string, EvidenceContextRow>();
  const illustrativeIds = new Set<string>();
  // A published edition's files never change: its archived URLs are those recorded before it was
  // published (a copy found later is in Evidence.link, not in these bytes).
  await forEachEvidenceContextPage(ctx.db, edition.id, edition.publishedAt, (rows) => {
    for (const r of rows) {
      context.set(String(r.id), r);
      if (r.isIllustrative) illustrativeIds.add(String(r.id));
    }
  });
  files['evidence.csv'] = await writeFile(
    join(dir, 'evidence.csv'),
    evidenceCsvChunks(evidenceRows(observations, context)),
  );
  // Footer metadata of the Parquet files: what they are a copy of (no DOI, which may change later).
  const parquetMetadata = (file: string) => ({
    'ranking.edition': `${edition.year} revision ${edition.revision}`,
    'ranking.content_hash': `sha256:${edition.contentHash}`,
    'ranking.copy_of': file,
  });
  files['evidence.ndjson'] = await writeFile(
    join(dir, 'evidence.ndjson'),
    ndjsonChunks(fieldsOf('evidence.csv'), evidenceRows(observations, context)),
  );
  files['evidence.parquet'] = await writeParquetFile(
    join(dir, 'evidence.parquet'),
    fieldsOf('evidence.csv'),
    evidenceRows(observations, context),
    parquetMetadata('evidence.csv'),
  );
  context.clear();
  files['results.csv'] = await writeFile(join(dir, 'results.csv'), formatResultsCsvChunks(scored.scores));
  files['results.ndjson'] = await writeFile(
    join(dir, 'results.ndjson'),
    ndjsonChunks(fieldsOf('results.csv'), typedResultRows(scored.scores)),
  );
  files['results.parquet'] = await writeParquetFile(
    join(dir, 'results.parquet'),
    fieldsOf('results.csv'),
    typedResultRows(scored.scores),
    parquetMetadata('results.csv'),
  );
  files['indicator_scores.csv'] = await writeFile(
    join(dir, 'indicator_scores.csv'),
    indicatorScoresChunks(edition, scored.scores),
  );
  const stored = await listEditionResults(ctx, edition);
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const slugOf = (id: number) => projectById.get(id)?.slug ?? String(id);
  files['rank_intervals.csv'] = await writeFile(
    join(dir, 'rank_intervals.csv'),
    (function* () {
      yield formatCsvRow([
        'year',
        'revision',
        'dimension',
        'project',
        'rank',
        'median_rank',
        'p05_rank',
        'p95_rank',
      ]);
      yield* chunked(
        (function* () {
          for (const r of stored) {
            const interval = rankIntervalOf(r);
            if (!interval) continue;
            yield formatCsvRow([
              edition.year,
              edition.revision,
              r.dimension,
              slugOf(r.projectId),
              interval.rank,
              interval.medianRank,
              interval.p05Rank,
              interval.p95Rank,
            ]);
          }
        })(),
      );
    })(),
  );
  // The shares the API answers (`regionShares`), per dimension and then over all dimensions.
  const dimensionKeys = scored.scores.dimensions.map((d) => d.key);
  const shareRows: string[] = [
    formatCsvRow(['year', 'revision', 'dimension', 'region', 'share', 'projects', 'score', 'label']),
  ];
  for (const key of [...dimensionKeys, null]) {
    for (const s of await getRegionShares(ctx, edition, key)) {
      shareRows.push(
        formatCsvRow([
          edition.year,
          edition.revision,
          key,
          s.region,
          s.share,
          s.projects,
          s.score,
          regionLabel(s.region),
        ]),
      );
    }
  }
  files['region_shares.csv'] = await writeFile(join(dir, 'region_shares.csv'), chunked(shareRows));
  // This revision's errata and those of the year's earlier published revisions, oldest first.
  const revisions = (await listRevisions(ctx, edition)).filter(
    (e) => e.revision <= edition.revision && (e.id === edition.id || e.status === 'published'),
  );
  const errata = await loadErrata(ctx, revisions);
  const slugs = new Map((await listProjectsForScoring(ctx.db)).map((p) => [p.id, p.slug]));
  const revisionOf = new Map(revisions.map((e) => [e.id, e.revision]));
  files['errata.csv'] = await writeFile(
    join(dir, 'errata.csv'),
    (function* () {
      yield formatCsvRow([
        'year',
        'revision',
        'corrected_revision',
        'project',
        'indicator',
        'dimension',
        'old_value',
        'new_value',
        'old_score',
        'new_score',
        'old_rank',
        'new_rank',
        'cause',
        'dispute_id',
        'decided_at',
        'recorded_at',
      ]);
      for (const e of revisions)
        for (const erratum of errata.get(e.id) ?? [])
          for (const r of erratum.rows)
            yield formatCsvRow([
              e.year,
              e.revision,
              revisionOf.get(r.correctedEditionId) ?? e.revision - 1,
              slugs.get(r.projectId) ?? slugOf(r.projectId),
              r.indicatorKey,
              r.dimension,
              r.oldValue,
              r.newValue,
              r.oldScore,
              r.newScore,
              r.oldRank,
              r.newRank,
              r.cause,
              r.disputeId,
              r.decidedAt ? r.decidedAt.toISOString() : null,
              r.recordedAt.toISOString(),
            ]);
    })(),
  );
  const byDimension = new Map<string, ResultsJsonEntry[]>(dimensionKeys.map((k) => [k, []]));
  for (const r of stored) {
    const p = projectById.get(r.projectId);
    const illustrative = Object.values(r.indicators).some((i) =>
      i.evidenceIds.some((id) => illustrativeIds.has(String(id))),
    );
    byDimension.get(r.dimension)?.push({
      rank: r.rank,
      previousRank: r.previousRank,
      project: slugOf(r.projectId),
      name: p?.name ?? slugOf(r.projectId),
      organization: p?.organization ?? null,
      country: p?.country ?? null,
      score: r.score,
      illustrative,
    });
  }
  const resultsJson = {
    edition: { year: edition.year, revision: edition.revision, title: edition.title },
    methodology: { id: methodology.id, version: methodology.version },
    cutoff: edition.cutoff,
    contentHash: edition.contentHash,
    dimensions: [...byDimension].map(([key, entries]) => ({ key, entries })),
  };
  files['results.json'] = await writeFile(join(dir, 'results.json'), [
    `${JSON.stringify(resultsJson, null, 2)}\n`,
  ]);
  let resultRows = 0;
  let results = 0;
  for (const d of scored.scores.dimensions) {
    results += d.entries.length;
    for (const e of d.entries) resultRows += Object.keys(e.indicators).length;
  }
  const counts = { projects: projects.length, evidence: observations.length, results, resultRows };
  const described: PackageEdition = {
    year: edition.year,
    revision: edition.revision,
    title: edition.title,
    status: edition.status,
    publishedAt: edition.publishedAt ? edition.publishedAt.toISOString() : null,
    methodology: { id: methodology.id, version: methodology.version },
    cutoff: edition.cutoff,
    contentHash: edition.contentHash,
    doi: edition.doi,
    counts,
  };
  files['datapackage.json'] = await writeFile(join(dir, 'datapackage.json'), [
    `${JSON.stringify(dataPackageOf(described, files), null, 2)}\n`,
  ]);
  files['CITATION.cff'] = await writeFile(join(dir, 'CITATION.cff'), [citationOf(described)]);
  files['README.md'] = await writeFile(join(dir, 'README.md'), [readmeOf(described, files)]);
  const manifest: ExportManifest = {
    format: 'ranking-edition-export/1',
    edition: {
      year: edition.year,
      revision: edition.revision,
      title: edition.title,
      status: edition.status,
      publishedAt: edition.publishedAt ? edition.publishedAt.toISOString() : null,
    },
    methodology: { id: methodology.id, version: methodology.version },
    cutoff: edition.cutoff,
    contentHash: edition.contentHash,
    counts,
    files,
    reproduce: `npx ranking-score --methodology methodology.json --observations evidence.csv --projects projects.csv --cutoff ${edition.cutoff} --format csv`,
  };
  await writeFile(join(dir, 'manifest.json'), [`${JSON.stringify(manifest, null, 2)}\n`]);
  return { dir, manifest };
}

export interface ExportCheck {
  ok: boolean;
  problems: string[];
  manifest: ExportManifest | null;
  computedHash: string | null;
}

const sha256Of = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

/**
 * Checks an export directory without a database: every file against the manifest's SHA-256 and
 * size, then re-scores methodology.json + projects.csv + evidence.csv with the engine and compares
 * the content hash with the manifest's and the results with results.csv. Any edit shows.
 */
export function verifyExportDir(dir: string): ExportCheck {
  const problems: string[] = [];
  const check: ExportCheck = { ok: false, problems, manifest: null, computedHash: null };
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    problems.push('manifest.json is missing');
    return check;
  }
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ExportManifest;
  } catch (error) {
    problems.push(`manifest.json is not valid JSON: ${String(error)}`);
    return check;
  }
  check.manifest = manifest;
  if (manifest.format !== 'ranking-edition-export/1' || typeof manifest.files !== 'object') {
    problems.push('manifest.json is not a ranking edition export manifest');
    return check;
  }
  const texts = new Map<string, string>();
  for (const name of EXPORT_FILES) {
    const path = join(dir, name);
    const expected = manifest.files[name];
    if (!existsSync(path)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const buffer = readFileSync(path);
    // Only the text files are read again below; a Parquet file is checked by its hash alone.
    if (!name.endsWith('.parquet')) texts.set(name, buffer.toString('utf8'));
    if (!expected) problems.push(`${name} is not listed in the manifest`);
    else if (expected.sha256 !== sha256Of(buffer) || expected.bytes !== buffer.length) {
      problems.push(`${name}: SHA-256 ${sha256Of(buffer)} does not match the manifest (${expected.sha256})`);
    }
  }
  const methodologyText = texts.get('methodology.json');
  const projectsText = texts.get('projects.csv');
  const evidenceText = texts.get('evidence.csv');
  const resultsText = texts.get('results.csv');
  if (methodologyText === undefined || projectsText === undefined || evidenceText === undefined) return check;
  try {
    const methodology = parseMethodology(methodologyText, 'json');
    // The readers of ranking-score itself: the export is verified as a partner re-scores it.
    const { projects } = readProjects(projectsText, 'projects.csv');
    const { observations } = readObservations(evidenceText, 'evidence.csv');
    const scored = scoreEditionInputs({ methodology, projects, observations, cutoff: manifest.cutoff });
    check.computedHash = scored.contentHash;
    if (scored.contentHash !== manifest.contentHash) {
      problems.push(
        `content hash: re-scoring gives ${scored.contentHash}, the manifest says ${manifest.contentHash}`,
      );
    }
    if (resultsText !== undefined && [...formatResultsCsvChunks(scored.scores)].join('') !== resultsText) {
      problems.push('results.csv differs from re-scoring the exported methodology, projects and evidence');
    }
  } catch (error) {
    problems.push(
      `re-scoring failed: ${error instanceof AppError || error instanceof Error ? error.message : String(error)}`,
    );
  }
  for (const [ndjson, csv] of [
    ['results.ndjson', 'results.csv'],
    ['evidence.ndjson', 'evidence.csv'],
  ] as const) {
    const lines = texts.get(ndjson);
    const csvText = texts.get(csv);
    if (lines === undefined || csvText === undefined) continue;
    const problem = ndjsonProblem(lines, csvText, csv);
    if (problem) problems.push(`${ndjson}: ${problem}`);
  }
  check.ok = problems.length === 0;
  return check;
}

/** Where an NDJSON copy differs from its CSV read under the CSV's Table Schema, or null. */
function ndjsonProblem(ndjson: string, csvText: string, csv: string): string | null {
  const schema = TABLE_SCHEMAS[csv];
  if (!schema) return `no Table Schema for ${csv}`;
  let rows: Record<string, string>[];
  try {
    rows = parseCsvRecords(csvText);
  } catch (error) {
    return `${csv} does not parse: ${error instanceof Error ? error.message : String(error)}`;
  }
  const lines = ndjson.split('\n');
  if (lines.pop() !== '') return 'the last line does not end with a line feed';
  if (lines.length !== rows.length) return `${lines.length} lines, ${csv} has ${rows.length} rows`;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? {};
    const expected: TypedRow = {};
    for (const f of schema.fields) expected[f.name] = typedCell(f, row[f.name] ?? '', schema.missingValues);
    if (lines[i] !== JSON.stringify(expected)) return `line ${i + 1} differs from line ${i + 2} of ${csv}`;
  }
  return null;
}
