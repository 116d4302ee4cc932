import type { ProjectInput } from '../types';
import { CliError } from './cli-error';
import { readTable } from './read-table';

/**
 * Reads the optional projects CSV (packages/scoring/README.md): `project,name,category,organization,country`
 * (only `project` is required; empty cells are "none"; other columns are ignored).
 *
 * @throws {CliError} `FILE:LINE: reason` (empty or duplicate slug, syntax)
 */
export function readProjects(text: string, file: string): { projects: ProjectInput[]; lines: number[] } {
  const table = readTable(text, file, ['project']);
  const projects: ProjectInput[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  const cell = (value: string | undefined): string | null => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  };
  for (const row of table.rows) {
    const slug = (row.get('project') ?? '').trim();
    if (slug === '') throw new CliError('empty project', { file, line: row.line });
    const first = seen.get(slug);
    if (first !== undefined) {
      throw new CliError(`duplicate project ${JSON.stringify(slug)} (first at line ${first})`, {
        file,
        line: row.line,
      });
    }
    seen.set(slug, row.line);
    const project: ProjectInput = {
      slug,
      category: cell(row.get('category')),
      organization: cell(row.get('organization')),
      country: cell(row.get('country')),
    };
    const name = cell(row.get('name'));
    if (name !== null) project.name = name;
    projects.push(project);
    lines.push(row.line);
  }
  return { projects, lines };
}
