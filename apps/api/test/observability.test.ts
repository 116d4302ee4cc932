/**
 * What operators see, over real HTTP: JSON log lines carrying the request id (the caller's when
 * well-formed), with credentials and secret-named variables redacted; Prometheus metrics at
 * /metrics, open in development, behind METRICS_TOKEN when set, loopback-only in production
 * without one.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsAccess } from '../src/http/metrics-endpoint';
import { startTestApi, type TestApi } from './helpers';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

/** Collects the server's log output, line by line, and lets a test wait for a line. */
function captureLog() {
  const raw: string[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  return {
    raw,
    get lines(): LogLine[] {
      return raw.map((line) => JSON.parse(line) as LogLine);
    },
    write(line: string) {
      raw.push(line);
      const parsed = JSON.parse(line) as LogLine;
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(parsed)) waiter.resolve(parsed);
        else waiters.push(waiter);
      }
    },
    /** The first line (logged already or to come) that matches. */
    waitFor(match: (line: LogLine) => boolean): Promise<LogLine> {
      const found = raw.map((line) => JSON.parse(line) as LogLine).find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

/**
 * The Prometheus text exposition format, strictly: `# HELP`/`# TYPE` lines and samples
 * `name{label="value",…} number`. Throws on any other line; returns the samples.
 */
function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|-Inf|NaN))$/.exec(
        line,
      );
    if (!match) throw new Error(`not Prometheus text format: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g)) {
      labels[pair[1] as string] = pair[2] as string;
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('structured logs', () => {
  let api: TestApi;
  const log = captureLog();
  beforeAll(async () => {
    api = await startTestApi('pglite', { env: { LOG_LEVEL: 'debug' }, log: (line) => log.write(line) });
  });
  afterAll(async () => api?.close());

  it('writes JSON lines with the request id, echoing a well-formed X-Request-Id', async () => {
    const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ editions { year } }')}`, {
      headers: { 'x-request-id': 'trace-4711.a_b' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-4711.a_b');
    const line = await log.waitFor((l) => l.requestId === 'trace-4711.a_b' && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/graphql', status: 200 });
    expect(typeof line.ms).toBe('number');
    for (const raw of log.raw) expect(() => JSON.parse(raw)).not.toThrow();
  });

  it('replaces a malformed X-Request-Id with a new UUID, in the header and the log', async () => {
    for (const bad of ['has spaces', 'x'.repeat(101), 'new\\nline']) {
      const res = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': bad } });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      await log.waitFor((l) => l.requestId === id && l.msg === 'request' && l.path === '/healthz');
    }
  });

  it('never logs tokens, keys, passwords or cookies', async () => {
    const before = log.raw.length;
    const secrets = {
      password: 'pw-SECRET-1f3a',
      bearer: 'bearer-SECRET-2b4c',
      cookie: 'cookie-SECRET-3c5d',
      token: 'token-SECRET-4d6e',
      apiKey: 'key-SECRET-5e7f',
      clientSecret: 'secret-SECRET-6f80',
    };
    const res = await api.gql(
      'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
      {
        email: 'nobody@example.org',
        password: secrets.password,
        extra: {
          token: secrets.token,
          nested: [{ apiKey: secrets.apiKey, clientSecret: secrets.clientSecret }],
        },
      },
      { headers: { authorization: `Bearer ${secrets.bearer}`, cookie: `session=${secrets.cookie}` } },
    );
    expect(res.status).toBeLessThan(500);
    const lines = await (async () => {
      await log.waitFor((l) => l.msg === 'request' && l.method === 'POST' && log.raw.length > before);
      return log.raw.slice(before);
    })();
    const text = lines.join('\n');
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    // The details were logged (debug level), with the secrets replaced.
    expect(text).toContain('nobody@example.org');
    expect(text).toContain('[redacted]');
  });
});

