/** Prepared statements of the hot read paths, one set per database handle. */
import type { Executor } from '@ranking/schema';

/** What drizzle's `.prepare(name)` gives: a statement run with values for its placeholders. */
export interface PreparedStatement<R> {
  execute(placeholders: Record<string, unknown>): Promise<R>;
}

const preparedStatements = new WeakMap<Executor, Map<string, PreparedStatement<unknown>>>();

/**
 * A statement prepared once per database handle, for the hot reads of the public API. postgres.js
 * runs an unprepared statement with parameters in two round trips (parse and describe, then bind and
 * execute) and parses it every time; a prepared one is parsed and described once per connection
 * (`project(slug:)` over HTTP on 10,000 projects: 1.6–1.9× the requests per second). PGlite runs
 * both alike. Only for statements whose text varies little: each distinct text (an `IN` list of
 * another length, say) is one more statement kept on every connection, so callers bound them.
 */
export function prepared<R>(
  db: Executor,
  name: string,
  prepare: (name: string) => PreparedStatement<R>,
): PreparedStatement<R> {
  const statements = preparedStatements.get(db) ?? new Map<string, PreparedStatement<unknown>>();
  preparedStatements.set(db, statements);
  const statement = (statements.get(name) as PreparedStatement<R> | undefined) ?? prepare(name);
  statements.set(name, statement);
  return statement;
}
