import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../engine/dates';
import { scoreEdition } from '../engine/score-edition';
import { MethodologyError, ScoringInputError } from '../errors';
import { readObservations } from '../io/read-observations';
import { readProjects } from '../io/read-projects';
import { CsvFileError } from '../io/read-table';
import { type MethodologyFormat, parseMethodology } from '../methodology/parse-methodology';
import type { Methodology } from '../methodology/types';
import { runSensitivity } from '../sensitivity/run-sensitivity';
import { computeShares } from '../shares/compute-shares';
import { shareRuleOf } from '../shares/share-rule';
import type { ProjectInput } from '../types';
import { CliError } from './cli-error';
import { formatCsv, formatJson, type SensitivityOutput } from './format-output';

/** What the CLI touches of the outside world (injected so tests can run it in-process too). */
export interface CliIo {
  readFile: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const USAGE = `Usage: ranking-score --methodology FILE --observations FILE [--projects FILE]
                     [--cutoff YYYY-MM-DD] [--format json|csv] [--sensitivity N --seed S [--delta D]]

Scores a methodology (JSON or YAML) over evidence values (CSV) with the engine of @ranking/scoring.

  --methodology FILE   methodology document; .json, .yaml/.yml, or sniffed
  --observations FILE  CSV: project,indicator,value[,id,observed_at,source_url] (other columns ignored)
  --projects FILE      CSV: project,name,category,organization,country; without it every project
                       in the observations is in every dimension and has no country
  --cutoff DATE        ignore observations observed after DATE (YYYY-MM-DD); ages and freshness
                       windows are measured back from it (required when the methodology has windows)
  --format json|csv    json (default): {methodology, dimensions, shares, sensitivity?};
                       csv: dimension,project,rank,score,indicator,raw,normalized,contribution
  --sensitivity N      Monte Carlo rank intervals with N samples (JSON only); weights ×U[1-D,1+D]
  --seed S             seed of the Monte Carlo draws (required with --sensitivity)
  --delta D            half-width of the weight factor (default 0.25)
  -h, --help           this text

Node values ("nodes") are on the score's scale (node value × scale). Errors go to stderr as
FILE:LINE: reason or FILE: $.json.path: reason, with exit code 2 and nothing on stdout.
`;

/**
 * The `ranking-score` command (see the package README). Returns the exit code: 0 on success, 2 on any input
 * error (reported on stderr, nothing written to stdout). The whole output is built before anything
 * is written, so a failure never leaves partial output.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const output = run(argv, io);
    io.stdout(output);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      // A mistake in the command line itself is shown with the synopsis, as `--help` would.
      io.stderr(`${error.format()}\n${error instanceof UsageError ? SYNOPSIS : ''}`);
      return 2;
    }
    throw error;
  }
}

/** A CSV input file's problem, reported as `FILE:LINE: reason`. */
function readCsvFile<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CsvFileError)
      throw new CliError(error.reason, { file: error.file, line: error.line });
    throw error;
  }
}

/** The command line was wrong (not an input file): reported with the synopsis. */
class UsageError extends CliError {}

/** The usage lines at the top of USAGE. */
const SYNOPSIS = `${USAGE.split('\n\n')[0]}\n`;

function run(argv: readonly string[], io: CliIo): string {
  const options = readOptions(argv);
  if (options.help) return USAGE;

  const methodologyText = readText(io, options.methodology);
  let methodology: Methodology;
  try {
    methodology = parseMethodology(methodologyText, formatOf(options.methodology));
  } catch (error) {
    if (!(error instanceof MethodologyError)) throw error;
    throw methodologyCliError(error, options.methodology);
  }

  const { observations, lines } = readCsvFile(() =>
    readObservations(readText(io, options.observations), options.observations),
  );
  let projects: ProjectInput[] | undefined;
  let projectLines: number[] = [];
  if (options.projects !== undefined) {
    const file = options.projects;
    const read = readCsvFile(() => readProjects(readText(io, file), file));
    projects = read.projects;
    projectLines = read.lines;
  }

  const input = {
    methodology,
    observations,
    ...(projects === undefined ? {} : { projects }),
    ...(options.cutoff === undefined ? {} : { cutoff: options.cutoff }),
  };
  try {
    // The JSON output reports imputed/stale/ageDays for every methodology (it is not hashed).
    const scores = scoreEdition({ ...input, freshness: 'always' });
    if (options.format === 'csv') return formatCsv(scores);
    const shareProjects = projects ?? [];
    const rule = shareRuleOf(methodology);
    const shares = {
      country: computeShares(scores, shareProjects, 'country', { rule }),
      organization: computeShares(scores, shareProjects, 'organization', { rule }),
    };
    let sensitivity: SensitivityOutput | undefined;
    if (options.sensitivity !== undefined) {
      const seed = options.seed ?? '';
      sensitivity = {
        samples: options.sensitivity,
        seed,
        delta: options.delta,
        dimensions: runSensitivity({ ...input, samples: options.sensitivity, seed, delta: options.delta }),
      };
    }
    return formatJson(scores, shares, sensitivity);
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    if (error.code === 'MISSING_CUTOFF')
      throw new CliError(`--cutoff YYYY-MM-DD is required: ${error.message}`);
    const observation = error.observations[0];
    if (observation !== undefined) {
      throw new CliError(error.message, { file: options.observations, line: lines[observation] ?? 1 });
    }
    if (error.projectIndex !== undefined && options.projects !== undefined) {
      throw new CliError(error.message, {
        file: options.projects,
        line: projectLines[error.projectIndex] ?? 1,
      });
    }
    throw new CliError(error.message, { file: options.observations });
  }
}

