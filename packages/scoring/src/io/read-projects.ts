import type { ProjectInput } from '../types';
import { CsvFileError, readTable } from './read-table';

/**
 * Reads the optional projects CSV (packages/scoring/README.md): `project,name,category,organization,country`
 * (only `project` is required; empty cells are "none"; other columns are ignored).
 *
 * @throws {CsvFileError} `FILE:LINE: reason` (empty or duplicate slug, syntax)
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
    if (slug === '') throw new CsvFileError('empty project', file, row.line);
    const first = seen.get(slug);
    if (first !== undefined) {
      throw new CsvFileError(
        `duplicate project ${JSON.stringify(slug)} (first at line ${first})`,
        file,
        row.line,
      );
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
