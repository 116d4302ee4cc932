/**
 * Bulk evidence import (`ranking import evidence FILE.csv [--dry-run]`, and the
 * `importEvidence` mutation): a streaming parse that validates every row, then — only when every
 * row is valid — one transaction that stages the rows, inserts the new ones (natural key, ON
 * CONFLICT DO NOTHING: the same file twice adds nothing) and records one audit entry.
 *
 * File format: UTF-8 CSV (RFC 4180), header `project,indicator,value,observed_at,source_url` in any
 * order, plus optional `source_kind,note,retrieved_at`; any other column refuses the file.
 */
import { createHash } from 'node:crypto';
import { type EvidenceField, evidenceInputSchema, evidenceProblems } from '@ranking/contracts';
import type { Executor } from '@ranking/schema';
import { readCsvStream } from '@ranking/scoring';
import { sql } from 'drizzle-orm';
import { actorLabel, actorUserId, hasScope, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { clearCaches } from '../../context';
import { AppError, fromDatabaseError } from '../../errors';
import { recordAudit } from '../audit/service';
import { flagImportedAnomalies } from '../evidence/service';
import {
  countNewStagedRows,
  createStagingTable,
  insertStagedEvidence,
  loadIndicatorKeys,
  loadProjectIds,
  type StagedRow,
  type StagingSink,
  supersedeAfterImport,
  withImportTransaction,
} from './import-store';

export const REQUIRED_COLUMNS = ['project', 'indicator', 'value', 'observed_at', 'source_url'] as const;
export const OPTIONAL_COLUMNS = ['source_kind', 'note', 'retrieved_at'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** The CSV column of each evidence field, as problems name it. */
const COLUMN_OF: Record<EvidenceField, Column> = {
  project: 'project',
  indicator: 'indicator',
  value: 'value',
  sourceUrl: 'source_url',
  observedAt: 'observed_at',
  retrievedAt: 'retrieved_at',
  sourceKind: 'source_kind',
  note: 'note',
};

/** Problems listed in a report; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 200;

export interface ImportProblem {
  line: number;
  /** A column name from the header, or a character position for encoding and syntax problems. */
  column: string | null;
  message: string;
}

export interface ImportReport {
  status: 'imported' | 'dry-run' | 'refused';
  dryRun: boolean;
  approved: boolean;
  /** SHA-256 of the file's bytes. */
  fileSha256: string;
  bytes: number;
  /** Data rows read. */
  rows: number;
  /** Rows added (or, in a dry run, that would be added). */
  inserted: number;
  /** Rows already present, or repeated in the file. */
  duplicates: number;
  /** Approved values superseded by approved imported ones. */
  superseded: number;
  problems: ImportProblem[];
  problemCount: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Import as approved: an admin's four-eyes exception, audited; otherwise rows are pending. */
  approve?: boolean;
  /** Size of the input in bytes, for progress. */
  totalBytes?: number;
  onProgress?: (progress: { bytes: number; totalBytes: number; rows: number }) => void;
}

/** `line 12, column value: non-numeric value "abc"` */
export const formatProblem = (p: ImportProblem) =>
  `line ${p.line}${p.column === null ? '' : `, column ${p.column}`}: ${p.message}`;

class ImportRefused extends Error {}
class DryRunRollback extends Error {
  constructor(readonly inserted: number) {
    super('dry run');
  }
}

export async function importEvidence(
  ctx: ServiceContext,
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  requireScope(ctx.actor, 'evidence:write');
  const approve = options.approve === true;
  // Approving on import means nobody but the importer looked at the rows: only an admin may grant
  // that exception (audited as such); reviewers import pending rows for a second person to approve.
  if (approve && !hasScope(ctx.actor, 'admin')) {
    throw new AppError(
      'FORBIDDEN',
      'Approving on import needs a second person: import without approve, then another reviewer approves the rows (reviewEvidenceBatch); only an admin may approve on import, as an audited exception',
      { field: 'approve' },
    );
  }
  const dryRun = options.dryRun === true;
  // The evidence rules of @ranking/contracts (the same as submitEvidence's), messages naming columns.
  const rowSchema = evidenceInputSchema({
    now: ctx.deps.now(),
    names: {
      sourceUrl: 'source_url',
      observedAt: 'observed_at',
      retrievedAt: 'retrieved_at',
      sourceKind: 'source_kind',
    },
  });

  const fileHash = createHash('sha256');
  const report: ImportReport = {
    status: 'refused',
    dryRun,
    approved: approve,
    fileSha256: '',
    bytes: 0,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    superseded: 0,
    problems: [],
    problemCount: 0,
  };
  const problem = (line: number, column: string | null, message: string) => {
    report.problemCount++;
    if (report.problems.length < MAX_LISTED_PROBLEMS) report.problems.push({ line, column, message });
  };
  const totalBytes = options.totalBytes ?? 0;
  let lastProgress = 0;
  const onBytes = (chunk: Uint8Array) => {
    fileHash.update(chunk);
    report.bytes += chunk.length;
    const t = Date.now();
    if (options.onProgress && t - lastProgress > 200) {
      lastProgress = t;
      options.onProgress({ bytes: report.bytes, totalBytes, rows: report.rows });
    }
  };

  const run = async (tx: Executor, openSink: () => Promise<StagingSink>) => {
    // Statement timeouts suit API reads, not a million-row insert: this transaction has none.
    if (ctx.deps.handle.driver === 'postgres') await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    const projectIds = await loadProjectIds(tx);
    const indicatorKeys = await loadIndicatorKeys(tx);
    await createStagingTable(tx);
    let sink: StagingSink | null = await openSink();
    let columns: Map<Column, number> | null = null;
    let width = 0;

    for await (const item of readCsvStream(source, { onChunk: onBytes, blankLines: 'skip' })) {
      if (item.kind === 'problem') {
        problem(item.line, item.column === null ? null : String(item.column), item.message);
        if (item.line === 1) break;
        continue;
      }
      if (columns === null) {
        const header = item.fields.map((f) => f.trim());
        const found = new Map<Column, number>();
        header.forEach((name, index) => {
          if (!KNOWN_COLUMNS.includes(name)) {
            problem(
              1,
              name || String(index + 1),
              `unknown column "${name}"; columns are ${REQUIRED_COLUMNS.join(',')} and optionally ${OPTIONAL_COLUMNS.join(',')}`,
            );
          } else if (found.has(name as Column)) {
            problem(1, name, `column "${name}" appears twice`);
          } else found.set(name as Column, index);
        });
        for (const name of REQUIRED_COLUMNS) {
          if (!found.has(name)) problem(1, name, `missing required column "${name}"`);
        }
        if (report.problemCount > 0) break;
        columns = found;
        width = header.length;
        continue;
      }
      report.rows++;
      const { line, fields } = item;
      if (fields.length !== width) {
        problem(line, null, `expected ${width} fields, found ${fields.length}`);
        continue;
      }
      const get = (name: Column) => {
        const index = columns?.get(name);
        return index === undefined ? '' : (fields[index] ?? '').trim();
      };
      const slug = get('project');
      const projectId = projectIds.get(slug);
      if (projectId === undefined) problem(line, 'project', `unknown project "${slug}"`);
      const indicator = get('indicator');
      if (!indicatorKeys.has(indicator)) problem(line, 'indicator', `unknown indicator "${indicator}"`);
      const parsed = rowSchema.safeParse({
        project: slug,
        indicator,
        value: get('value'),
        sourceUrl: get('source_url'),
        observedAt: get('observed_at'),
        retrievedAt: get('retrieved_at'),
        sourceKind: get('source_kind'),
        note: get('note'),
      });
      if (!parsed.success) {
        for (const { field, message } of evidenceProblems(parsed.error)) {
          // An empty project or indicator is reported above, as unknown.
          if (field !== 'project' && field !== 'indicator') problem(line, COLUMN_OF[field], message);
        }
      }
      if (report.problemCount > 0 || projectId === undefined) {
        // Once anything is wrong the file is refused: keep validating, stop staging.
        continue;
      }
      if (!parsed.success) continue;
      const checked = parsed.data;
      const row: StagedRow = {
        line,
        projectId,
        indicatorKey: indicator,
        value: checked.value,
        sourceUrl: checked.sourceUrl,
        canonicalUrl: checked.canonicalUrl,
        observedAt: checked.observedAt,
        retrievedAt: checked.retrievedAt?.toISOString() ?? null,
        sourceKind: checked.sourceKind,
        note: checked.note,
      };
      if (sink) await sink.add(row);
    }
    if (columns === null && report.problemCount === 0) problem(1, null, 'the file is empty (no header)');
    if (sink) {
      const open = sink;
      sink = null;
      await open.close();
    }
    report.fileSha256 = fileHash.digest('hex');
    options.onProgress?.({ bytes: report.bytes, totalBytes, rows: report.rows });
    if (report.problemCount > 0) throw new ImportRefused();
    if (dryRun) throw new DryRunRollback(await countNewStagedRows(tx));
    // The importer is the submitter of every row. An approval on import is the admin's exception:
    // no second person reviewed the rows, so `reviewed_by` stays empty (the database refuses a
    // reviewer who is the submitter) and the note and the audit entry say who granted it.
    report.inserted = await insertStagedEvidence(tx, {
      submittedBy: actorUserId(ctx.actor),
      approve: approve
        ? {
            reviewedBy: null,
            note: `bulk import ${report.fileSha256.slice(0, 12)}: four-eyes exception granted by ${actorLabel(ctx.actor)}`,
          }
        : null,
    });
    report.duplicates = report.rows - report.inserted;
    if (approve) report.superseded = await supersedeAfterImport(tx);
    // Pending rows go to review: the outliers among them are flagged for the reviewers.
    else await flagImportedAnomalies(tx, report.inserted);
    report.status = 'imported';
    await recordAudit(tx, ctx, {
      action: approve ? 'evidence.import_approved' : 'evidence.import',
      entityType: 'evidence',
      entityId: null,
      after: {
        fileSha256: report.fileSha256,
        bytes: report.bytes,
        rows: report.rows,
        inserted: report.inserted,
        duplicates: report.duplicates,
        superseded: report.superseded,
        status: approve ? 'approved' : 'pending',
        ...(approve ? { exception: 'four-eyes', grantedBy: actorLabel(ctx.actor) } : {}),
      },
    });
  };

  const endTimer = ctx.deps.metrics.startTimer('evidence_import');
  try {
    await withImportTransaction(ctx.deps.handle, ctx.db, run);
    // Approving supersedes earlier values, which published answers show with their status.
    clearCaches(ctx.deps);
  } catch (error) {
    if (error instanceof ImportRefused) {
      report.status = 'refused';
      return report;
    }
    if (error instanceof DryRunRollback) {
      report.status = 'dry-run';
      report.inserted = error.inserted;
      report.duplicates = report.rows - error.inserted;
      return report;
    }
    const mapped = fromDatabaseError(error);
    if (mapped) throw mapped;
    throw error;
  } finally {
    endTimer();
    ctx.loaders.clearAll();
    ctx.cache.mark('private');
  }
  return report;
}

/** A whole text (the GraphQL mutation's argument) as a byte stream. */
export async function* textSource(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}
