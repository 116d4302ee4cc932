/**
 * The Wayback client against a local server speaking the availability API and Save Page Now 2 with
 * the documented shapes (availability: https://archive.org/help/wayback_api.php; SPN2: "Save Page
 * Now 2 Public API Docs Draft", Internet Archive — capture `{url, job_id}`, status
 * `{status: pending|success|error, timestamp, original_url, status_ext, message}`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  archiveLink,
  CollectorConfigError,
  collectorConfigFromEnv,
  findSnapshot,
  parseWaybackTimestamp,
  saveSnapshot,
  WaybackError,
} from '../src/index';
import { type FakeServer, type SeenRequest, sendJson, startServer, testContext } from './helpers';

const ACCESS = 'ia-access-KEY1';
const SECRET = 'ia-secret-VALUE2';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Script {
  /** Status polls answered `pending` before the outcome. */
  pending?: number;
  outcome?: Record<string, unknown>;
  /** Answers to POST /save before the real one. */
  saveFailures?: { status: number; body: unknown; headers?: Record<string, string> }[];
  availability?: { status: number; body: unknown }[];
}

async function wayback(script: Script = {}) {
  let polls = 0;
  const saveFailures = [...(script.saveFailures ?? [])];
  const availability = [...(script.availability ?? [])];
  const server = await startServer((req: SeenRequest, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/wayback/available') {
      const next = availability.shift();
      if (next) {
        sendJson(res, next.status, next.body);
        return;
      }
      const target = url.searchParams.get('url');
      if (target === 'https://example.org/known') {
        sendJson(res, 200, {
          url: target,
          archived_snapshots: {
            closest: {
              status: '200',
              available: true,
              url: 'http://web.archive.org/web/20240105123456/https://example.org/known',
              timestamp: '20240105123456',
            },
          },
        });
      } else if (target === 'https://example.org/archived-404') {
        sendJson(res, 200, {
          url: target,
          archived_snapshots: {
            closest: {
              status: '404',
              available: true,
              url: 'http://web.archive.org/web/20230101000000/https://example.org/archived-404',
              timestamp: '20230101000000',
            },
          },
        });
      } else {
        sendJson(res, 200, { url: target, archived_snapshots: {} });
      }
      return;
    }
    if (req.method === 'POST' && url.pathname === '/save') {
      const failure = saveFailures.shift();
      if (failure) {
        sendJson(res, failure.status, failure.body, failure.headers);
        return;
      }
      const target = new URLSearchParams(req.body).get('url') ?? '';
      sendJson(res, 200, { url: target, job_id: 'spn2-0123abcd' });
      return;
    }
    if (url.pathname === '/save/status/spn2-0123abcd') {
      if (polls++ < (script.pending ?? 0)) {
        sendJson(res, 200, { status: 'pending', job_id: 'spn2-0123abcd', resources: [] });
        return;
      }
      sendJson(
        res,
        200,
        script.outcome ?? {
          status: 'success',
          job_id: 'spn2-0123abcd',
          original_url: 'https://example.org/page',
          timestamp: '20260301120000',
          duration_sec: 6.2,
          resources: [],
        },
      );
      return;
    }
    sendJson(res, 404, { error: 'unknown path' });
  });
  servers.push(server);
  return server;
}

function context(server: FakeServer, keys = true, extra: Parameters<typeof testContext>[0] = {}) {
  return testContext({
    waybackUrl: server.url,
    waybackAvailabilityUrl: `${server.url}/wayback/available`,
    ...(keys ? { waybackAccessKey: ACCESS, waybackSecretKey: SECRET } : {}),
    ...extra,
  });
}

