import { readFileSync } from 'node:fs';
import {
  type Methodology,
  type Observation,
  type ProjectInput,
  parseCsv,
  parseMethodology,
} from '../src/index';

/** Builds a normalised methodology from a compact document (defaults filled by the real parser). */
export function methodology(doc: Record<string, unknown>): Methodology {
  return parseMethodology(JSON.stringify({ id: 't', version: '1', title: 'T', ...doc }));
}

/** Observations from `[project, indicator, value, extra?]` tuples. */
export function observations(rows: Array<[string, string, number, Partial<Observation>?]>): Observation[] {
  return rows.map(([project, indicator, value, extra]) => ({ project, indicator, value, ...(extra ?? {}) }));
}

const fixtureDir = new URL('./fixtures/', import.meta.url);

/** The fixture edition (test/fixtures): methodology, observations and projects, as the CLI reads them. */
export function fixtureEdition(): {
  methodology: Methodology;
  observations: Observation[];
  projects: ProjectInput[];
} {
  const text = (name: string) => readFileSync(new URL(name, fixtureDir), 'utf8');
  const [obsHeader, ...obsRows] = parseCsv(text('observations.csv'));
  const [projHeader, ...projRows] = parseCsv(text('projects.csv'));
  const column = (header: typeof obsHeader, fields: string[], name: string) =>
    fields[header?.fields.indexOf(name) ?? -1] ?? '';
  return {
    methodology: parseMethodology(text('methodology.json')),
    observations: obsRows.map(({ fields }) => ({
      id: column(obsHeader, fields, 'id'),
      project: column(obsHeader, fields, 'project'),
      indicator: column(obsHeader, fields, 'indicator'),
      value: Number(column(obsHeader, fields, 'value')),
      observedAt: column(obsHeader, fields, 'observed_at'),
      sourceUrl: column(obsHeader, fields, 'source_url'),
    })),
    projects: projRows.map(({ fields }) => ({
      slug: column(projHeader, fields, 'project'),
      name: column(projHeader, fields, 'name'),
      category: column(projHeader, fields, 'category') || null,
      organization: column(projHeader, fields, 'organization') || null,
      country: column(projHeader, fields, 'country') || null,
    })),
  };
}
