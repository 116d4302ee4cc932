import { MethodologyError } from '../errors';
import { readJson } from './read-json';
import { readYaml } from './read-yaml';
import type { Methodology } from './types';
import { validateMethodology } from './validate-methodology';

/** The text formats a methodology may be written in. */
export type MethodologyFormat = 'json' | 'yaml';

/**
 * Parses, validates and normalises a methodology document (docs/methodology-format.md; defaults filled
 * in; see `validateMethodology`).
 *
 * Without `format`, text whose first significant character is `{` or `[` is read as JSON, anything
 * else as YAML. JSON is read by a strict reader that reports duplicate keys (which `JSON.parse`
 * would silently merge); YAML duplicate keys and alias cycles are reported too.
 *
 * Complexity: O(length of the text).
 *
 * @throws {MethodologyError} listing every issue (syntax errors with line and column; duplicate
 *   keys, unknown keys and invalid values with their JSON path) — nothing is scored from an invalid
 *   methodology
 * @example
 * parseMethodology('{"id":"m","version":"1","title":"M","indicators":[{"key":"a","name":"A"}],' +
 *   '"dimensions":[{"key":"d","name":"D","children":[{"indicator":"a"}]}]}').scale // → 100
 */
export function parseMethodology(text: string, format?: MethodologyFormat): Methodology {
  const chosen = format ?? sniffFormat(text);
  const read = chosen === 'json' ? readJson(text) : readYaml(text);
  if (read.value === undefined) throw new MethodologyError(read.issues);
  const result = validateMethodology(read.value);
  const issues = result.ok ? read.issues : [...read.issues, ...result.issues];
  if (issues.length > 0 || !result.ok) throw new MethodologyError(issues);
  return result.methodology;
}

function sniffFormat(text: string): MethodologyFormat {
  const match = /[^\s\uFEFF]/.exec(text);
  return match && (match[0] === '{' || match[0] === '[') ? 'json' : 'yaml';
}