describe('findSnapshot (availability API)', () => {
  it('returns the closest snapshot with its time, asking near a date', async () => {
    const server = await wayback();
    const copy = await findSnapshot('https://example.org/known', context(server), {
      near: new Date('2024-01-10T08:00:00Z'),
    });
    expect(copy).toEqual({
      archivedUrl: 'http://web.archive.org/web/20240105123456/https://example.org/known',
      archivedAt: new Date('2024-01-05T12:34:56Z'),
      via: 'existing',
    });
    const asked = new URL(server.requests[0]?.url ?? '', 'http://x').searchParams;
    expect([asked.get('url'), asked.get('timestamp')]).toEqual(['https://example.org/known', '20240110']);
  });

  it('no snapshot, or only a snapshot of an error page, is undefined', async () => {
    const server = await wayback();
    const ctx = context(server);
    expect(await findSnapshot('https://example.org/never', ctx)).toBeUndefined();
    expect(await findSnapshot('https://example.org/archived-404', ctx)).toBeUndefined();
  });

  it('a server error after the retries is a WaybackError', async () => {
    const failing = { status: 502, body: { error: 'bad gateway' } };
    const server = await wayback({ availability: [failing, failing, failing, failing] });
    const error = await findSnapshot('https://example.org/known', context(server)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaybackError);
    expect((error as WaybackError).kind).toBe('unavailable');
    expect((error as WaybackError).message).toContain('502');
  });

  it('an answer without archived_snapshots names the JSON path', async () => {
    const server = await wayback({ availability: [{ status: 200, body: { url: 'x' } }] });
    const error = await findSnapshot('https://example.org/known', context(server)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('$.archived_snapshots');
  });
});

describe('saveSnapshot (Save Page Now 2)', () => {
  it('posts the URL with LOW keys, polls the job and returns the new copy', async () => {
    const server = await wayback({ pending: 2 });
    const ctx = context(server, true, { waybackPollIntervalMs: 4_000 });
    const copy = await saveSnapshot('https://example.org/page', ctx);
    expect(copy).toEqual({
      archivedUrl: `${server.url}/web/20260301120000/https://example.org/page`,
      archivedAt: new Date('2026-03-01T12:00:00Z'),
      via: 'save',
    });
    const post = server.requests[0];
    expect(post?.method).toBe('POST');
    expect(post?.headers.authorization).toBe(`LOW ${ACCESS}:${SECRET}`);
    expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(post?.headers.accept).toBe('application/json');
    expect(new URLSearchParams(post?.body).get('url')).toBe('https://example.org/page');
    // Two pending answers, one poll interval after each.
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
    expect(ctx.clock.sleeps).toEqual([4_000, 4_000]);
  });

  it('429 on the capture request waits as Retry-After says, then captures', async () => {
    const server = await wayback({
      saveFailures: [
        { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '30' } },
      ],
    });
    const ctx = context(server);
    const copy = await saveSnapshot('https://example.org/page', ctx);
    expect(copy.via).toBe('save');
    expect(ctx.clock.sleeps[0]).toBe(30_000);
  });

  it('429 that does not end is a rate_limited WaybackError', async () => {
    const limited = { status: 429, body: { message: 'Too Many Requests' } };
    const server = await wayback({ saveFailures: Array.from({ length: 10 }, () => limited) });
    const error = await saveSnapshot(
      'https://example.org/page',
      context(server, true, { maxRateLimitRetries: 2 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaybackError);
    expect((error as WaybackError).kind).toBe('rate_limited');
  });

  it("SPN2's capture limits (no job, status_ext) are rate_limited", async () => {
    const server = await wayback({
      saveFailures: [
        {
          status: 200,
          body: {
            status: 'error',
            status_ext: 'error:user-session-limit',
            message: 'You have already reached the limit of active sessions.',
          },
        },
      ],
    });
    const error = (await saveSnapshot('https://example.org/page', context(server)).catch(
      (e: unknown) => e,
    )) as WaybackError;
    expect([error.kind, error.statusExt]).toEqual(['rate_limited', 'error:user-session-limit']);
  });

  it('a capture job ending in error is capture_failed with its status_ext and message', async () => {
    const server = await wayback({
      pending: 1,
      outcome: {
        status: 'error',
        exception: '[Errno -2] Name or service not known',
        status_ext: 'error:invalid-host-resolution',
        job_id: 'spn2-0123abcd',
        message: "Couldn't resolve host for http://example5123.com.",
        resources: [],
      },
    });
    const error = (await saveSnapshot('http://example5123.com', context(server)).catch(
      (e: unknown) => e,
    )) as WaybackError;
    expect(error.kind).toBe('capture_failed');
    expect(error.statusExt).toBe('error:invalid-host-resolution');
    expect(error.message).toContain("Couldn't resolve host");
  });

  it('a job still pending after waybackMaxWaitMs is a timeout', async () => {
    const server = await wayback({ pending: 1_000 });
    const ctx = context(server, true, { waybackPollIntervalMs: 5_000, waybackMaxWaitMs: 20_000 });
    const error = (await saveSnapshot('https://example.org/page', ctx).catch(
      (e: unknown) => e,
    )) as WaybackError;
    expect(error.kind).toBe('timeout');
    expect(ctx.clock.sleeps).toEqual([5_000, 5_000, 5_000, 5_000]);
  });

  it('never shows the keys, even when the server echoes them', async () => {
    const server = await wayback({
      saveFailures: [{ status: 401, body: { message: `bad credentials LOW ${ACCESS}:${SECRET}` } }],
    });
    const error = (await saveSnapshot('https://example.org/page', context(server)).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toContain('401');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(ACCESS);
  });
});

describe('archiveLink', () => {
  it('without keys only looks up existing snapshots, never posts', async () => {
    const server = await wayback();
    const result = await archiveLink(
      { url: 'https://example.org/known', status: 'OK' },
      context(server, false),
    );
    expect(result.copy?.via).toBe('existing');
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('captures a live link when it has keys; a broken one gets the nearest snapshot', async () => {
    const server = await wayback();
    const ctx = context(server);
    expect(
      (await archiveLink({ url: 'https://example.org/page', status: 'REDIRECTED' }, ctx)).copy?.via,
    ).toBe('save');
    const broken = await archiveLink({ url: 'https://example.org/known', status: 'BROKEN' }, ctx, {
      near: new Date('2024-01-01T00:00:00Z'),
    });
    expect(broken.copy?.archivedAt).toEqual(new Date('2024-01-05T12:34:56Z'));
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('falls back to an existing snapshot when the capture fails, and says why', async () => {
    const server = await wayback({
      saveFailures: [
        { status: 200, body: { status: 'error', status_ext: 'error:blocked-url', message: 'blocked' } },
      ],
    });
    const result = await archiveLink({ url: 'https://example.org/known', status: 'OK' }, context(server));
    expect(result.copy?.via).toBe('existing');
    expect(result.error).toContain('error:blocked-url');
  });

  it('reports no snapshot as an error, without throwing', async () => {
    const server = await wayback();
    expect(
      await archiveLink({ url: 'https://example.org/never', status: 'BROKEN' }, context(server)),
    ).toEqual({
      error: 'no Wayback snapshot of https://example.org/never',
    });
  });
});

describe('configuration', () => {
  it('has the documented defaults and reads the keys', () => {
    expect(collectorConfigFromEnv({})).toMatchObject({
      waybackUrl: 'https://web.archive.org',
      waybackAvailabilityUrl: 'https://archive.org/wayback/available',
    });
    expect(collectorConfigFromEnv({}).waybackAccessKey).toBeUndefined();
    expect(
      collectorConfigFromEnv({
        WAYBACK_ACCESS_KEY: 'a',
        WAYBACK_SECRET_KEY: 'b',
        WAYBACK_URL: 'http://127.0.0.1:9/',
      }),
    ).toMatchObject({ waybackAccessKey: 'a', waybackSecretKey: 'b', waybackUrl: 'http://127.0.0.1:9' });
  });

  it('refuses one key without the other, and a URL that is not http(s)', () => {
    let error: unknown;
    try {
      collectorConfigFromEnv({ WAYBACK_ACCESS_KEY: 'a', WAYBACK_AVAILABILITY_URL: 'archive.org' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CollectorConfigError);
    expect((error as CollectorConfigError).issues.map((i) => i.variable)).toEqual([
      'WAYBACK_AVAILABILITY_URL',
      'WAYBACK_SECRET_KEY',
    ]);
  });

  it('parses Wayback timestamps as UTC', () => {
    expect(parseWaybackTimestamp('20130919044612')).toEqual(new Date('2013-09-19T04:46:12Z'));
    expect(parseWaybackTimestamp('20130919')).toEqual(new Date('2013-09-19T00:00:00Z'));
    expect(parseWaybackTimestamp('2013-09-19')).toBeUndefined();
  });
});
