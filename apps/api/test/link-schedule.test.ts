/**
 * The scheduled link check (src/modules/links/schedule.ts): a serving process with a period checks
 * the links not checked within it, on its own; LINK_CHECK_EVERY is validated when the environment
 * loads.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evidence, indicators, linkChecks, projects } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env';
import { createApiServer } from '../src/http/server';
import { startTestApi, type TestApi } from './helpers';

/** Polls `read` until it returns a value, or fails at the deadline. */
async function eventually<T>(read: () => Promise<T | undefined>, deadlineMs: number): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testDrivers())('scheduled link check (%s)', (driver) => {
  let api: TestApi;
  let site: { origin: string; hits: string[]; close(): Promise<void> };

  beforeAll(async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(req.url === '/gone' ? 404 : 200);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site = {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      hits,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
    api = await startTestApi(driver, { env: { LINK_CHECK_ALLOW_PRIVATE: '1' } });
  });
  afterAll(async () => {
    await api?.close();
    await site?.close();
  });

  it('checks the due links on its own once a period has passed, then stops with the server', async () => {
    const [project] = await api.handle.db
      .insert(projects)
      .values({ slug: 'scheduled', name: 'Scheduled', category: 'model' })
      .returning({ id: projects.id });
    await api.handle.db.insert(indicators).values({ key: 'scheduled_count', name: 'Scheduled count' });
    const rows = await api.handle.db
      .insert(evidence)
      .values(
        ['/live', '/gone'].map((path) => ({
          projectId: project?.id ?? 0,
          indicatorKey: 'scheduled_count',
          value: 1,
          sourceUrl: `${site.origin}${path}`,
          canonicalUrl: `${site.origin}${path}`,
          observedAt: '2026-06-01',
        })),
      )
      .returning({ id: evidence.id, sourceUrl: evidence.sourceUrl });
    const server = await createApiServer(api.deps, { log: () => {}, exactHost: true, linkCheckEveryMs: 300 });
    try {
      const checks = await eventually(async () => {
        const found = await api.handle.db
          .select({ evidenceId: linkChecks.evidenceId, status: linkChecks.status })
          .from(linkChecks);
        return found.length >= 2 ? found : undefined;
      }, 60_000);
      const statusOf = (path: string) =>
        checks.find((c) => c.evidenceId === rows.find((r) => r.sourceUrl.endsWith(path))?.id)?.status;
      expect(statusOf('/live')).toBe('ok');
      expect(statusOf('/gone')).toBe('broken');
    } finally {
      await server.close();
    }
  }, 120_000);

  it('refuses an unreadable or too short LINK_CHECK_EVERY when the environment loads', () => {
    const base = { NODE_ENV: 'test', AUTH_SECRET: 'x'.repeat(40) };
    expect(() => loadEnv({ ...base, LINK_CHECK_EVERY: 'daily' })).toThrow(EnvError);
    expect(() => loadEnv({ ...base, LINK_CHECK_EVERY: '30s' })).toThrow(
      /LINK_CHECK_EVERY must be a duration of at least 1m/,
    );
    expect(loadEnv({ ...base, LINK_CHECK_EVERY: '24h' }).LINK_CHECK_EVERY).toBe('24h');
    expect(loadEnv({ ...base, LINK_CHECK_EVERY: 'P1D' }).LINK_CHECK_EVERY).toBe('P1D');
  });
});
