/** `ranking contacts import FILE.csv` (project contacts, docs/disputes.md "Project contacts"). */
import { createReadStream, existsSync } from 'node:fs';
import { createSystemContext } from '../context';
import { importProjectContacts } from '../modules/disputes/contacts-service';
import { UsageError } from './args';
import { printRefusal, withDeps } from './collect';
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
    return withDeps(env, async (deps) => {
      const report = await importProjectContacts(createSystemContext(deps), createReadStream(file), {
        dryRun: options['dry-run'] === true,
      });
      if (report.status === 'refused') return printRefusal(file, report.problems);
      out(
        `${report.status === 'dry-run' ? 'Dry run: would add' : 'Added'} ${plural(report.added, 'contact')} and ${report.status === 'dry-run' ? 'rename' : 'renamed'} ${report.updated}; ${plural(report.rows, 'row')}.`,
      );
      return 0;
    });
  },
);
