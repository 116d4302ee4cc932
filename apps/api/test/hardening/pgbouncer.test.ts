/**
 * The API behind a real PgBouncer in transaction mode (`DB_POOL_MODE=transaction`): a private
 * PostgreSQL, Debian's pgbouncer in front of it with 2 server connections, and the API with a pool
 * of 8 connecting only through the pooler. Migrations and the demo seed go through it; then
 * concurrent readers — among them a request whose two statements run side by side on one
 * connection (a count and a batched load), the shape that used to leave a query unanswered when
 * postgres.js pipelined it through the pooler — must all get the answer the same request got alone;
 * and an evidence value is submitted and approved (two users, four eyes) through the pooler.
 */
import { signUserToken } from '@ranking/contracts/auth';
import { type DatabaseHandle, migrateDatabase, users } from '@ranking/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeps, openAppDatabase } from '../../src/app';
import { createMemoryRateLimitStore } from '../../src/auth/rate-limit';
import { seedDemoData } from '../../src/cli/demo';
import type { AppDeps } from '../../src/context';
import { type Env, loadEnv } from '../../src/env';
import { type ApiServer, createApiServer } from '../../src/http/server';
import { SESSION_LIFETIME_MS } from '../../src/modules/users/service';
import { insertSession } from '../../src/modules/users/store';
import { type Pgbouncer, provisionPgbouncer, startPgbouncer } from './pgbouncer';
import { describeWithPrivatePostgres, type PrivatePostgres, startPrivatePostgres } from './private-postgres';

const SECRET = 'pgbouncer-test-secret-pgbouncer-test-0123';
const POOL_SIZE = 2;

const READS: string[] = [
  // A count and the projects' results in one request: two statements at once on the API's pool.
  '{ projects(first: 20) { totalCount edges { node { slug name category results { rank score } } } } }',
  `{ edition(year: 2026) { ranking(dimension: "model", first: 10) { totalCount edges { node { rank score
     project { slug organizations { slug } } indicators { indicator { key } raw contribution evidence { id sourceUrl } } } } } } }`,
  '{ project(slug: "qwen") { slug name organizations { slug } } }',
  '{ evidence(first: 10) { totalCount edges { node { id value observedAt status project { slug } indicator { key } } } } }',
  '{ editions { year revision status contentHash } }',
];

type Answer = { status: number; body: { data?: unknown; errors?: { message: string }[] } };

let pgbouncerBinary = '';
/** Provisions pgbouncer (apt-get) only when the suite runs; why it is missing, or null. */
function needsPgbouncer(): string | null {
  const found = provisionPgbouncer();
  if ('unavailable' in found) return found.unavailable;
  pgbouncerBinary = found.path;
  return null;
}

describeWithPrivatePostgres(
  'behind PgBouncer in transaction mode (private server and pooler)',
  () => {
    let server: PrivatePostgres;
    let pooler: Pgbouncer;
    let env: Env;
    let handle: DatabaseHandle;
    let deps: AppDeps;
    let api: ApiServer;

    async function post(query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer> {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as Answer['body'] };
    }

    async function tokenFor(email: string): Promise<string> {
      const [user] = await handle.db.select().from(users).where(eq(users.email, email));
      if (!user) throw new Error(`no user ${email}`);
      const sessionId = await insertSession(handle.db, user.id, new Date(Date.now() + SESSION_LIFETIME_MS));
      const { token } = await signUserToken(SECRET, {
        userId: user.id,
        sessionId,
        role: user.role,
        email: user.email,
        name: user.name,
      });
      return token;
    }

    /** Client backends of the app's database on the server (what the pooler opened). */
    const serverConnections = () =>
      Number(
        server.psql(
          `select count(*) from pg_stat_activity where datname = 'ranking' and backend_type = 'client backend'`,
        ),
      );

    beforeAll(async () => {
      server = await startPrivatePostgres();
      server.psql('create database ranking');
      pooler = await startPgbouncer(pgbouncerBinary, {
        serverPort: server.port,
        poolMode: 'transaction',
        poolSize: POOL_SIZE,
      });
      env = loadEnv({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_SECRET: SECRET,
        DATABASE_URL: pooler.url('ranking'),
        DB_POOL_MODE: 'transaction',
        DB_POOL_MAX: '8',
        // Every read reaches the database (through the pooler, which is what this suite tests).
        RESPONSE_CACHE_MB: '0',
        ROW_CACHE_MB: '0',
        SENSITIVITY_SAMPLES: '0',
        // A lost answer shows as a 503 within seconds rather than a hung test.
        REQUEST_TIMEOUT_MS: '10000',
      });
      handle = await openAppDatabase(env);
      await migrateDatabase(handle);
      deps = createDeps(env, { handle, authSecret: SECRET, rateLimits: createMemoryRateLimitStore() });
      await seedDemoData(deps);
      api = await createApiServer(deps, { log: () => {}, exactHost: true });
    }, 180_000);

    afterAll(async () => {
      await api?.close(1000);
      await deps?.rateLimits.close();
      await handle?.close();
      await pooler?.stop();
      server?.destroy();
    });

    it('serves through the pooler without LISTEN (caches expire by age)', () => {
      expect(deps.responseCache.followsChanges).toBe(false);
      expect(server.psql(`select count(*) from pg_stat_activity where query ilike 'listen%'`)).toBe('0');
    });

    it('answers concurrent readers, each with the answer it gets alone, over 2 server connections', async () => {
      const alone = new Map<string, Answer>();
      for (const query of READS) {
        const answer = await post(query);
        expect(answer.body.errors, query).toBeUndefined();
        expect(answer.status).toBe(200);
        alone.set(query, answer);
      }
      let most = 0;
      const sampling = setInterval(() => {
        most = Math.max(most, serverConnections());
      }, 100);
      try {
        const mismatches: string[] = [];
        await Promise.all(
          Array.from({ length: 16 }, async (_, worker) => {
            for (let i = 0; i < 5; i++) {
              const query = READS[(worker + i) % READS.length] ?? '';
              const answer = await post(query);
              if (JSON.stringify(answer) !== JSON.stringify(alone.get(query)))
                mismatches.push(
                  `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)} for ${query.slice(0, 60)}`,
                );
            }
          }),
        );
        expect(mismatches).toEqual([]);
      } finally {
        clearInterval(sampling);
      }
      most = Math.max(most, serverConnections());
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(POOL_SIZE);
    }, 120_000);

    it('takes an evidence value from submission to approval through the pooler', async () => {
      const [editor, reviewer] = await Promise.all([
        tokenFor('editor@example.org'),
        tokenFor('reviewer@example.org'),
      ]);
      const submitted = await post(
        `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id status } }`,
        {
          input: {
            project: 'vllm',
            indicator: 'github_stars',
            value: 61_234,
            sourceUrl: 'https://github.com/vllm-project/vllm',
            observedAt: '2026-11-20',
            sourceKind: 'GITHUB',
          },
        },
        editor,
      );
      expect(submitted.body.errors).toBeUndefined();
      const id = (submitted.body.data as { submitEvidence: { id: string; status: string } }).submitEvidence
        .id;
      const reviewed = await post(
        `mutation($id: ID!) { reviewEvidence(id: $id, decision: APPROVE, note: "checked") { id status } }`,
        { id },
        reviewer,
      );
      expect(reviewed.body.errors).toBeUndefined();
      const read = await post(`query($id: ID!) { evidenceItem(id: $id) { value status } }`, { id });
      expect(read.body.data).toEqual({ evidenceItem: { value: 61_234, status: 'APPROVED' } });
    }, 60_000);
  },
  needsPgbouncer,
);