interface Options {
  help: boolean;
  methodology: string;
  observations: string;
  projects: string | undefined;
  cutoff: string | undefined;
  format: 'json' | 'csv';
  sensitivity: number | undefined;
  seed: string | undefined;
  delta: number;
}

function readOptions(argv: readonly string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        methodology: { type: 'string' },
        observations: { type: 'string' },
        projects: { type: 'string' },
        cutoff: { type: 'string' },
        format: { type: 'string' },
        sensitivity: { type: 'string' },
        seed: { type: 'string' },
        delta: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (values.help === true) {
    return {
      help: true,
      methodology: '',
      observations: '',
      projects: undefined,
      cutoff: undefined,
      format: 'json',
      sensitivity: undefined,
      seed: undefined,
      delta: 0.25,
    };
  }
  const methodology = text('methodology');
  const observations = text('observations');
  if (methodology === undefined) throw new UsageError('--methodology FILE is required (see --help)');
  if (observations === undefined) throw new UsageError('--observations FILE is required (see --help)');
  const format = text('format') ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new UsageError(`--format must be json or csv, not ${JSON.stringify(format)}`);
  const cutoff = text('cutoff');
  if (cutoff !== undefined && !isIsoDate(cutoff)) {
    throw new UsageError(`--cutoff must be a YYYY-MM-DD date, not ${JSON.stringify(cutoff)}`);
  }
  const samplesText = text('sensitivity');
  const seed = text('seed');
  const deltaText = text('delta');
  let sensitivity: number | undefined;
  if (samplesText !== undefined) {
    if (!/^[1-9]\d*$/.test(samplesText) || Number(samplesText) > 1_000_000) {
      throw new UsageError(
        `--sensitivity must be a whole number of samples in [1, 1000000], not ${JSON.stringify(samplesText)}`,
      );
    }
    if (seed === undefined)
      throw new UsageError('--sensitivity needs --seed S (so that the result can be reproduced)');
    if (format === 'csv') throw new UsageError('--sensitivity is only available with --format json');
    sensitivity = Number(samplesText);
  } else if (seed !== undefined || deltaText !== undefined) {
    throw new UsageError('--seed and --delta only apply with --sensitivity N');
  }
  let delta = 0.25;
  if (deltaText !== undefined) {
    delta = Number(deltaText);
    if (deltaText.trim() === '' || !(delta >= 0 && delta <= 1)) {
      throw new UsageError(`--delta must be a number in [0, 1], not ${JSON.stringify(deltaText)}`);
    }
  }
  return {
    help: false,
    methodology,
    observations,
    projects: text('projects'),
    cutoff,
    format,
    sensitivity,
    seed,
    delta,
  };
}

function readText(io: CliIo, file: string): string {
  try {
    return io.readFile(file);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot read file';
    throw new CliError(code ? `${reason} (${code})` : reason, { file });
  }
}

function formatOf(file: string): MethodologyFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/** All issues of an invalid methodology, one per stderr line (the first as the error, the rest appended). */
function methodologyCliError(error: MethodologyError, file: string): CliError {
  const lines = error.issues.map((issue) =>
    issue.path === '$' && issue.line !== undefined
      ? new CliError(issue.message, { file, line: issue.line }).format()
      : new CliError(issue.message, { file, path: issue.path }).format(),
  );
  const first = lines[0] ?? `${file}: invalid methodology`;
  return new MultiLineCliError(first, lines);
}

/** A CliError whose report spans several lines (every methodology issue). */
class MultiLineCliError extends CliError {
  private readonly lines: string[];
  constructor(first: string, lines: string[]) {
    super(first);
    this.lines = lines;
  }
  override format(): string {
    return this.lines.join('\n');
  }
}
