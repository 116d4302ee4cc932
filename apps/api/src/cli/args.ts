/**
 * Strict arguments for every `ranking` command (node:util parseArgs with `strict: true`). Each
 * command declares its positionals and options; anything else — an unknown or misspelt flag, a flag
 * without its value, a value given to a switch, a missing or extra positional — is a UsageError
 * carrying the command's usage line, raised before anything is opened or written (exit 2).
 */
import { parseArgs } from 'node:util';

type OptionType = 'string' | 'boolean';

export interface CommandSpec<O extends Record<string, OptionType> = Record<string, OptionType>> {
  /** The usage line without the leading `ranking `, e.g. `import evidence FILE.csv [--dry-run]`. */
  usage: string;
  /** What it does, for `ranking help`. */
  summary: string;
  /** Positional names in order; a trailing `?` marks an optional one (optional ones come last). */
  positionals: readonly string[];
  options: O;
}

export type OptionValues<O extends Record<string, OptionType>> = {
  [K in keyof O]?: O[K] extends 'string' ? string : boolean;
};

export interface CommandArgs<O extends Record<string, OptionType>> {
  positionals: string[];
  options: OptionValues<O>;
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage line(s) to print below the message. */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--help` / `-h`: print the usage on stdout, exit 0. */
export class HelpRequest extends Error {
  constructor(readonly usage: string) {
    super('help');
    this.name = 'HelpRequest';
  }
}

export const usageLine = (spec: CommandSpec) => `Usage: ranking ${spec.usage}`;

/** Node's message without its advice about `--`, e.g. `Unknown option '--dryrun'`. */
function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message)
    .replace(/\. To specify a positional argument.*$/, '')
    .replace(/\.$/, '');
}

export function parseCommand<O extends Record<string, OptionType>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): CommandArgs<O> {
  const usage = usageLine(spec);
  const options: Record<string, { type: OptionType; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, type] of Object.entries(spec.options)) options[name] = { type };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(shortMessage(error), usage);
  }
  if (parsed.values.help === true) throw new HelpRequest(usage);
  const given = parsed.positionals;
  const required = spec.positionals.filter((name) => !name.endsWith('?'));
  const missing = required[given.length];
  if (missing !== undefined) throw new UsageError(`Missing ${missing}`, usage);
  if (given.length > spec.positionals.length) {
    throw new UsageError(`Unexpected argument ${JSON.stringify(given[spec.positionals.length])}`, usage);
  }
  const { help: _help, ...values } = parsed.values;
  return { positionals: given, options: values as OptionValues<O> };
}

/** An integer argument or option value; `name` is how the usage line spells it. */
export function intArg(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n))
    throw new UsageError(
      `${name} must be an integer${value === undefined ? '' : `, not ${JSON.stringify(value)}`}`,
    );
  return n;
}
