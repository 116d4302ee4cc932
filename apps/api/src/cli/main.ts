/**
 * The `ranking` operator CLI (DESIGN section 9). Every command goes through the same services as the
 * GraphQL resolvers, with the system actor; nothing here re-implements a business rule.
 */
import { EnvError, loadEnv } from '../env';
import { UsageError } from './args';
import { COMMANDS, printUsage } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    printUsage();
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command: ${name}\n\n`);
    printUsage();
    return 2;
  }
  const env = loadEnv(process.env);
  return command(rest, env);
}

try {
  const code = await main(process.argv.slice(2));
  // `serve`/`start` keep running and exit from their signal handlers.
  if (code !== -1) process.exit(code);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
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
