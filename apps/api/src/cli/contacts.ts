/** `ranking contacts import FILE.csv` (project contacts, docs/disputes.md "Project contacts"). */
import { createReadStream, existsSync } from 'node:fs';
import { bootstrap, closeDeps } from '../app';
import { createSystemContext } from '../context';
import { importProjectContacts } from '../modules/disputes/contacts-service';
import { UsageError } from './args';
import { command } from './command';

const out = (line = '') => process.stdout.write(`${line}\n`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const contactsImportCommand = command(
  {
    usage: 'contacts import FILE.csv [--dry-run]',
    summary: 'header project,email[,name]; all or nothing; adds, never removes',
    positionals: ['FILE.csv'],
    options: { 'dry-run': 'boolean' },
  },
  async ({ positionals: [fileArg], options }, env) => {
    const file = fileArg ?? '';
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    // Batch work, not a served request: no statement timeout.
    const deps = await bootstrap({ ...env, STATEMENT_TIMEOUT_MS: 0 });
    try {
      const report = await importProjectContacts(createSystemContext(deps), createReadStream(file), {
        dryRun: options['dry-run'] === true,
      });
      if (report.status === 'refused') {
        for (const p of report.problems)
          process.stderr.write(
            `${file}: line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`,
          );
        process.stderr.write(
          `REFUSED: ${plural(report.problems.length, 'problem')}; nothing was imported.\n`,
        );
        return 1;
      }
      out(
        `${report.status === 'dry-run' ? 'Dry run: would add' : 'Added'} ${plural(report.added, 'contact')} and ${report.status === 'dry-run' ? 'rename' : 'renamed'} ${report.updated}; ${plural(report.rows, 'row')}.`,
      );
      return 0;
    } finally {
      await closeDeps(deps);
    }
  },
);
