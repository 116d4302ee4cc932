/**
 * The link checker against real HTTP servers on loopback addresses. These servers are on 127.0.0.1,
 * which the SSRF rule refuses, so the tests of link statuses run with `linkCheckAllowPrivate` (what
 * `LINK_CHECK_ALLOW_PRIVATE=1` sets); the rule itself is tested without it in ssrf.test.ts and at the
 * end of this file. Waits (backoff, Retry-After) go through a manual clock, except in the politeness
 * test, which measures real spacing.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CollectorConfig,
  createLinkChecker,
  genericPageKind,
  type LinkCheckContext,
  type LinkCheckStore,
  MemoryLinkCheckStore,
  type ResolveHost,
  systemClock,
} from '../src/index';
import { testContext } from './helpers';
import { closedPort, type LinkServer, redirect, startLinkServer } from './link-server';

const servers: LinkServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handler: Parameters<typeof startLinkServer>[0], address?: string) {
  const server = await startLinkServer(handler, address);
  servers.push(server);
  return server;
}

function linkContext(
  config: Partial<CollectorConfig> = {},
  extra: Partial<LinkCheckContext> = {},
): LinkCheckContext & ReturnType<typeof testContext> {
  return Object.assign(
    testContext({
      linkCheckAllowPrivate: true,
      linkCheckHostDelayMs: 0,
      linkCheckTimeoutMs: 5_000,
      backoffBaseMs: 100,
      ...config,
    }),
    extra,
  );
}

const HUGE_BYTES = 256 * 1024 * 1024;

/** The site most tests check: one path per behaviour. */
function site() {
  let flakyCalls = 0;
  let limitedCalls = 0;
  const huge = { sent: 0, closedEarly: false };
  const handler = (
    req: Parameters<Parameters<typeof startLinkServer>[0]>[0],
    res: ServerResponse,
    path: string,
  ) => {
    const p = path.split('?')[0] ?? '/';
    if (p === '/' || p === '/ok' || p === '/login' || p === '/docs/page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.method === 'HEAD' ? undefined : '<p>page</p>');
    } else if (p === '/moved') redirect(res, 301, '/ok');
    else if (p === '/chain') redirect(res, 307, '/moved');
    else if (p === '/old/paper.pdf') redirect(res, 302, '/');
    else if (p === '/en/docs/old') redirect(res, 302, '/en/');
    else if (p === '/private/repo') redirect(res, 302, '/login?return_to=%2Fprivate%2Frepo');
    else if (p === '/docs') redirect(res, 301, '/docs/page');
    else if (p === '/missing') {
      res.writeHead(404);
      res.end();
    } else if (p === '/gone') {
      res.writeHead(410);
      res.end();
    } else if (p === '/flaky') {
      res.writeHead(flakyCalls++ === 0 ? 500 : 200);
      res.end();
    } else if (p === '/down') {
      res.writeHead(503);
      res.end();
    } else if (p === '/limited') {
      if (limitedCalls++ === 0) res.writeHead(429, { 'retry-after': '7' });
      else res.writeHead(200);
      res.end();
    } else if (p === '/no-head') {
      res.writeHead(req.method === 'HEAD' ? 405 : 200);
      res.end();
    } else if (p === '/slow') {
      // Never answers: the checker's deadline has to end it.
    } else if (p === '/loop-a') redirect(res, 302, '/loop-b');
    else if (p === '/loop-b') redirect(res, 302, '/loop-a');
    else if (p.startsWith('/hop/')) redirect(res, 302, `/hop/${Number(p.slice(5)) + 1}`);
    else if (p === '/huge') {
      if (req.method === 'HEAD') {
        res.writeHead(405);
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(HUGE_BYTES),
      });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      res.on('close', () => {
        huge.closedEarly = huge.sent < HUGE_BYTES;
      });
      const pump = () => {
        while (huge.sent < HUGE_BYTES && !res.destroyed) {
          huge.sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    } else {
      res.writeHead(404);
      res.end();
    }
  };
  return { handler, huge };
}

describe('link statuses', () => {
  it('200 is OK after HEAD only', async () => {
    const server = await serve(site().handler);
    const check = await createLinkChecker(linkContext()).check(`${server.origin}/ok`);
    expect(check).toMatchObject({
      status: 'OK',
      httpStatus: 200,
      finalUrl: `${server.origin}/ok`,
      redirects: [],
      method: 'HEAD',
    });
    expect(server.arrivals.map((a) => a.method)).toEqual(['HEAD']);
  });

  it('301 then 200 is REDIRECTED, every hop recorded', async () => {
    const server = await serve(site().handler);
    const check = await createLinkChecker(linkContext()).check(`${server.origin}/chain`);
    expect(check).toMatchObject({
      status: 'REDIRECTED',
      httpStatus: 200,
      finalUrl: `${server.origin}/ok`,
      redirects: [
        { url: `${server.origin}/chain`, status: 307 },
        { url: `${server.origin}/moved`, status: 301 },
      ],
    });
  });

  it('a redirect that keeps the page deep (adding a segment) is REDIRECTED, not generic', async () => {
    const server = await serve(site().handler);
    const check = await createLinkChecker(linkContext()).check(`${server.origin}/docs`);
    expect(check.status).toBe('REDIRECTED');
  });

  it('302 from a deep path to the site root is BROKEN (generic page)', async () => {
    const server = await serve(site().handler);
    const checker = createLinkChecker(linkContext());
    const root = await checker.check(`${server.origin}/old/paper.pdf`);
    expect(root).toMatchObject({
      status: 'BROKEN',
      errorKind: 'generic_redirect',
      httpStatus: 200,
      finalUrl: `${server.origin}/`,
      redirects: [{ url: `${server.origin}/old/paper.pdf`, status: 302 }],
    });
    expect(root.error).toContain('generic page (root)');
    // A language root counts as the root.
    expect((await checker.check(`${server.origin}/en/docs/old`)).status).toBe('BROKEN');
    const login = await checker.check(`${server.origin}/private/repo`);
    expect(login).toMatchObject({ status: 'BROKEN', errorKind: 'generic_redirect' });
    expect(login.error).toContain('generic page (login)');
  });

  it('404 and 410 are BROKEN', async () => {
    const server = await serve(site().handler);
    const checker = createLinkChecker(linkContext());
    expect(await checker.check(`${server.origin}/missing`)).toMatchObject({
      status: 'BROKEN',
      httpStatus: 404,
    });
    expect(await checker.check(`${server.origin}/gone`)).toMatchObject({ status: 'BROKEN', httpStatus: 410 });
  });

  it('500 then 200 is retried after a backoff and OK', async () => {
    const server = await serve(site().handler);
    const ctx = linkContext({ backoffBaseMs: 100 });
    const check = await createLinkChecker(ctx).check(`${server.origin}/flaky`);
    expect(check).toMatchObject({ status: 'OK', httpStatus: 200 });
    expect(server.arrivals).toHaveLength(2);
    // Equal jitter with random() = 0.5 on a 100 ms first step: 50 + 0.5 × 50.
    expect(ctx.clock.sleeps).toEqual([75]);
  });

  it('5xx after the retries is UNREACHABLE with the status', async () => {
    const server = await serve(site().handler);
    const ctx = linkContext({ linkCheckMaxRetries: 2 });
    const check = await createLinkChecker(ctx).check(`${server.origin}/down`);
    expect(check).toMatchObject({ status: 'UNREACHABLE', httpStatus: 503, errorKind: 'http_status' });
    expect(server.arrivals).toHaveLength(3);
  });

  it('429 waits what Retry-After asks, then checks again', async () => {
    const server = await serve(site().handler);
    const ctx = linkContext();
    const check = await createLinkChecker(ctx).check(`${server.origin}/limited`);
    expect(check.status).toBe('OK');
    expect(ctx.clock.sleeps).toEqual([7_000]);
  });

  it('a HEAD refused with 405 falls back to GET', async () => {
    const server = await serve(site().handler);
    const check = await createLinkChecker(linkContext()).check(`${server.origin}/no-head`);
    expect(check).toMatchObject({ status: 'OK', httpStatus: 200, method: 'GET' });
    expect(server.arrivals.map((a) => a.method)).toEqual(['HEAD', 'GET']);
  });

  it('a response slower than the timeout is UNREACHABLE (timeout), not retried', async () => {
    const server = await serve(site().handler);
    const ctx = linkContext({ linkCheckTimeoutMs: 300 });
    const check = await createLinkChecker(ctx).check(`${server.origin}/slow`);
    expect(check).toMatchObject({ status: 'UNREACHABLE', errorKind: 'timeout', httpStatus: null });
    expect(check.error).toContain('300 ms');
    expect(server.arrivals).toHaveLength(1);
  });

  it('a closed port is UNREACHABLE (connection refused)', async () => {
    const port = await closedPort();
    const check = await createLinkChecker(linkContext()).check(`http://127.0.0.1:${port}/x`);
    expect(check).toMatchObject({ status: 'UNREACHABLE', errorKind: 'refused', httpStatus: null });
  });

  it('a name that does not resolve is UNREACHABLE (dns)', async () => {
    const resolve: ResolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const check = await createLinkChecker(linkContext({}, { resolve })).check('https://no-such-host.test/x');
    expect(check).toMatchObject({ status: 'UNREACHABLE', errorKind: 'dns' });
    expect(check.error).toContain('no-such-host.test');
  });

  it('a redirect loop is UNREACHABLE at its first repeat', async () => {
    const server = await serve(site().handler);
    const check = await createLinkChecker(linkContext()).check(`${server.origin}/loop-a`);
    expect(check).toMatchObject({ status: 'UNREACHABLE', errorKind: 'redirect_loop', httpStatus: 302 });
    expect(check.redirects.map((r) => r.url)).toEqual([`${server.origin}/loop-a`, `${server.origin}/loop-b`]);
    expect(server.arrivals).toHaveLength(2);
  });

  it('follows 10 redirects at most', async () => {
    const server = await serve(site().handler);
    const check = await createLinkChecker(linkContext()).check(`${server.origin}/hop/0`);
    expect(check).toMatchObject({ status: 'UNREACHABLE', errorKind: 'too_many_redirects' });
    // Ten redirects followed (/hop/1 … /hop/10 requested), the eleventh answer not followed.
    expect(server.arrivals.map((a) => a.path)).toEqual(Array.from({ length: 11 }, (_, i) => `/hop/${i}`));
    expect(check.finalUrl).toBe(`${server.origin}/hop/11`);
  });

  it('reads only a capped prefix of a huge body and closes the connection', async () => {
    const { handler, huge } = site();
    const server = await serve(handler);
    const check = await createLinkChecker(linkContext({ linkCheckMaxBodyBytes: 16 * 1024 })).check(
      `${server.origin}/huge`,
    );
    expect(check).toMatchObject({ status: 'OK', method: 'GET' });
    await expect.poll(() => huge.closedEarly).toBe(true);
    expect(huge.sent).toBeLessThan(HUGE_BYTES);
  });

  it('URLs that are not http(s) are UNCHECKED (scheme), text that is no URL too (invalid_url)', async () => {
    const checker = createLinkChecker(linkContext());
    expect(await checker.check('ftp://ftp.example.org/data.csv')).toMatchObject({
      status: 'UNCHECKED',
      errorKind: 'scheme',
      error: 'not an http(s) URL (ftp)',
      finalUrl: 'ftp://ftp.example.org/data.csv',
    });
    expect(await checker.check('see the appendix')).toMatchObject({
      status: 'UNCHECKED',
      errorKind: 'invalid_url',
      finalUrl: null,
    });
  });
});

describe('genericPageKind (the rule in src/links/generic-page.ts, case by case)', () => {
  const cases: [string, string, ReturnType<typeof genericPageKind>][] = [
    ['https://a.org/papers/x.pdf', 'https://a.org/', 'root'],
    ['https://a.org/papers/x.pdf', 'https://b.com/index.php?ref=a', 'root'],
    ['https://a.org/?p=123', 'https://a.org/', 'root'],
    ['https://a.org/de/docs/alt', 'https://a.org/de-de/home', 'root'],
    ['http://a.org', 'https://a.org/', undefined], // the link was the root already
    ['https://a.org/docs', 'https://a.org/docs/', undefined],
    ['https://a.org/paper', 'https://a.org/ai/', undefined], // `ai` is no language code
    ['https://github.com/o/private', 'https://github.com/login?return_to=%2Fo%2Fprivate', 'login'],
    ['https://a.org/report', 'https://accounts.example.com/ServiceLogin?continue=x', 'login'],
    ['https://a.org/login', 'https://a.org/login/', undefined],
    ['https://a.org/data/set-1', 'https://a.org/errors/404.html', 'not_found'],
    ['https://a.org/data/set-1', 'https://a.org/data/set-1/overview', undefined],
  ];
  for (const [from, to, kind] of cases) {
    it(`${from} → ${to}: ${kind ?? 'not generic'}`, () => {
      expect(genericPageKind(from, to)).toBe(kind);
    });
  }
});

describe('cache', () => {
  it('does not check a link again within the maximum age; does after it, or with maxAgeMs 0', async () => {
    const server = await serve(site().handler);
    const store: LinkCheckStore = new MemoryLinkCheckStore();
    const ctx = linkContext({ linkCheckMaxAgeMs: 60_000 }, { store });
    const checker = createLinkChecker(ctx);
    const first = await checker.check(`${server.origin}/ok`);
    // Another checker sharing the store (the next run), and a fragment that never reaches the server.
    const again = await createLinkChecker(ctx).check(`${server.origin}/ok#section`);
    expect(server.arrivals).toHaveLength(1);
    expect(again.checkedAt).toEqual(first.checkedAt);
    expect(again.url).toBe(`${server.origin}/ok#section`);

    await ctx.clock.sleep(60_000);
    await checker.check(`${server.origin}/ok`);
    expect(server.arrivals).toHaveLength(2);
    await checker.check(`${server.origin}/ok`, { maxAgeMs: 0 });
    expect(server.arrivals).toHaveLength(3);
  });

  it('checks a link asked for twice at once only once', async () => {
    const server = await serve(site().handler);
    const checker = createLinkChecker(linkContext());
    const results = await checker.checkMany([
      `${server.origin}/ok`,
      `${server.origin}/ok`,
      `${server.origin}/gone`,
    ]);
    expect(results.map((r) => r.status)).toEqual(['OK', 'OK', 'BROKEN']);
    expect(server.arrivals.filter((a) => a.path === '/ok')).toHaveLength(1);
  });
});

describe('politeness', () => {
  it('per host: never more than 2 requests in flight, arrivals at least the delay apart', async () => {
    const delayMs = 60;
    // HEAD is refused, so every link is also a GET; its headers go out at once and its body ends
    // much later, so the next request to the host overlaps it, and a third would if it were allowed.
    const slowBody = (req: { method?: string }, res: ServerResponse) => {
      if (req.method === 'HEAD') {
        res.writeHead(405);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('start');
      setTimeout(() => res.end('end'), 5 * delayMs);
    };
    const hosts = [await serve(slowBody, '127.0.0.1'), await serve(slowBody, '127.0.0.2')];
    const ctx = {
      ...linkContext({
        linkCheckHostDelayMs: delayMs,
        linkCheckHostConcurrency: 2,
        linkCheckConcurrency: 16,
      }),
      clock: systemClock,
    };
    const links = hosts.flatMap((h) => Array.from({ length: 4 }, (_, i) => `${h.origin}/page/${i}`));
    const results = await createLinkChecker(ctx).checkMany(links);
    expect(results.map((r) => r.status)).toEqual(links.map(() => 'OK'));
    for (const host of hosts) {
      expect(host.arrivals).toHaveLength(8);
      expect(host.maxInFlight).toBe(2);
      const times = host.arrivals.map((a) => a.at).sort((a, b) => a - b);
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      // The checker's clock reads whole milliseconds, hence the 1 ms; no upper bound is asserted.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(delayMs - 1);
    }
  });
});

describe('the SSRF rule, without allowPrivate', () => {
  it('refuses a link to a loopback server before sending anything: UNCHECKED (ssrf)', async () => {
    const server = await serve(site().handler);
    const checker = createLinkChecker(linkContext({ linkCheckAllowPrivate: false }));
    for (const url of [`${server.origin}/ok`, `http://localhost:${server.port}/ok`]) {
      const check = await checker.check(url);
      expect(check).toMatchObject({ status: 'UNCHECKED', errorKind: 'ssrf', httpStatus: null });
      expect(check.error).toContain('loopback');
    }
    expect(server.arrivals).toEqual([]);
  });

  it('checks every redirect target again: a redirect to an internal address is refused', async () => {
    const internal = await serve(site().handler, '127.0.0.2');
    // The first hop is a test server on 127.0.0.1, let through by an exact exemption; the redirect
    // target's name resolves to 127.0.0.2, which nothing exempts.
    const entry = await serve((_req, res, path) => {
      if (path === '/to-internal') redirect(res, 302, `http://internal.test:${internal.port}/ok`);
      else if (path === '/to-metadata') redirect(res, 302, 'http://169.254.169.254/latest/meta-data/');
      else redirect(res, 301, `http://[::ffff:127.0.0.2]:${internal.port}/ok`);
    });
    const resolve: ResolveHost = async (hostname) =>
      hostname === 'internal.test' ? [{ address: '127.0.0.2', family: 4 }] : [];
    const checker = createLinkChecker(
      linkContext({ linkCheckAllowPrivate: false }, { resolve, exemptAddresses: ['127.0.0.1'] }),
    );

    const toInternal = await checker.check(`${entry.origin}/to-internal`);
    expect(toInternal).toMatchObject({
      status: 'UNCHECKED',
      errorKind: 'ssrf',
      httpStatus: 302,
      finalUrl: `http://internal.test:${internal.port}/ok`,
      redirects: [{ url: `${entry.origin}/to-internal`, status: 302 }],
    });
    expect(toInternal.error).toContain('127.0.0.2 is a loopback address (internal.test resolves to it)');

    const toMetadata = await checker.check(`${entry.origin}/to-metadata`);
    expect(toMetadata).toMatchObject({ status: 'UNCHECKED', errorKind: 'ssrf' });
    expect(toMetadata.error).toContain('169.254.169.254 is a metadata address');

    const mapped = await checker.check(`${entry.origin}/to-mapped`);
    expect(mapped).toMatchObject({ status: 'UNCHECKED', errorKind: 'ssrf' });
    expect(mapped.error).toContain('loopback');

    expect(internal.arrivals).toEqual([]);
    expect(entry.arrivals).toHaveLength(3);
  });
});
