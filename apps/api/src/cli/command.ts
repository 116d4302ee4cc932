/**
 * One CLI command: its usage lines and how it runs, and `command()`, which builds one from a strict
 * argument spec (args.ts). Kept apart from the command table (commands.ts), which imports every
 * command, so commands can share these without an import cycle.
 */
import type { Env } from '../env';
import { type CommandSpec, parseCommand, UsageError, usageLine } from './args';

export type Command = (argv: string[], env: Env) => Promise<number>;

/** A command (or a group of actions, like `edition create|compute|publish`) and its usage lines. */
export interface CliCommand {
  specs: CommandSpec[];
  run: Command;
}

/** Parses `argv` strictly; a UsageError raised while running gets the usage line too. */
export function command<O extends Record<string, 'string' | 'boolean'>>(
  spec: CommandSpec<O>,
  run: (args: ReturnType<typeof parseCommand<O>>, env: Env) => Promise<number>,
  /** Options that may be given several times (`--source a --source b`): joined with commas. */
  repeatable: readonly string[] = [],
): CliCommand {
  return {
    specs: [spec],
    run: async (argv, env) => {
      const args = parseCommand(spec, joinRepeated(argv, repeatable));
      try {
        return await run(args, env);
      } catch (error) {
        if (error instanceof UsageError && error.usage === undefined)
          throw new UsageError(error.message, usageLine(spec));
        throw error;
      }
    },
  };
}

/** `--x a --x=b` → `--x a,b` for the repeatable options (node's parseArgs would keep the last). */
function joinRepeated(argv: readonly string[], repeatable: readonly string[]): string[] {
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = repeatable.find((r) => arg === `--${r}` || arg.startsWith(`--${r}=`));
    if (name === undefined || arg === '--') {
      rest.push(arg);
      continue;
    }
    let value: string | undefined;
    if (arg.includes('=')) value = arg.slice(arg.indexOf('=') + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) {
        rest.push(arg); // parseArgs reports the missing value
        continue;
      }
      i++;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  for (const [name, list] of values) rest.push(`--${name}=${list.join(',')}`);
  return rest;
}

export const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
