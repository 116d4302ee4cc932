import { readDatePart } from '../engine/dates';
import type { Observation } from '../types';
import { CsvFileError, readTable } from './read-table';

/** A decimal number as written in CSV: optional sign, digits with an optional fraction, optional exponent. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads the observations CSV (packages/scoring/README.md): header `project,indicator,value` with optional
 * `id,observed_at,source_url`; other columns are ignored. Returns the observations and, for each,
 * the line it came from (so engine errors can point at the file line).
 *
 * Values must be decimal numbers (`1e6`, `-0.5`; not `0x10`, `Infinity` or empty); dates `YYYY-MM-DD`;
 * ids, when given, unique. Fields are trimmed of surrounding spaces.
 *
 * @throws {CsvFileError} `FILE:LINE: reason`
 */
export function readObservations(
  text: string,
  file: string,
): { observations: Observation[]; lines: number[] } {
  const table = readTable(text, file, ['project', 'indicator', 'value']);
  const observations: Observation[] = [];
  const lines: number[] = [];
  const idLine = new Map<string, number>();
  for (const row of table.rows) {
    const { line } = row;
    const project = (row.get('project') ?? '').trim();
    const indicator = (row.get('indicator') ?? '').trim();
    const valueText = (row.get('value') ?? '').trim();
    if (project === '') throw new CsvFileError('empty project', file, line);
    if (indicator === '') throw new CsvFileError('empty indicator', file, line);
    if (!NUMBER.test(valueText)) {
      throw new CsvFileError(
        `non-numeric value ${JSON.stringify(valueText)} (project ${project}, indicator ${indicator})`,
        file,
        line,
      );
    }
    const value = Number(valueText);
    if (!Number.isFinite(value)) throw new CsvFileError(`value ${valueText} is out of range`, file, line);
    const observation: Observation = { project, indicator, value };
    const id = row.get('id')?.trim();
    if (id) {
      const first = idLine.get(id);
      if (first !== undefined)
        throw new CsvFileError(`duplicate id ${JSON.stringify(id)} (first at line ${first})`, file, line);
      idLine.set(id, line);
      observation.id = id;
    }
    const observedAt = row.get('observed_at')?.trim();
    if (observedAt) {
      if (readDatePart(observedAt) === undefined) {
        throw new CsvFileError(
          `observed_at must be a YYYY-MM-DD date, not ${JSON.stringify(observedAt)}`,
          file,
          line,
        );
      }
      observation.observedAt = observedAt;
    }
    const sourceUrl = row.get('source_url')?.trim();
    if (sourceUrl) observation.sourceUrl = sourceUrl;
    observations.push(observation);
    lines.push(line);
  }
  return { observations, lines };
}
