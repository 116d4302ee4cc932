import type { SQL } from 'drizzle-orm';
import type { Executor } from './db';

/**
 * Runs raw SQL and returns its rows on either driver (`db.execute` returns a row array on
 * postgres.js and `{ rows }` on PGlite). Types are the drivers' own: postgres.js returns bigint and
 * numeric as strings, so cast in SQL (`::int`, `::float8`) what must be a number.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  throw new TypeError('unexpected result shape from db.execute');
}
