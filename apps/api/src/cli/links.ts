/**
 * `ranking links check` (docs/operations.md, "Link checks"): checks evidence source links and records
 * each check; dead links are listed with an archived copy where the Wayback Machine has one.
 */
import type { LogEntry } from '@ranking/collectors';
import { bootstrap, closeDeps } from '../app';
import { createSystemContext } from '../context';
import { collectorConfigOf } from '../env';
import { AppError } from '../errors';
import { checkEvidenceLinks, parseDurationMs } from '../modules/links/service';
import { UsageError } from './args';
import { command, listOf } from './command';
import { createProgress } from './progress';

const out = (line = '') => process.stdout.write(`${line}\n`);

export const linksCheckCommand = command(
  {
    usage: 'links check [--project SLUG]... [--older-than DURATION]',
    summary:
      'check evidence source links not checked within DURATION (default 24h; 0: all), record each check; exit 0 when done',
    positionals: [],
    options: { project: 'string', 'older-than': 'string' },
  },
  async ({ options }, env) => {
    const projects = listOf(options.project);
    const olderThanText = options['older-than'];
    const olderThanMs = olderThanText === undefined ? undefined : parseDurationMs(olderThanText);
    if (olderThanText !== undefined && olderThanMs === undefined)
      throw new UsageError(
        `--older-than must be a duration such as 0, 30m, 12h, 7d or P7D, not ${JSON.stringify(olderThanText)}`,
      );
    // Refuses LINK_CHECK_ALLOW_PRIVATE in production (exit 2) before the database is opened.
    const config = collectorConfigOf(env);
    const deps = await bootstrap({ ...env, STATEMENT_TIMEOUT_MS: 0 });
    try {
      const ctx = createSystemContext(deps, 'links check');
      const progress = createProgress();
      const log = (entry: LogEntry) => {
        if (entry.level === 'warn' || entry.level === 'error')
          progress.step(`${entry.level}: ${entry.message}`);
      };
      progress.step(`Checking evidence links${projects.length > 0 ? ` of ${projects.join(', ')}` : ''}…`);
      let summary: Awaited<ReturnType<typeof checkEvidenceLinks>>;
      try {
        summary = await checkEvidenceLinks(
          ctx,
          { projects, ...(olderThanMs === undefined ? {} : { olderThanMs }) },
          { config, log, onLink: (done, total) => progress.update(done, total, 'links') },
        );
      } catch (error) {
        // An unknown project is a bad argument: nothing was checked.
        if (error instanceof AppError && error.code === 'BAD_USER_INPUT') throw new UsageError(error.message);
        throw error;
      }
      progress.done();
      out(
        `Checked ${summary.links} link${summary.links === 1 ? '' : 's'} of ${summary.evidence} evidence value${summary.evidence === 1 ? '' : 's'}: ${summary.checked} requested, ${summary.reused} from a recent check.`,
      );
      for (const [status, n] of Object.entries(summary.byStatus))
        out(`${status.padEnd(12)} ${String(n).padStart(6)}`);
      if (summary.archived > 0) out(`Archived copies found for ${summary.archived} dead links.`);
      for (const p of summary.problems) {
        out(
          `  ${p.status} ${p.url}${p.error ? `: ${p.error}` : ''} (evidence ${p.evidenceIds.join(', ')})${p.archivedUrl ? `; archived: ${p.archivedUrl}` : ''}`,
        );
      }
      return 0;
    } finally {
      await closeDeps(deps);
    }
  },
  ['project'],
);
