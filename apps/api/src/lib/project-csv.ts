/**
 * The shape the per-project CSV imports share (`ranking sources import`, `ranking contacts import`):
 * a header naming its columns in any order, one row per project and item, every row checked before
 * anything is written, each problem with its line and column. This reads and checks the file; what a
 * row holds is the caller's rule (`row`), and writing is the caller's.
 */
import { readCsvStream } from '@ranking/scoring';

export interface ProjectCsvProblem {
  line: number;
  column: string | null;
  message: string;
}

export interface ProjectCsvSpec<T> {
  /** Columns every file has; `project` first. */
  required: readonly string[];
  optional?: readonly string[];
  /** A row's own check: its value, or the problem to report (null: the row is skipped silently). */
  row(
    field: (column: string) => string,
    at: { line: number; project: string },
  ): { value: T } | { column: string; message: string } | null;
}

export interface ProjectCsvRows<T> {
  /** Data rows read (the header excluded). */
  rows: number;
  /** The rows that passed, with their project's id; empty when there is a problem. */
  parsed: Array<{ line: number; project: string; projectId: number; value: T }>;
  /** Every problem, by line; none when the file can be imported. */
  problems: ProjectCsvProblem[];
}

/**
 * Reads a per-project CSV: the header (lower-cased, trimmed; unknown, missing or repeated columns
 * refuse the file), then each row — its field count, a non-empty `project`, the caller's check —
 * and finally each project slug through `projectId` (an unknown one is a problem on its rows).
 */
export async function readProjectCsv<T>(
  input: AsyncIterable<Uint8Array>,
  spec: ProjectCsvSpec<T>,
  projectId: (slug: string) => Promise<number | undefined>,
): Promise<ProjectCsvRows<T>> {
  const known = [...spec.required, ...(spec.optional ?? [])];
  const problems: ProjectCsvProblem[] = [];
  const read: Array<{ line: number; project: string; value: T }> = [];
  let columns: Record<string, number> | undefined;
  let rows = 0;
  for await (const item of readCsvStream(input, { blankLines: 'skip' })) {
    if (item.kind === 'problem') {
      problems.push({
        line: item.line,
        column: item.column === null ? null : String(item.column),
        message: item.message,
      });
      continue;
    }
    if (!columns) {
      const header = item.fields.map((f) => f.trim().toLowerCase());
      const unknown = header.filter((h) => !known.includes(h));
      const missing = spec.required.filter((c) => !header.includes(c));
      if (unknown.length > 0 || missing.length > 0 || new Set(header).size !== header.length) {
        const shape = spec.required.join(',') + (spec.optional ?? []).map((c) => `[,${c}]`).join('');
        problems.push({
          line: item.line,
          column: null,
          message: `the header must be ${shape}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
        });
        break;
      }
      columns = Object.fromEntries(header.map((h, i) => [h, i]));
      continue;
    }
    rows++;
    const width = Object.keys(columns).length;
    if (item.fields.length !== width) {
      problems.push({
        line: item.line,
        column: null,
        message: `expected ${width} fields, found ${item.fields.length}`,
      });
      continue;
    }
    const at = columns;
    const field = (name: string) => (at[name] === undefined ? '' : (item.fields[at[name]] ?? '').trim());
    const project = field('project');
    if (project === '') {
      problems.push({ line: item.line, column: 'project', message: 'project is empty' });
      continue;
    }
    const checked = spec.row(field, { line: item.line, project });
    if (checked === null) continue;
    if ('value' in checked) read.push({ line: item.line, project, value: checked.value });
    else problems.push({ line: item.line, ...checked });
  }
  if (!columns && problems.length === 0)
    problems.push({ line: 1, column: null, message: 'the file is empty' });

  const ids = new Map<string, number>();
  for (const slug of new Set(read.map((r) => r.project))) {
    const id = await projectId(slug);
    if (id !== undefined) ids.set(slug, id);
  }
  const parsed: ProjectCsvRows<T>['parsed'] = [];
  for (const r of read) {
    const id = ids.get(r.project);
    if (id === undefined)
      problems.push({
        line: r.line,
        column: 'project',
        message: `unknown project ${JSON.stringify(r.project)}`,
      });
    else parsed.push({ ...r, projectId: id });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, parsed: problems.length > 0 ? [] : parsed, problems };
}
