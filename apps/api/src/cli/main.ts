/**
 * The `ranking` operator CLI (README.md, "Commands"). Every command goes through the same services as
 * the GraphQL resolvers, with the system actor; nothing here re-implements a business rule. Arguments
 * are parsed strictly: a usage error is exit 2 with the command's usage line, before anything runs.
 */
import { DataDirLockedError } from '@ranking/schema';
import { EnvError, loadEnv } from '../env';
import { HelpRequest, UsageError } from './args';
import { COMMANDS, printUsage } from './commands';

/** Why the command stopped, and what to do instead (README.md, "Configuration"). */
function dataDirLockedMessage(error: DataDirLockedError): string {
  const stop = error.owner
    ? `stop it first (kill ${error.owner.pid}, or Ctrl-C where it runs)`
    : 'stop it first';
  return [
    `ranking: ${error.message}`,
    'Nothing was done. The embedded database (PGlite) can be open in one process only: a second one',
    "would write to its own copy and the owner's next write would erase it.",
    `Instead: ${stop} and run this command again; or make the change through the running API`,
    '(GraphQL API or admin app); or set DATABASE_URL to a PostgreSQL server, which any number of',
    'processes can share.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    printUsage();
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`ranking: unknown command ${JSON.stringify(name)}\n\n`);
    printUsage();
    return 2;
  }
  const env = loadEnv(process.env);
  return command.run(rest, env);
}

try {
  const code = await main(process.argv.slice(2));
  // `serve`/`start` keep running and exit from their signal handlers.
  if (code !== -1) process.exit(code);
} catch (error) {
  if (error instanceof HelpRequest) {
    process.stdout.write(`${error.usage}\n`);
    process.exit(0);
  }
  if (error instanceof UsageError) {
    process.stderr.write(`ranking: ${error.message}\n${error.usage ? `${error.usage}\n` : ''}`);
    process.exit(2);
  }
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${dataDirLockedMessage(error)}\n`);
    process.exit(2);
  }
  const { AppError } = await import('../errors');
  if (error instanceof AppError) {
    process.stderr.write(`${error.code}: ${error.message}${error.field ? ` (${error.field})` : ''}\n`);
    process.exit(1);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
