/**
 * Export of a computed or published edition (`ranking export YEAR DIR`, and the HTTP downloads) and
 * offline verification of an export directory. The files are exactly what `ranking-score` reads
 * (packages/scoring/README.md); CSV text goes through the one CSV writer, which neutralises
 * spreadsheet formulas in a way its readers undo (apps/api/README.md, "CSV files"):
 *
 *   methodology.json  the stored methodology document
 *   projects.csv      project,name,category,organization,country — the edition's project snapshot
 *   evidence.csv      id,project,indicator,value,observed_at,source_url — its evidence snapshot, by id
 *   results.csv       dimension,project,rank,score,indicator,raw,normalized,contribution
 *                     (the `ranking-score --format csv` output of the files above)
 *   manifest.json     edition, methodology, cutoff, content hash, counts, SHA-256 and size per file
 *
 * `npx ranking-score --methodology methodology.json --observations evidence.csv --projects
 * projects.csv --cutoff CUTOFF --format csv` reproduces results.csv byte for byte.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { formatCsvRow, parseCsvRecords } from '@ranking/schema';
import {
  formatResultsCsvChunks,
  type Observation,
  type ProjectInput,
  parseMethodology,
} from '@ranking/scoring';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict } from '../../errors';
import { loadEditionInputs, scoreEditionInputs } from '../editions/scoring';
import type { EditionRow } from '../editions/store';
import { getMethodologyById, methodologyOf } from '../methodology/service';

export const EXPORT_FILES = ['methodology.json', 'projects.csv', 'evidence.csv', 'results.csv'] as const;
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
async function writeFile(path: string, chunks: Iterable<string>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const out = createWriteStream(path);
  for (const chunk of chunks) {
    const buffer = Buffer.from(chunk, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  return { sha256: hash.digest('hex'), bytes };
}

function* evidenceCsvChunks(observations: readonly Observation[]): Generator<string> {
  yield formatCsvRow(['id', 'project', 'indicator', 'value', 'observed_at', 'source_url']);
  let text = '';
  for (const o of observations) {
    text += formatCsvRow([o.id, o.project, o.indicator, o.value, o.observedAt, o.sourceUrl]);
    if (text.length > 1 << 16) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

export interface ExportSummary {
  dir: string;
  manifest: ExportManifest;
}

/**
 * Writes the export of `edition` into `dir` (created if needed; the five files are overwritten).
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
  const scored = scoreEditionInputs({ methodology, projects, observations, cutoff: edition.cutoff });
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
  files['evidence.csv'] = await writeFile(join(dir, 'evidence.csv'), evidenceCsvChunks(observations));
  files['results.csv'] = await writeFile(join(dir, 'results.csv'), formatResultsCsvChunks(scored.scores));
  let resultRows = 0;
  let results = 0;
  for (const d of scored.scores.dimensions) {
    results += d.entries.length;
    for (const e of d.entries) resultRows += Object.keys(e.indicators).length;
  }
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
    counts: { projects: projects.length, evidence: observations.length, results, resultRows },
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
    texts.set(name, buffer.toString('utf8'));
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
    const projects: ProjectInput[] = parseCsvRecords(projectsText, ['project']).map((r) => ({
      slug: r.project ?? '',
      category: r.category || null,
      organization: r.organization || null,
      country: r.country || null,
    }));
    const observations: Observation[] = parseCsvRecords(evidenceText, [
      'id',
      'project',
      'indicator',
      'value',
    ]).map((r) => ({
      id: r.id ?? '',
      project: r.project ?? '',
      indicator: r.indicator ?? '',
      value: Number(r.value),
      observedAt: r.observed_at || null,
      sourceUrl: r.source_url || null,
    }));
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
  check.ok = problems.length === 0;
  return check;
}
