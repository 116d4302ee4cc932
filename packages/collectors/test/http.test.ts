/**
 * The shared HTTP layer, through real collectors against local servers: retries, rate limits,
 * conditional requests, malformed answers, timeouts, cancellation, concurrency and token hygiene.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CollectorConfigError,
  collectorConfigFromEnv,
  httpClientFor,
  huggingfaceCollector,
  pypiCollector,
} from '../src/index';
import {
  collectAll,
  type FakeServer,
  findings,
  observationOf,
  observations,
  type SeenRequest,
  sendJson,
  startServer,
  testContext,
} from './helpers';

const overall = (name: string, downloads: number) => ({
  data: [{ category: 'without_mirrors', date: '2026-02-28', downloads }],
  package: name,
  type: 'overall_downloads',
});
const recent = (name: string) => ({
  data: { last_day: 1, last_month: 2, last_week: 3 },
  package: name,
  type: 'recent_downloads',
});

/** pypistats answers, with `script` consulted first for each request (return true when it answered). */
async function scriptedPypistats(
  script: (req: SeenRequest, res: ServerResponse, n: number) => boolean | Promise<boolean>,
) {
  let n = 0;
  return startServer(async (req, res) => {
    if (await script(req, res, n++)) return;
    const [, , , name = '', kind] = new URL(req.url, 'http://x').pathname.split('/');
    sendJson(res, 200, kind === 'recent' ? recent(name) : overall(name, 10));
  });
}

const target = (project: string, name = project) => ({
  project,
  sources: [{ kind: 'pypi' as const, identifier: name }],
});
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function track<T extends FakeServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  servers.push(s);
  return s;
}

describe('retries and rate limits', () => {
  it('retries 5xx with growing backoff, then succeeds', async () => {
    const server = await track(
      scriptedPypistats((_req, res, n) => {
        if (n >= 2) return false;
        sendJson(res, 503, { error: 'unavailable' });
        return true;
      }),
    );
    const ctx = testContext({ pypistatsUrl: server.url, backoffBaseMs: 100 });
    const items = await collectAll(pypiCollector.collect([target('vllm')], ctx));
    expect(observationOf(items, 'vllm', 'package_downloads_12m').value).toBe(10);
    // Equal jitter with random() = 0.5: 100 -> 75 ms, 200 -> 150 ms.
    expect(ctx.clock.sleeps).toEqual([75, 150]);
  });

  it('gives up after maxRetries on 5xx: an error finding, no observation', async () => {
    const server = await track(
      scriptedPypistats((_req, res) => {
        sendJson(res, 502, { error: 'bad gateway' });
        return true;
      }),
    );
    const ctx = testContext({ pypistatsUrl: server.url, maxRetries: 2 });
    const items = await collectAll(pypiCollector.collect([target('vllm')], ctx));
    expect(observations(items)).toEqual([]);
    expect(findings(items)).toMatchObject([{ kind: 'error', responseStatus: 502 }]);
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    const server = await track(
      scriptedPypistats((_req, res, n) => {
        if (n > 0) return false;
        sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '7' });
        return true;
      }),
    );
    const ctx = testContext({ pypistatsUrl: server.url });
    const items = await collectAll(pypiCollector.collect([target('vllm')], ctx));
    expect(observationOf(items, 'vllm', 'package_downloads_12m').value).toBe(10);
    expect(ctx.clock.sleeps).toEqual([7000]);
  });

  it('honours the IETF RateLimit field Hugging Face sends with 429 (no Retry-After)', async () => {
    let first = true;
    const hub = await track(
      startServer((_req, res) => {
        if (first) {
          first = false;
          sendJson(
            res,
            429,
            { error: 'rate limited' },
            { ratelimit: '"api";r=0;t=55', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
          );
          return;
        }
        sendJson(res, 200, { _id: '1', id: 'org/m', downloads: 3, downloadsAllTime: 4, likes: 1 });
      }),
    );
    const ctx = testContext({ hfEndpoint: hub.url });
    const items = await collectAll(
      huggingfaceCollector.collect(
        [{ project: 'm', sources: [{ kind: 'huggingface_dataset', identifier: 'org/m' }] }],
        ctx,
      ),
    );
    expect(observationOf(items, 'm', 'hf_dataset_downloads_12m').value).toBe(3);
    expect(ctx.clock.sleeps[0]).toBe(55_000);
  });

  it('refuses a rate-limit wait longer than maxRateLimitWaitMs: an error finding', async () => {
    const server = await track(
      scriptedPypistats((_req, res) => {
        sendJson(res, 429, {}, { 'retry-after': '3600' });
        return true;
      }),
    );
    const ctx = testContext({ pypistatsUrl: server.url, maxRateLimitWaitMs: 60_000 });
    const items = await collectAll(pypiCollector.collect([target('vllm')], ctx));
    expect(findings(items)).toMatchObject([{ kind: 'error' }]);
    expect(findings(items)[0]?.message).toMatch(/asked to wait 3600 s/);
  });

  it('keeps at most hostConcurrency requests in flight per host', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await track(
      startServer(async (_req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Hold each answer until the next turn of the event loop so requests overlap.
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        sendJson(res, 200, {});
      }),
    );
    const ctx = testContext({ hostConcurrency: 2 });
    const client = httpClientFor(ctx);
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.request({ url: `${server.url}/r${i}` })));
    expect(server.requests).toHaveLength(8);
    expect(maxInFlight).toBe(2);
  });
});

