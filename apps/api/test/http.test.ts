/**
 * The HTTP surface: GraphQL over HTTP rules (graphql-http's audit suite), CSRF and body limits,
 * GraphiQL without a CDN, armor limits, masked errors, production switches, the request deadline
 * (503 instead of hanging on a busy database) and graceful shutdown.
 */
import { testDrivers } from '@ranking/schema/testing';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, type TestApi } from './helpers';

/** Holds every database connection of `api` (PGlite has one; the postgres pool has 8) until released. */
async function holdDatabase(api: TestApi): Promise<() => Promise<void>> {
  const connections = api.driver === 'pglite' ? 1 : 8;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = 0;
  const held: Promise<void>[] = [];
  const allStarted = new Promise<void>((resolve) => {
    for (let i = 0; i < connections; i++) {
      held.push(
        api.handle.db.transaction(async () => {
          started++;
          if (started === connections) resolve();
          await gate;
        }),
      );
    }
  });
  await allStarted;
  return async () => {
    release();
    // Back in the pool once every holding transaction has committed.
    await Promise.all(held);
  };
}

describe.each(testDrivers())('HTTP surface (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver, { env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => api?.close());

  it('passes every MUST of the graphql-http audit suite', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: `${api.url}/graphql`, fetchFn: fetch })) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok') {
        failures.push(`${audit.name}: ${'reason' in result ? result.reason : ''}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers GET queries and refuses mutations over GET', async () => {
    const ok = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ editions { year } }')}`);
    expect(ok.status).toBe(200);
    const mutation = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('mutation { createEdition(input: { year: 2030, title: "x", cutoff: "2030-01-01" }) { id } }')}`,
    );
    expect(mutation.status).toBe(405);
  });

  it('refuses batches, non-JSON POSTs (CSRF), bad JSON and oversized bodies', async () => {
    const post = (body: string, contentType?: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: contentType ? { 'content-type': contentType } : {},
        body,
      });
    expect((await post('[{"query":"{ editions { year } }"}]', 'application/json')).status).toBe(400);
    expect((await post('{"query":"{ editions { year } }"}', 'text/plain')).status).toBe(415);
    expect((await post('query=%7Beditions%7Byear%7D%7D', 'application/x-www-form-urlencoded')).status).toBe(
      415,
    );
    expect((await post('{"query":"{ editions { year } }"}')).status).toBe(415);
    expect((await post('{"query":', 'application/json')).status).toBe(400);
    const big = JSON.stringify({ query: `{ editions { year } } # ${'x'.repeat(5000)}` });
    expect((await post(big, 'application/json')).status).toBe(413);
    const put = await fetch(`${api.url}/graphql`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
  });

  it('serves GraphiQL from its own assets (no CDN)', async () => {
    const page = await fetch(`${api.url}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('graphiql.min.js');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const asset of [
      'graphiql.min.js',
      'graphiql.min.css',
      'react.production.min.js',
      'react-dom.production.min.js',
      'init.js',
    ]) {
      const res = await fetch(`${api.url}/graphiql/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      await res.arrayBuffer();
    }
    const redirect = await fetch(`${api.url}/graphql`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const introspection = await api.gql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
    );
    expect(introspection.data?.__schema.queryType.name).toBe('Query');
  });

  it('limits depth and aliases, and never suggests field names', async () => {
    const nested = (depth: number): string =>
      depth === 0 ? 'id' : `previousEdition { ${nested(depth - 1)} }`;
    const deep = await api.gql(`{ editions { ${nested(15)} } }`);
    expect(codeOf(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: editions { year }`).join(' ');
    const many = await api.gql(`{ ${aliases} }`);
    expect(many.errors?.[0]?.message).toMatch(/alias/i);
    const typo = await api.gql('{ editionz { year } }');
    expect(codeOf(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('answers 503 when the database does not answer within the deadline', async () => {
    // A second server on the same database with a short deadline.
    const { createApiServer } = await import('../src/http/server');
    const hurried = await createApiServer(
      { ...api.deps, env: { ...api.deps.env, REQUEST_TIMEOUT_MS: 500 } },
      { log: () => {}, exactHost: true },
    );
    const release = await holdDatabase(api);
    try {
      // Answered by the 500 ms deadline, not when the database lets go: the fetch gives up at 5 s.
      const res = await fetch(
        `${hurried.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`,
        { signal: AbortSignal.timeout(5000) },
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(
        ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
      ).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await release();
      await hurried.close(1000);
    }
    const after = await api.gql('{ projects { totalCount } }');
    expect(after.errors).toBeUndefined();
  });
});

describe.each(testDrivers())('lifecycle (%s)', (driver) => {
  it('finishes in-flight requests on shutdown and refuses new connections', async () => {
    const api = await startTestApi(driver, { env: { REQUEST_TIMEOUT_MS: '10000' } });
    const { createApiServer } = await import('../src/http/server');
    const server = await createApiServer(api.deps, { log: () => {}, exactHost: true });
    const release = await holdDatabase(api);
    // In flight once the server has received it (it then waits for the held database).
    const received = new Promise((resolve) => server.server.once('request', resolve));
    const inFlight = fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`,
    );
    await received;
    const closed = server.close(5000);
    // New connections are refused from now on: tried until one is, for at most 5 s.
    let refused = false;
    for (const deadline = Date.now() + 5000; !refused && Date.now() < deadline; ) {
      refused = await fetch(`${server.url}/healthz`).then(
        () => false,
        () => true,
      );
    }
    expect(refused).toBe(true);
    await release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closed;
    await api.close();
  });

  it('masks internal errors and turns off introspection and GraphiQL in production', async () => {
    const api = await startTestApi(driver, { env: { NODE_ENV: 'production' } });
    try {
      const introspection = await api.gql('{ __schema { queryType { name } } }');
      expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await fetch(`${api.url}/graphiql`)).status).toBe(404);
      const typo = await api.gql('{ editionz { year } }');
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      // Break the database underneath: errors must not leak driver details.
      await api.handle.close();
      const broken = await api.gql('{ projects { totalCount } }');
      // A closed postgres.js pool is a connection error (retryable: SERVICE_UNAVAILABLE); PGlite's is internal.
      expect(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']).toContain(codeOf(broken));
      expect(['Internal server error', 'The database is unavailable; try again']).toContain(
        broken.errors?.[0]?.message,
      );
      expect(JSON.stringify(broken.errors)).not.toMatch(/stack|closed|pglite|postgres/i);
      expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    } finally {
      await api.close().catch(() => {});
    }
  });
});
