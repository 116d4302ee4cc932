/**
 * Shared pieces of the hardening suite: which driver to use, a leak detector for responses, a raw
 * HTTP helper and database fingerprints (row counts plus the audit log) to prove that a refused
 * request changed nothing.
 */
import type { Driver } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import type { TestApi } from '../helpers';

/** The real server when one is configured (CI), else PGlite: for suites that need only one. */
export const primaryDriver = (): Driver => (testDrivers().includes('postgres') ? 'postgres' : 'pglite');

/**
 * What must never reach a client: stack frames, source paths, driver and ORM names, SQL text or
 * PostgreSQL's own messages.
 */
export const INTERNAL_DETAIL: readonly [string, RegExp][] = [
  ['stack frame', /\bat [\w$.<>]+ \(|\bat (file:\/\/|\/)[^\s]+:\d+:\d+/],
  ['stacktrace key', /"stacktrace"|"exception"/],
  ['source path', /\/work\/|node_modules|\/src\/[\w/-]+\.ts|\.tsx?:\d+/],
  ['driver or ORM', /\b(pglite|postgres\.js|PostgresError|drizzle|DrizzleQueryError)\b/i],
  [
    'SQL text',
    /Failed query|\b(select|insert into|update|delete from)\b[^"]{0,40}\b(from|set|values|where)\b/i,
  ],
  [
    'PostgreSQL message',
    /syntax error at or near|relation "|column "|violates|duplicate key|invalid input syntax|SQLSTATE/i,
  ],
];

/** Names of the leak patterns found in `text` (the serialized errors of a response). */
export function leaksIn(text: string): string[] {
  return INTERNAL_DETAIL.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function raw(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const post = (api: TestApi, body: unknown, headers: Record<string, string> = {}) =>
  raw(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Per table, what is hashed: whole rows, or the columns a refused request must not change. */
const FINGERPRINT: Record<string, string> = {
  evidence: 't::text',
  audit_log: 't.id::text',
  projects: 't::text',
  project_organizations: 't::text',
  organizations: 't::text',
  editions: 't::text',
  results: 't.edition_id::text',
  edition_evidence: 't.edition_id::text',
  methodologies: 't.id::text',
  indicators: 't::text',
  users: 't::text',
  disputes: 't::text',
  dispute_emails: 't::text',
  contest_windows: 't::text',
  // last_used_at moves when a key is used: only the set of keys and their revocation count.
  api_keys: "t.id::text || ':' || coalesce(t.revoked_at::text, '')",
};

/** Row count and a hash of the rows of every table a mutation may write (audit log included). */
export async function fingerprint(api: TestApi): Promise<Record<string, string>> {
  const parts = Object.entries(FINGERPRINT).map(
    ([table, expr]) =>
      `select '${table}' as name, count(*)::text || ':' || md5(coalesce(string_agg(${expr}, ',' order by ${expr}), '')) as value from ${table} t`,
  );
  const rows = await api.handle.db.execute<{ name: string; value: string }>(
    sql.raw(parts.join(' union all ')),
  );
  const list = Array.isArray(rows)
    ? rows
    : (rows as unknown as { rows: { name: string; value: string }[] }).rows;
  return Object.fromEntries(list.map((r) => [r.name, r.value]));
}