describe('answers that are not what they should be', () => {
  it('malformed JSON becomes an error finding naming the URL, and the run goes on', async () => {
    const server = await track(
      scriptedPypistats((req, res) => {
        if (!req.url.startsWith('/api/packages/broken/overall')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [ {"category": "without_mirrors", ');
        return true;
      }),
    );
    const ctx = testContext({ pypistatsUrl: server.url });
    const items = await collectAll(pypiCollector.collect([target('broken'), target('fine')], ctx));
    expect(findings(items)).toHaveLength(1);
    expect(findings(items)[0]?.message).toContain(
      `${server.url}/api/packages/broken/overall?mirrors=false answered 200 with malformed JSON`,
    );
    expect(observationOf(items, 'fine', 'package_downloads_12m').value).toBe(10);
  });

  it('a documented field missing becomes an error finding naming its JSON path', async () => {
    const server = await track(
      scriptedPypistats((req, res) => {
        if (!req.url.includes('/overall')) return false;
        sendJson(res, 200, {
          data: [{ category: 'without_mirrors', date: '2026-02-28' }],
          package: 'vllm',
          type: 'overall_downloads',
        });
        return true;
      }),
    );
    const items = await collectAll(
      pypiCollector.collect([target('vllm')], testContext({ pypistatsUrl: server.url })),
    );
    expect(findings(items)[0]?.message).toContain('unexpected shape at $.data[0].downloads');
  });

  it('a request that never answers times out and is retried', async () => {
    const server = await track(scriptedPypistats((_req, _res, n) => n === 0));
    const ctx = testContext({ pypistatsUrl: server.url, timeoutMs: 200 });
    const started = Date.now();
    const items = await collectAll(pypiCollector.collect([target('vllm')], ctx));
    expect(observationOf(items, 'vllm', 'package_downloads_12m').value).toBe(10);
    expect(ctx.logs.some((l) => l.message.includes('timed out after 200 ms'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('on 304 the stored body is reused, with the 304 in the provenance', async () => {
    const stored = overall('vllm', 777);
    const storedBody = new TextEncoder().encode(JSON.stringify(stored));
    const server = await track(
      scriptedPypistats((req, res) => {
        if (!req.url.includes('/overall') || req.headers['if-none-match'] !== '"v1"') return false;
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return true;
      }),
    );
    const overallUrl = `${server.url}/api/packages/vllm/overall?mirrors=false`;
    const cache = {
      get: (url: string) => (url === overallUrl ? { etag: '"v1"', body: storedBody } : undefined),
    };
    const items = await collectAll(
      pypiCollector.collect([target('vllm')], testContext({ pypistatsUrl: server.url }, { cache })),
    );
    const value = observationOf(items, 'vllm', 'package_downloads_12m');
    expect(value.value).toBe(777);
    expect(value.provenance.responseStatus).toBe(304);
    expect(value.provenance.responseBody).toEqual(storedBody);
  });
});

describe('tokens', () => {
  const TOKEN = 'hf_SECRET_never_show_me_42';

  it('never appear in logs or findings, even when the upstream echoes them', async () => {
    const hub = await track(
      startServer((req, res) => {
        const echoed = String(req.headers.authorization);
        if (req.url.includes('/api/models/a/')) {
          sendJson(res, 500, { error: `internal error for ${echoed}` });
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${echoed} is not JSON`);
      }),
    );
    const ctx = testContext({ hfEndpoint: hub.url, hfToken: TOKEN, maxRetries: 1 });
    const items = await collectAll(
      huggingfaceCollector.collect(
        [
          { project: 'a', sources: [{ kind: 'huggingface_model', identifier: 'a/model' }] },
          { project: 'b', sources: [{ kind: 'huggingface_model', identifier: 'b/model' }] },
        ],
        ctx,
      ),
    );
    // The upstream did receive the token, and echoed it back.
    expect(hub.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(findings(items).map((f) => f.kind)).toEqual(['error', 'error']);
    const text = JSON.stringify({ findings: findings(items), logs: ctx.logs });
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(TOKEN);
  });

  it('are not sent to another origin a redirect points to', async () => {
    const elsewhere = await track(startServer((_req, res) => sendJson(res, 200, {})));
    const hub = await track(
      startServer((_req, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/api/models/x/y` });
        res.end();
      }),
    );
    const ctx = testContext({ hfEndpoint: hub.url, hfToken: TOKEN });
    const items = await collectAll(
      huggingfaceCollector.collect(
        [{ project: 'x', sources: [{ kind: 'huggingface_model', identifier: 'x/y' }] }],
        ctx,
      ),
    );
    expect(elsewhere.requests).toEqual([]);
    expect(findings(items)).toMatchObject([{ kind: 'error', responseStatus: 302 }]);
  });
});

describe('cancellation', () => {
  it('aborting midway rejects the run with the abort reason; values already yielded stay', async () => {
    const controller = new AbortController();
    const server = await track(
      scriptedPypistats((req) => {
        // The second project's first request: cancel while it is in flight and never answer.
        if (req.url.startsWith('/api/packages/second/')) {
          controller.abort();
          return true;
        }
        return false;
      }),
    );
    const ctx = testContext({ pypistatsUrl: server.url }, { signal: controller.signal });
    const seen: string[] = [];
    const run = (async () => {
      for await (const item of pypiCollector.collect(
        [target('first'), target('second'), target('third')],
        ctx,
      )) {
        seen.push(`${item.type}:${item.project}`);
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['observation:first']);
    expect(server.requests.some((r) => r.url.includes('/third/'))).toBe(false);
  });
});

describe('collectorConfigFromEnv', () => {
  it('applies the documented defaults and treats blank tokens as unset', () => {
    const config = collectorConfigFromEnv({ GITHUB_TOKEN: '  ', HF_TOKEN: 'hf_x' });
    expect(config).toMatchObject({
      githubGraphqlUrl: 'https://api.github.com/graphql',
      githubApiUrl: 'https://api.github.com',
      hfEndpoint: 'https://huggingface.co',
      pypistatsUrl: 'https://pypistats.org',
      openalexUrl: 'https://api.openalex.org',
      depsdevUrl: 'https://api.deps.dev',
      hfToken: 'hf_x',
    });
    expect(config.githubToken).toBeUndefined();
  });

  it('lists every invalid variable without echoing values', () => {
    let error: unknown;
    try {
      collectorConfigFromEnv({ HF_ENDPOINT: 'ghp_pasted_token', DEPSDEV_URL: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CollectorConfigError);
    expect((error as CollectorConfigError).issues.map((i) => i.variable)).toEqual([
      'HF_ENDPOINT',
      'DEPSDEV_URL',
    ]);
    expect((error as Error).message).not.toContain('ghp_pasted_token');
  });

  it('strips trailing slashes so paths join cleanly', () => {
    expect(collectorConfigFromEnv({ HF_ENDPOINT: 'http://127.0.0.1:9/' }).hfEndpoint).toBe(
      'http://127.0.0.1:9',
    );
  });
});
