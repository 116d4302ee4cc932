/**
 * `ranking sources import FILE.csv` and `ranking collect` (evidence collection,
 * apps/api/README.md "Evidence collection").
 */
import { createReadStream, existsSync } from 'node:fs';
import type { CollectorSource, Finding, LogEntry } from '@ranking/collectors';
import { COLLECTOR_SOURCES } from '@ranking/collectors';
import { bootstrap, closeDeps } from '../app';
import { type AppDeps, createSystemContext } from '../context';
import { collectorConfigOf, type Env } from '../env';
import type { ProjectCsvProblem } from '../lib/project-csv';
import {
  importProjectSources,
  previewCollection,
  runCollection,
  startCollection,
  unfinishedRuns,
} from '../modules/collection/service';
import { listFindings, type SourceCounts } from '../modules/collection/store';
import { intArg, UsageError } from './args';
import { command, listOf } from './command';
import { createProgress } from './progress';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Runs `work` with the app's dependencies, closing them after. */
export async function withDeps<T>(env: Env, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  // Batch work, not a served request: no statement timeout (as for the other operator commands).
  const deps = await bootstrap({ ...env, STATEMENT_TIMEOUT_MS: 0 });
  try {
    return await work(deps);
  } finally {
    await closeDeps(deps);
  }
}

/**
 * A per-project CSV refused (`sources import`, `contacts import`): each problem by line and column on
 * stderr, then the count; the exit code 1.
 */
export function printRefusal(file: string, problems: readonly ProjectCsvProblem[]): 1 {
  for (const p of problems)
    process.stderr.write(`${file}: line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
  process.stderr.write(
    `REFUSED: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.\n`,
  );
  return 1;
}

export const sourcesImportCommand = command(
  {
    usage: 'sources import FILE.csv [--dry-run]',
    summary: 'header project,kind,identifier; all or nothing; idempotent',
    positionals: ['FILE.csv'],
    options: { 'dry-run': 'boolean' },
  },
  async ({ positionals: [fileArg], options }, env) => {
    const file = fileArg ?? '';
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    return withDeps(env, async (deps) => {
      const report = await importProjectSources(createSystemContext(deps), createReadStream(file), {
        dryRun: options['dry-run'] === true,
      });
      if (report.status === 'refused') return printRefusal(file, report.problems);
      out(
        `${report.status === 'dry-run' ? 'Dry run: would add' : 'Added'} ${report.added} source identifier${report.added === 1 ? '' : 's'}; ${report.unchanged} already listed or repeated; ${report.rows} rows.`,
      );
      return 0;
    });
  },
);

function printSummary(
  counts: SourceCounts,
  findings: { project: string; source: string; kind: string; identifier: string; message: string }[],
) {
  out('source       added  unchanged  failed');
  for (const [source, c] of Object.entries(counts))
    out(
      `${source.padEnd(12)} ${String(c.added).padStart(5)}  ${String(c.unchanged).padStart(9)}  ${String(c.failed).padStart(6)}`,
    );
  for (const f of findings) out(`  ${f.kind} ${f.source} ${f.project} ${f.identifier}: ${f.message}`);
}

export const collectCommand = command(
  {
    usage: `collect [--source ${COLLECTOR_SOURCES.join('|')}]... [--project SLUG]... [--dry-run] [--resume RUN_ID]`,
    summary: 'collect evidence (pending, with provenance) from the sources; resumes unfinished runs first',
    positionals: [],
    options: { source: 'string', project: 'string', 'dry-run': 'boolean', resume: 'string' },
  },
  async ({ options }, env) => {
    const sources = listOf(options.source);
    for (const s of sources)
      if (!(COLLECTOR_SOURCES as readonly string[]).includes(s))
        throw new UsageError(`Unknown source ${JSON.stringify(s)} (one of ${COLLECTOR_SOURCES.join(', ')})`);
    const projects = listOf(options.project);
    const resume = options.resume === undefined ? undefined : intArg(options.resume, 'RUN_ID');
    if (resume !== undefined && (sources.length > 0 || projects.length > 0 || options['dry-run']))
      throw new UsageError('--resume takes no --source, --project or --dry-run');
    const config = collectorConfigOf(env);
    return withDeps(env, async (deps) => {
      const ctx = createSystemContext(deps, 'collect');
      const progress = createProgress();
      let items = 0;
      const log = (entry: LogEntry) => {
        if (entry.level === 'warn' || entry.level === 'error')
          progress.step(`${entry.level}: ${entry.source ? `${entry.source}: ` : ''}${entry.message}`);
      };
      const onItem = (item: { type: string; project: string }) => {
        items++;
        progress.update(items, 0, `values and findings (last: ${item.project})`);
      };
      if (options['dry-run']) {
        const preview = await previewCollection(ctx, { sources, projects }, { config, log, onItem });
        progress.done();
        out('Dry run: nothing was written.');
        printSummary(
          preview.counts,
          preview.findings.map((f: Finding) => ({ ...f, identifier: f.identifier.identifier })),
        );
        return 0;
      }
      const runIds: number[] = [];
      if (resume !== undefined) runIds.push(resume);
      else {
        // Runs a stopped process left unfinished go first (same sources, no duplicates).
        for (const run of await unfinishedRuns(ctx)) runIds.push(run.id);
        const run = await startCollection(ctx, { sources: sources as CollectorSource[], projects });
        runIds.push(run.id);
      }
      let code = 0;
      for (const id of runIds) {
        progress.step(`Collection run ${id}…`);
        const run = await runCollection(ctx, id, { config, log, onItem });
        progress.done();
        out(`Run ${run.id}: ${run.status}`);
        printSummary(run.counts, await listFindings(deps.db, run.id));
        if (run.error) out(`errors:\n${run.error}`);
        if (run.status !== 'completed') code = 1;
      }
      return code;
    });
  },
  ['source', 'project'],
);
