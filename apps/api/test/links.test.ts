/**
 * Evidence link health end to end: link checks against a local HTTP server on 127.0.0.1 (200,
 * 301→200, 302 to a generic page, 404, 410, 500 then 200, a response slower than the timeout, a
 * closed port), a local Wayback availability API, the history kept across checks, loopback refused
 * without LINK_CHECK_ALLOW_PRIVATE, archived copies asked for on approval (a failure never fails the
 * approval), the reviewers' broken-links queue, `Edition.valueCounts.brokenLinks`, the export's archived_url,
 * and `ranking links check` — once as a child process, its argument errors in process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CollectorConfig, collectorConfig, linkKey } from '@ranking/collectors';
import {
  evidence as evidenceTable,
  indicators,
  linkChecks,
  migrateDatabase,
  openDatabase,
  projects,
  queryRows,
} from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args';
import { linksCheckCommand } from '../src/cli/links';
import { createSystemContext } from '../src/context';
import { EnvError, loadEnv } from '../src/env';
import { exportEdition } from '../src/modules/bulk/export-service';
import { findEditionsByIds } from '../src/modules/editions/store';
import { archiveRequestsSettled, checkEvidenceLinks, parseDurationMs } from '../src/modules/links/service';
import { insertLinkChecks } from '../src/modules/links/store';
import { runRanking } from './cli-process';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface Site {
  origin: string;
  /** Requests seen, as `METHOD /path`. */
  seen: string[];
  close(): Promise<void>;
}

