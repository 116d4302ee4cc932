/**
 * Test harness: a fresh database per driver (PGlite in memory, or a new database on
 * TEST_DATABASE_URL's server), optionally seeded with the demo through the services, and the
 * assembled API server on an ephemeral port. Tests talk to it over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { signUserToken } from '@ranking/contracts/auth';
import type { DatabaseHandle, Driver, Role } from '@ranking/schema';
import { users } from '@ranking/schema';
import { createTestDatabase } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { createDeps } from '../src/app';
import { createMemoryRateLimitStore, type RateLimitStore } from '../src/auth/rate-limit';
import { seedDemoData } from '../src/cli/demo';
import { type AppDeps, createSystemContext } from '../src/context';
import { loadEnv } from '../src/env';
import { createApiServer } from '../src/http/server';
import { createApiKey } from '../src/modules/api-keys/service';
import { SESSION_LIFETIME_MS } from '../src/modules/users/service';
import { insertSession } from '../src/modules/users/store';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  driver: Driver;
  deps: AppDeps;
  handle: DatabaseHandle;
  url: string;
  /** POSTs a GraphQL request. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** A 15-minute token for a demo user of that role (or any email), from a new sign-in session. */
  tokenFor(roleOrEmail: Role | string): Promise<string>;
  /** A fresh API key with the given scopes. */
  keyWith(scopes: string[], name?: string): Promise<string>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export interface StartOptions {
  seed?: boolean;
  /** Seed in this process through the services instead of copying the run's seeded template (tests that observe the seeding itself, e.g. its metrics). */
  seedHere?: boolean;
  env?: Record<string, string>;
  rateLimits?: RateLimitStore;
  now?: () => Date;
  /** Receives the server's error log (default: dropped). */
  log?: (line: string) => void;
}

/** The environment every test API runs with (plus a test's own variables). */
export const testEnv = (extra: Record<string, string> = {}) =>
  loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_SECRET: TEST_SECRET,
    SENSITIVITY_SAMPLES: '20',
    ...extra,
  });

/** Seeds the demo into `handle` as `startTestApi({ seed: true })` does (test/global-setup.ts keeps a copy). */
export async function seedTestDatabase(handle: DatabaseHandle): Promise<void> {
  const deps = createDeps(testEnv(), {
    handle,
    authSecret: TEST_SECRET,
    rateLimits: createMemoryRateLimitStore(),
  });
  await seedDemoData(deps);
  await deps.rateLimits.close();
}

let seededPglite: Blob | undefined;

/**
 * The demo, seeded once per run by test/global-setup.ts, when the test asks for it with the standard
 * environment and clock (a test with its own variables or clock seeds its own database).
 */
function seededTemplate(driver: Driver, options: StartOptions): string | Blob | undefined {
  if (!options.seed || options.seedHere || options.env || options.now) return undefined;
  if (driver === 'postgres') return inject('seededPostgres') || undefined;
  const file = inject('seededPglite');
  if (!file) return undefined;
  seededPglite ??= new Blob([readFileSync(file)]);
  return seededPglite;
}

export async function startTestApi(driver: Driver, options: StartOptions = {}): Promise<TestApi> {
  const template = seededTemplate(driver, options);
  const handle = await createTestDatabase({ driver, max: 8, template });
  const env = testEnv(options.env);
  const deps = createDeps(env, {
    handle,
    authSecret: TEST_SECRET,
    rateLimits: options.rateLimits ?? createMemoryRateLimitStore(),
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.seed && !template) await seedDemoData(deps);
  const server = await createApiServer(deps, { log: options.log ?? (() => {}), exactHost: true });

  const api: TestApi = {
    driver,
    deps,
    handle,
    url: server.url,
    async gql(query, variables, opts = {}) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const body = text ? (JSON.parse(text) as { data?: never; errors?: never }) : {};
      return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
    },
    async tokenFor(roleOrEmail) {
      const email = roleOrEmail.includes('@') ? roleOrEmail : `${roleOrEmail}@example.org`;
      const [user] = await handle.db
        .select({ id: users.id, role: users.role, email: users.email, name: users.name })
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      if (!user) throw new Error(`no user ${email}`);
      const sessionId = await insertSession(handle.db, user.id, new Date(Date.now() + SESSION_LIFETIME_MS));
      const { token } = await signUserToken(TEST_SECRET, {
        userId: user.id,
        sessionId,
        role: user.role,
        email: user.email,
        name: user.name,
      });
      return token;
    },
    async keyWith(scopes, name = `test-${scopes.join('+') || 'none'}`) {
      const { key } = await createApiKey(createSystemContext(deps, 'test'), { name, scopes });
      return key;
    },
    async count(table) {
      const rows = await handle.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
      const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { n: number }[] }).rows;
      return Number(list[0]?.n ?? 0);
    },
    async close() {
      await server.close(1000);
      await deps.rateLimits.close();
      await handle.close();
    },
  };
  return api;
}

/** The first error's extensions.code. */
export const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/**
 * Counts SQL statements sent by the app, by wrapping the driver's query entry point (PGlite's
 * `query`, postgres.js's `unsafe`) — the calls drizzle makes for every statement outside transactions.
 */
export function countStatements(handle: DatabaseHandle): {
  readonly count: number;
  reset(): void;
  restore(): void;
} {
  let count = 0;
  const client = handle.client;
  if (client.kind === 'pglite') {
    const original = client.pglite.query.bind(client.pglite);
    client.pglite.query = ((...args: Parameters<typeof original>) => {
      count++;
      return original(...args);
    }) as typeof client.pglite.query;
    return {
      get count() {
        return count;
      },
      reset: () => {
        count = 0;
      },
      restore: () => {
        client.pglite.query = original as typeof client.pglite.query;
      },
    };
  }
  const sqlClient = client.sql;
  const original = sqlClient.unsafe;
  sqlClient.unsafe = ((...args: Parameters<typeof original>) => {
    count++;
    return original.apply(sqlClient, args);
  }) as typeof original;
  return {
    get count() {
      return count;
    },
    reset: () => {
      count = 0;
    },
    restore: () => {
      sqlClient.unsafe = original;
    },
  };
}