describe('a request past its deadline', () => {
  it('logs how it ended, with its request id, after the 503 was sent', async () => {
    const log = captureLog();
    const api = await startTestApi('pglite', {
      env: { REQUEST_TIMEOUT_MS: '300' },
      log: (line) => log.write(line),
    });
    try {
      // Hold the database (PGlite's one connection); once released, the holder renames the table
      // the request reads, so the request, resumed after its deadline, fails.
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const holder = api.handle.db.transaction(async (tx) => {
        holding();
        await gate;
        await tx.execute(sql`alter table projects rename to projects_held`);
      });
      await held;
      const res = await fetch(
        `${api.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`,
        {
          headers: { 'x-request-id': 'late-request-1' },
        },
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('x-request-id')).toBe('late-request-1');
      await log.waitFor((l) => l.requestId === 'late-request-1' && l.msg === 'request' && l.status === 503);
      release();
      await holder;
      const late = await Promise.race([
        log.waitFor(
          (l) => l.requestId === 'late-request-1' && /after its deadline/.test(l.msg) && l.level >= 40,
        ),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref()),
      ]);
      expect(late, log.raw.join('\n')).toBeDefined();
      expect(late).toMatchObject({ errors: ['INTERNAL_SERVER_ERROR'] });
      // Each line has its own fields: the error's line carries none of the earlier lines'.
      const internal = await log.waitFor(
        (l) => l.requestId === 'late-request-1' && l.msg === 'internal error',
      );
      expect(internal.status).toBeUndefined();
      expect(internal.timeoutMs).toBeUndefined();
      await api.handle.db.execute(sql`alter table projects_held rename to projects`);
    } finally {
      await api.close();
    }
  });
});

describe('metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { seed: true, seedHere: true });
  });
  afterAll(async () => api?.close());

  it('serves the Prometheus text format with requests, latency, cache, pool and service durations', async () => {
    const query = 'query RankingYears { editions { year } }';
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`);
      expect(res.status).toBe(200);
    }
    const key = await api.keyWith(['evidence:write']);
    const imported = await api.gql(
      'mutation Import($csv: String!) { importEvidence(csv: $csv, dryRun: true) { status } }',
      { csv: 'project,indicator,value,observed_at,source_url,retrieved_at\n' },
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(imported.status).toBe(200);

    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const samples = parsePrometheus(await res.text());
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0);

    expect(value('ranking_http_requests_total', { operation: 'RankingYears', status: '200' })).toBe(3);
    expect(value('ranking_http_requests_total', { operation: 'Import', status: '200' })).toBe(1);
    expect(value('ranking_http_request_duration_seconds_count', { operation: 'RankingYears' })).toBe(3);
    expect(
      samples.some(
        (s) => s.name === 'ranking_http_request_duration_seconds_bucket' && s.labels.le === '+Inf',
      ),
    ).toBe(true);
    // The first answer was computed and kept; the two others came from the cache.
    expect(value('ranking_response_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(value('ranking_response_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(samples.some((s) => s.name === 'ranking_db_pool_max')).toBe(true);
    expect(samples.some((s) => s.name === 'ranking_http_requests_in_flight')).toBe(true);
    // The demo seed (in this process: seedHere) computed three editions through the service.
    expect(value('ranking_edition_compute_duration_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(value('ranking_evidence_import_duration_seconds_count')).toBe(1);
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
  });
});

describe('metrics access', () => {
  it('requires METRICS_TOKEN as a Bearer token when set', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const api = await startTestApi('pglite', { env: { METRICS_TOKEN: token } });
    try {
      const none = await fetch(`${api.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      const wrong = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('ranking_http_requests_total');
    } finally {
      await api.close();
    }
  });

  it('in production without a token, answers loopback callers only', async () => {
    const api = await startTestApi('pglite', { env: { NODE_ENV: 'production' } });
    try {
      // This test's client is on loopback.
      expect((await fetch(`${api.url}/metrics`)).status).toBe(200);
    } finally {
      await api.close();
    }
    const production = { production: true, token: undefined, authorization: undefined };
    for (const peer of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(metricsAccess({ ...production, peer }), peer).toBe('allowed');
    for (const peer of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', '2001:db8::1', undefined])
      expect(metricsAccess({ ...production, peer }), String(peer)).toBe('forbidden');
    expect(metricsAccess({ ...production, production: false, peer: '10.0.0.5' })).toBe('allowed');
    expect(
      metricsAccess({ production: true, token: 't'.repeat(32), authorization: undefined, peer: '127.0.0.1' }),
    ).toBe('unauthorized');
  });
});