/** The links the checks meet. `/flaky` answers 500 to its first request, then 200. */
async function startSite(): Promise<Site> {
  let flakyHits = 0;
  let toggleHits = 0;
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    seen.push(`${req.method} ${path}`);
    const answer = (status: number, headers: Record<string, string> = {}) => {
      res.writeHead(status, headers);
      res.end();
    };
    switch (path) {
      case '/':
      case '/ok':
      case '/archived-ok':
      case '/archive-fails':
        return answer(200);
      case '/moved':
        return answer(301, { location: '/ok' });
      case '/gone-home':
        return answer(302, { location: '/' });
      case '/missing':
        return answer(404);
      case '/removed':
        return answer(410);
      case '/flaky':
        flakyHits++;
        return answer(flakyHits === 1 ? 500 : 200);
      case '/toggle':
        // Found at the first check, gone at every later one.
        toggleHits += req.method === 'HEAD' ? 1 : 0;
        return answer(toggleHits <= 1 ? 200 : 404);
      case '/slow':
        // Never answers: the checker's timeout ends it.
        return;
      default:
        return answer(404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Wayback {
  url: string;
  /** The `url` and `timestamp` parameters of each availability request. */
  asked: { url: string; timestamp: string | null }[];
  close(): Promise<void>;
}

/**
 * The Wayback availability API (https://archive.org/help/wayback_api.php): a snapshot for links whose
 * path is `/missing` or `/archived-ok`, none (`{}`) for others, 400 for `/archive-fails`.
 */
async function startWayback(): Promise<Wayback> {
  const asked: Wayback['asked'] = [];
  const server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const link = query.get('url') ?? '';
    asked.push({ url: link, timestamp: query.get('timestamp') });
    const path = URL.canParse(link) ? new URL(link).pathname : '';
    if (path === '/archive-fails') {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad request');
      return;
    }
    const snapshot =
      path === '/missing' || path === '/archived-ok'
        ? {
            closest: {
              available: true,
              url: `http://web.archive.org/web/20240105123456/${link}`,
              timestamp: '20240105123456',
              status: '200',
            },
          }
        : {};
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ url: link, archived_snapshots: snapshot }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PATHS = ['/ok', '/moved', '/gone-home', '/missing', '/removed', '/flaky', '/toggle', '/slow'] as const;

interface LinkAnswer {
  status: string;
  httpStatus: number | null;
  finalUrl: string | null;
  checkedAt: string | null;
  archivedUrl: string | null;
  archivedAt: string | null;
}

describe.each(testDrivers())('evidence link health (%s)', (driver) => {
  let api: TestApi;
  let site: Site;
  let wayback: Wayback;
  let closed: number;
  let admin: string;
  let editor: string;
  let reviewer: string;
  let indicator: string;
  /** Evidence id by link. */
  const ids = new Map<string, string>();
  const slug = 'link-health-probe';

  /** Checker settings for in-process runs: no per-host delay, short timeout, quick retries. */
  const fast = (allowPrivate: boolean): CollectorConfig =>
    collectorConfig({
      waybackUrl: wayback.url,
      waybackAvailabilityUrl: `${wayback.url}/wayback/available`,
      linkCheckAllowPrivate: allowPrivate,
      linkCheckTimeoutMs: 500,
      linkCheckHostDelayMs: 0,
      backoffBaseMs: 10,
      maxBackoffMs: 50,
      timeoutMs: 5_000,
    });

  const submit = async (url: string, observedAt: string) => {
    const response = await api.gql<{ submitEvidence: { id: string } }>(
      `mutation ($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id } }`,
      { input: { project: slug, indicator, value: 1, sourceUrl: url, observedAt } },
      { token: editor },
    );
    expect(response.errors).toBeUndefined();
    const id = response.data?.submitEvidence.id ?? '';
    ids.set(url, id);
    return id;
  };

  const linkOf = async (id: string): Promise<LinkAnswer> => {
    const response = await api.gql<{ evidenceItem: { link: LinkAnswer } }>(
      `query ($id: ID!) { evidenceItem(id: $id) { link { status httpStatus finalUrl checkedAt archivedUrl archivedAt } } }`,
      { id },
      { token: admin },
    );
    expect(response.errors).toBeUndefined();
    const link = response.data?.evidenceItem.link;
    if (!link) throw new Error(`no evidence ${id}`);
    return link;
  };

  const historyOf = (id: string) =>
    api.handle.db
      .select({
        status: linkChecks.status,
        errorKind: linkChecks.errorKind,
        archiveError: linkChecks.archiveError,
      })
      .from(linkChecks)
      .where(eq(linkChecks.evidenceId, Number(id)))
      .orderBy(asc(linkChecks.recordedAt), asc(linkChecks.id));

  beforeAll(async () => {
    site = await startSite();
    wayback = await startWayback();
    closed = await closedPort();
    api = await startTestApi(driver, {
      seed: true,
      env: {
        LINK_ARCHIVE_ON_APPROVAL: '1',
        LINK_CHECK_ALLOW_PRIVATE: '1',
        WAYBACK_URL: wayback.url,
        WAYBACK_AVAILABILITY_URL: `${wayback.url}/wayback/available`,
      },
    });
    [admin, editor, reviewer] = await Promise.all([
      api.tokenFor('admin'),
      api.tokenFor('editor'),
      api.tokenFor('reviewer'),
    ]);
    const [org] = await queryRows<{ slug: string }>(
      api.handle.db,
      sql`SELECT slug FROM organizations ORDER BY slug LIMIT 1`,
    );
    const created = await api.gql(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { slug } }`,
      { input: { slug, name: 'Link health probe', category: 'MODEL', organizations: [org?.slug] } },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const [first] = await api.handle.db
      .select({ key: indicators.key })
      .from(indicators)
      .orderBy(asc(indicators.key))
      .limit(1);
    indicator = first?.key ?? '';
    for (const path of PATHS) await submit(`${site.origin}${path}`, '2026-10-01');
    await submit(`http://127.0.0.1:${closed}/gone`, '2026-10-01');
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await site?.close();
    await wayback?.close();
  });

  it('a link never checked is UNCHECKED, with nothing else known', async () => {
    expect(await linkOf(ids.get(`${site.origin}/ok`) ?? '')).toEqual({
      status: 'UNCHECKED',
      httpStatus: null,
      finalUrl: null,
      checkedAt: null,
      archivedUrl: null,
      archivedAt: null,
    });
  });

  it('checks every kind of answer, records one row per evidence, and offers an archived copy of a dead link', async () => {
    const ctx = createSystemContext(api.deps, 'test');
    const summary = await checkEvidenceLinks(
      ctx,
      { projects: [slug], olderThanMs: 0 },
      { config: fast(true) },
    );
    expect(summary.evidence).toBe(PATHS.length + 1);
    expect(summary.links).toBe(PATHS.length + 1);
    const link = (path: string) => linkOf(ids.get(`${site.origin}${path}`) ?? '');
    expect(await link('/ok')).toMatchObject({ status: 'OK', httpStatus: 200, finalUrl: `${site.origin}/ok` });
    expect(await link('/moved')).toMatchObject({
      status: 'REDIRECTED',
      httpStatus: 200,
      finalUrl: `${site.origin}/ok`,
    });
    expect(await link('/gone-home')).toMatchObject({
      status: 'BROKEN',
      httpStatus: 200,
      finalUrl: `${site.origin}/`,
    });
    expect(await link('/missing')).toMatchObject({
      status: 'BROKEN',
      httpStatus: 404,
      archivedUrl: `http://web.archive.org/web/20240105123456/${site.origin}/missing`,
      archivedAt: '2024-01-05T12:34:56.000Z',
    });
    expect(await link('/removed')).toMatchObject({ status: 'BROKEN', httpStatus: 410, archivedUrl: null });
    expect(await link('/flaky')).toMatchObject({ status: 'OK', httpStatus: 200 });
    expect(site.seen.filter((r) => r.endsWith(' /flaky')).length).toBeGreaterThanOrEqual(2);
    expect(await link('/slow')).toMatchObject({ status: 'UNREACHABLE', httpStatus: null });
    expect(await linkOf(ids.get(`http://127.0.0.1:${closed}/gone`) ?? '')).toMatchObject({
      status: 'UNREACHABLE',
      httpStatus: null,
      finalUrl: `http://127.0.0.1:${closed}/gone`,
    });
    const ok = await link('/ok');
    expect(Number.isNaN(Date.parse(ok.checkedAt ?? ''))).toBe(false);
    // The dead link's snapshot was asked for near the evidence's observation date.
    expect(wayback.asked).toContainEqual({ url: `${site.origin}/missing`, timestamp: '20261001' });
    const slow = await historyOf(ids.get(`${site.origin}/slow`) ?? '');
    expect(slow.map((r) => r.errorKind)).toEqual(['timeout']);
  }, 120_000);

  it('does not check a link again within --older-than, and keeps the history across checks', async () => {
    const ctx = createSystemContext(api.deps, 'test');
    const requests = site.seen.length;
    const none = await checkEvidenceLinks(
      ctx,
      { projects: [slug], olderThanMs: 3_600_000 },
      { config: fast(true) },
    );
    expect(none.evidence).toBe(0);
    expect(site.seen.length).toBe(requests);
    const again = await checkEvidenceLinks(ctx, { projects: [slug], olderThanMs: 0 }, { config: fast(true) });
    expect(again.evidence).toBe(PATHS.length + 1);
    expect((await historyOf(ids.get(`${site.origin}/toggle`) ?? '')).map((r) => r.status)).toEqual([
      'ok',
      'broken',
    ]);
    expect(await linkOf(ids.get(`${site.origin}/toggle`) ?? '')).toMatchObject({
      status: 'BROKEN',
      httpStatus: 404,
    });
    expect((await historyOf(ids.get(`${site.origin}/ok`) ?? '')).map((r) => r.status)).toEqual(['ok', 'ok']);
  }, 120_000);

  it('refuses loopback addresses without LINK_CHECK_ALLOW_PRIVATE: UNCHECKED, nothing requested', async () => {
    const ctx = createSystemContext(api.deps, 'test');
    const requests = site.seen.length;
    const summary = await checkEvidenceLinks(
      ctx,
      { projects: [slug], olderThanMs: 0 },
      { config: fast(false) },
    );
    expect(summary.byStatus.UNCHECKED).toBe(PATHS.length + 1);
    expect(site.seen.length).toBe(requests);
    expect(await linkOf(ids.get(`${site.origin}/ok`) ?? '')).toMatchObject({
      status: 'UNCHECKED',
      httpStatus: null,
    });
    const history = await historyOf(ids.get(`${site.origin}/ok`) ?? '');
    expect(history.map((r) => [r.status, r.errorKind])).toEqual([
      ['ok', null],
      ['ok', null],
      ['unchecked', 'ssrf'],
    ]);
  }, 60_000);

  it('approval asks for an archived copy; a Wayback failure is recorded and the approval stands', async () => {
    const archived = await submit(`${site.origin}/archived-ok`, '2026-11-01');
    const failing = await submit(`${site.origin}/archive-fails`, '2026-11-02');
    for (const id of [archived, failing]) {
      const response = await api.gql<{ reviewEvidence: { status: string } }>(
        `mutation ($id: ID!) { reviewEvidence(id: $id, decision: APPROVE) { status } }`,
        { id },
        { token: reviewer },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.reviewEvidence.status).toBe('APPROVED');
    }
    await archiveRequestsSettled(api.deps);
    expect(await linkOf(archived)).toMatchObject({
      status: 'OK',
      httpStatus: 200,
      archivedUrl: `http://web.archive.org/web/20240105123456/${site.origin}/archived-ok`,
      archivedAt: '2024-01-05T12:34:56.000Z',
    });
    expect(wayback.asked).toContainEqual({ url: `${site.origin}/archived-ok`, timestamp: '20261101' });
    expect(await linkOf(failing)).toMatchObject({ status: 'OK', archivedUrl: null, archivedAt: null });
    const [row] = await historyOf(failing);
    expect(row?.archiveError).toContain('400');
  }, 60_000);

  it('brokenLinks lists broken links most depended-on first (reviewers only); valueCounts.brokenLinks counts the values behind them', async () => {
    // The latest published edition, and per evidence id the contributions of the values it enters,
    // read from the public ranking (not from the queue's SQL).
    const editions = await api.gql<{ editions: { year: number; status: string }[] }>(
      `{ editions { year status } }`,
    );
    const year = Math.max(
      ...(editions.data?.editions ?? []).filter((e) => e.status === 'PUBLISHED').map((e) => e.year),
    );
    const dims = await api.gql<{ edition: { dimensions: { key: string }[] } }>(
      `query ($year: Int!) { edition(year: $year) { dimensions { key } } }`,
      { year },
    );
    const contributions = new Map<string, number>();
    const cells: string[][] = [];
    for (const { key } of dims.data?.edition.dimensions ?? []) {
      let after: string | null = null;
      for (;;) {
        const page: {
          data?: {
            edition: {
              ranking: {
                edges: { node: { indicators: { contribution: number; evidence: { id: string }[] }[] } }[];
                pageInfo: { hasNextPage: boolean; endCursor: string | null };
              };
            };
          } | null;
          errors?: unknown;
        } = await api.gql(
          `query ($year: Int!, $dim: String!, $after: String) { edition(year: $year) {
             ranking(dimension: $dim, first: 100, after: $after) {
               edges { node { indicators { contribution evidence { id } } } }
               pageInfo { hasNextPage endCursor } } } }`,
          { year, dim: key, after },
          { token: reviewer },
        );
        expect(page.errors).toBeUndefined();
        const ranking = page.data?.edition.ranking;
        for (const edge of ranking?.edges ?? []) {
          for (const cell of edge.node.indicators) {
            const evidenceIds = cell.evidence.map((e) => e.id);
            cells.push(evidenceIds);
            for (const id of new Set(evidenceIds))
              contributions.set(id, (contributions.get(id) ?? 0) + cell.contribution);
          }
        }
        if (!ranking?.pageInfo.hasNextPage) break;
        after = ranking.pageInfo.endCursor;
      }
    }
    const ranked = [...contributions].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1]);
    const high = ranked[0];
    const low = ranked[ranked.length - 1];
    if (!high || !low || high[1] === low[1])
      throw new Error('the demo edition has no two contributions to compare');
    const unused = ids.get(`${site.origin}/archived-ok`) ?? '';
    // Their links found broken now (rows written as a check would write them).
    for (const id of [low[0], unused, high[0]]) {
      await insertLinkChecks(
        api.handle.db,
        [Number(id)],
        linkKey(`https://example.org/${id}`),
        {
          url: `https://example.org/${id}`,
          status: 'BROKEN',
          httpStatus: 404,
          finalUrl: `https://example.org/${id}`,
          redirects: [],
          checkedAt: new Date(),
          errorKind: 'not_found',
          error: 'answered 404',
        },
        { recordedAt: new Date() },
      );
    }
    const toggle = ids.get(`${site.origin}/toggle`) ?? '';
    const query = `{ brokenLinks(first: 100) { totalCount edition { year }
        nodes { evidence { id } link { status httpStatus } dependence error errorKind } } }`;
    const anonymous = await api.gql(query);
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(codeOf(anonymous));
    const queue = await api.gql<{
      brokenLinks: {
        totalCount: number;
        edition: { year: number } | null;
        nodes: {
          evidence: { id: string };
          link: { status: string; httpStatus: number };
          dependence: number;
          error: string;
          errorKind: string;
        }[];
      };
    }>(query, {}, { token: reviewer });
    expect(queue.errors).toBeUndefined();
    const page = queue.data?.brokenLinks;
    expect(page?.edition?.year).toBe(year);
    // The probe's links are UNCHECKED now (the loopback test), so these three are the queue.
    expect(page?.totalCount).toBe(3);
    expect(page?.nodes.map((n) => n.evidence.id)).toEqual([high[0], low[0], unused]);
    expect(page?.nodes[0]?.dependence).toBeCloseTo(high[1], 9);
    expect(page?.nodes[1]?.dependence).toBeCloseTo(low[1], 9);
    expect(page?.nodes[2]?.dependence).toBe(0);
    expect(page?.nodes[0]).toMatchObject({
      link: { status: 'BROKEN', httpStatus: 404 },
      errorKind: 'not_found',
    });
    expect(page?.nodes.map((n) => n.evidence.id)).not.toContain(toggle);

    const broken = new Set([high[0], low[0]]);
    const expected = cells.filter((evidenceIds) => evidenceIds.some((id) => broken.has(id))).length;
    const counted = await api.gql<{ edition: { valueCounts: { brokenLinks: number; total: number } } }>(
      `query ($year: Int!) { edition(year: $year) { valueCounts { brokenLinks total } } }`,
      { year },
    );
    expect(counted.data?.edition.valueCounts.brokenLinks).toBe(expected);
    expect(counted.data?.edition.valueCounts.total).toBe(cells.length);
    expect(expected).toBeGreaterThan(0);
  }, 120_000);

  it("the export's archived_url: a published edition shows copies recorded before its publication only", async () => {
    const [edition] = await queryRows<{ id: number; year: number; publishedAt: Date | string }>(
      api.handle.db,
      sql`SELECT e.id::int AS id, e.year, e.published_at AS "publishedAt" FROM editions AS e
           WHERE e.status = 'published' ORDER BY e.year DESC, e.revision DESC LIMIT 1`,
    );
    if (!edition) throw new Error('no published edition');
    const publishedAt = new Date(edition.publishedAt);
    const [before, after] = await queryRows<{ id: number }>(
      api.handle.db,
      sql`SELECT evidence_id::int AS id FROM edition_evidence WHERE edition_id = ${edition.id}
           ORDER BY evidence_id LIMIT 2`,
    );
    if (!before || !after) throw new Error('no snapshot evidence');
    const copy = (id: number, recordedAt: Date) =>
      insertLinkChecks(
        api.handle.db,
        [id],
        `https://example.org/snap/${id}`,
        {
          url: `https://example.org/snap/${id}`,
          status: 'OK',
          httpStatus: 200,
          finalUrl: `https://example.org/snap/${id}`,
          redirects: [],
          checkedAt: recordedAt,
          archivedUrl: `http://web.archive.org/web/20250101000000/https://example.org/snap/${id}`,
          archivedAt: new Date('2025-01-01T00:00:00Z'),
        },
        { recordedAt },
      );
    await copy(before.id, new Date(publishedAt.getTime() - 60_000));
    await copy(after.id, new Date(publishedAt.getTime() + 60_000));
    const dir = mkdtempSync(join(tmpdir(), 'links-export-'));
    try {
      const [row] = await findEditionsByIds(api.handle.db, [edition.id]);
      if (!row) throw new Error('edition not found');
      await exportEdition(createSystemContext(api.deps, 'test'), row, dir);
      const lines = readFileSync(join(dir, 'evidence.csv'), 'utf8').trim().split('\n');
      const byId = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',').at(-1)]));
      expect(byId.get(String(before.id))).toBe(
        `http://web.archive.org/web/20250101000000/https://example.org/snap/${before.id}`,
      );
      expect(byId.get(String(after.id))).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('ranking links check (command)', () => {
  it('reads DURATION as 0, a number with a unit, or ISO 8601 days, weeks and time', () => {
    expect(parseDurationMs('0')).toBe(0);
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('12h')).toBe(43_200_000);
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseDurationMs('P1DT6H')).toBe(108_000_000);
    expect(parseDurationMs('P2W')).toBe(1_209_600_000);
    for (const bad of ['', 'P', 'PT', 'P1M', 'soon', '-1d', '1.5h'])
      expect(parseDurationMs(bad)).toBeUndefined();
  });

  it('refuses bad arguments and LINK_CHECK_ALLOW_PRIVATE in production before opening a database', async () => {
    const env = loadEnv({
      NODE_ENV: 'test',
      PGLITE_DIR: join(tmpdir(), `never-${randomBytes(4).toString('hex')}`),
    });
    for (const argv of [['--frobnicate'], ['--older-than', 'soon'], ['--project'], ['extra']]) {
      await expect(linksCheckCommand.run(argv, env)).rejects.toBeInstanceOf(UsageError);
    }
    // The server and every command refuse it at boot: the environment does not load.
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        AUTH_SECRET: 'production-secret-production-secret-0123',
        LINK_CHECK_ALLOW_PRIVATE: '1',
      }),
    ).toThrow(EnvError);
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        AUTH_SECRET: 'production-secret-production-secret-0123',
        LINK_CHECK_ALLOW_PRIVATE: '1',
      }),
    ).toThrow(/LINK_CHECK_ALLOW_PRIVATE/);
    // …and a link check given a production environment object some other way refuses before opening one.
    const production = { ...env, NODE_ENV: 'production' as const, LINK_CHECK_ALLOW_PRIVATE: true };
    await expect(linksCheckCommand.run([], production)).rejects.toBeInstanceOf(EnvError);
  });

  // One child process for the file (PostgreSQL when configured: it starts faster); the services
  // under it run on both drivers above.
  const cliDriver = testDrivers().at(-1) ?? 'pglite';
  it(`as a child process (${cliDriver}): checks, records, lists dead links; an unknown project is a usage error`, async () => {
    const driver = cliDriver;
    const site = await startSite();
    const wayback = await startWayback();
    const dir = mkdtempSync(join(tmpdir(), 'ranking-links-'));
    let cleanup = async () => {};
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      AUTH_SECRET: 'cli-test-secret-cli-test-secret-0123456789',
      LINK_CHECK_ALLOW_PRIVATE: '1',
      WAYBACK_URL: wayback.url,
      WAYBACK_AVAILABILITY_URL: `${wayback.url}/wayback/available`,
    };
    let env: Record<string, string>;
    if (driver === 'pglite') env = { ...base, PGLITE_DIR: join(dir, 'pglite') };
    else {
      const server = process.env.TEST_DATABASE_URL ?? '';
      const name = `test_links_${randomBytes(5).toString('hex')}`;
      const adminSql = postgres(server, { max: 1, onnotice: () => {} });
      await adminSql.unsafe(`CREATE DATABASE "${name}"`);
      await adminSql.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      env = { ...base, DATABASE_URL: url.toString() };
      cleanup = async () => {
        const dropper = postgres(server, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      };
    }
    const open = () =>
      openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR ?? '' });
    try {
      // A project with two links, written straight to the database (no demo seed needed).
      let handle = await open();
      await migrateDatabase(handle);
      const [project] = await handle.db
        .insert(projects)
        .values({ slug: 'cli-probe', name: 'CLI probe', category: 'model' })
        .returning({ id: projects.id });
      await handle.db.insert(indicators).values({ key: 'probe_count', name: 'Probe count' });
      for (const path of ['/ok', '/missing']) {
        await handle.db.insert(evidenceTable).values({
          projectId: project?.id ?? 0,
          indicatorKey: 'probe_count',
          value: 1,
          sourceUrl: `${site.origin}${path}`,
          canonicalUrl: `${site.origin}${path}`,
          observedAt: '2026-09-01',
        });
      }
      await handle.close();

      const run = await runRanking(['links', 'check', '--project', 'cli-probe', '--older-than', '0'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Checked 2 links of 2 evidence values');
      expect(run.stdout).toContain(`BROKEN ${site.origin}/missing: answered 404`);
      expect(run.stdout).toContain(
        `archived: http://web.archive.org/web/20240105123456/${site.origin}/missing`,
      );

      // In process: refused before anything is checked (the CLI exits 2 on a UsageError).
      const unknown = linksCheckCommand.run(['--project', 'no-such-project'], loadEnv(env));
      await expect(unknown).rejects.toBeInstanceOf(UsageError);
      await expect(unknown).rejects.toThrow(/no-such-project/);

      handle = await open();
      const rows = await queryRows<{ status: string; http: number | null; archived: string | null }>(
        handle.db,
        sql`SELECT c.status, c.http_status AS http, c.archived_url AS archived
              FROM link_checks AS c JOIN evidence AS e ON e.id = c.evidence_id ORDER BY e.source_url`,
      );
      await handle.close();
      expect(rows).toEqual([
        {
          status: 'broken',
          http: 404,
          archived: `http://web.archive.org/web/20240105123456/${site.origin}/missing`,
        },
        { status: 'ok', http: 200, archived: null },
      ]);
    } finally {
      await site.close();
      await wayback.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
