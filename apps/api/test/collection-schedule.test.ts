/**
 * The scheduled collection (src/modules/collection/schedule.ts): with a period, a serving process
 * starts a run of every source and project when none was created within the period, runs it against
 * the upstreams (the GitHub fake of @ranking/collectors/testing), and starts no second one while the
 * first is within the period, even with two processes checking at once; COLLECT_EVERY and its
 * calendar periods (P1M) are validated and counted on the calendar.
 */
import { type FakeGithub, startFakeGithub } from '@ranking/collectors/testing';
import {
  collectionRuns,
  evidence,
  evidenceProvenance,
  indicators,
  projectSources,
  projects,
} from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env';
import { createApiServer } from '../src/http/server';
import { parsePeriod, periodBefore } from '../src/lib/duration';
import { startTestApi, type TestApi } from './helpers';

const TOKEN = 'ghp_scheduleTestToken0123456789';

/** Polls `read` until it returns a value, or fails at the deadline. */
async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  deadlineMs = 60_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('COLLECT_EVERY', () => {
  it('accepts calendar months and years and durations of at least an hour, and nothing else', () => {
    const base = { NODE_ENV: 'test', AUTH_SECRET: 'x'.repeat(32) };
    for (const ok of ['P1M', 'P3M', 'P1Y', 'P1Y6M', '30d', '12h', 'PT1H', '1h'])
      expect(loadEnv({ ...base, COLLECT_EVERY: ok }).COLLECT_EVERY).toBe(ok);
    for (const bad of ['5m', 'PT59M', 'P0M', 'monthly', 'P', '1 month']) {
      expect(() => loadEnv({ ...base, COLLECT_EVERY: bad })).toThrow(EnvError);
      expect(() => loadEnv({ ...base, COLLECT_EVERY: bad })).toThrow(/COLLECT_EVERY/);
    }
    expect(parsePeriod('P1M')).toEqual({ months: 1 });
    expect(parsePeriod('P1Y6M')).toEqual({ months: 18 });
    // PT1M is a minute, not a month.
    expect(parsePeriod('PT1M')).toEqual({ ms: 60_000 });
  });

  it('counts months on the calendar, clamping to the last day of a shorter month', () => {
    const at = (iso: string) => new Date(iso);
    expect(periodBefore(at('2026-03-31T10:00:00Z'), { months: 1 }).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(periodBefore(at('2028-03-31T10:00:00Z'), { months: 1 }).toISOString()).toBe(
      '2028-02-29T10:00:00.000Z',
    );
    expect(periodBefore(at('2026-01-15T00:00:00Z'), { months: 1 }).toISOString()).toBe(
      '2025-12-15T00:00:00.000Z',
    );
    expect(periodBefore(at('2028-02-29T06:30:00Z'), { months: 12 }).toISOString()).toBe(
      '2027-02-28T06:30:00.000Z',
    );
    expect(periodBefore(at('2026-12-04T12:00:00Z'), { ms: 3_600_000 }).toISOString()).toBe(
      '2026-12-04T11:00:00.000Z',
    );
  });
});

describe.each(testDrivers())('scheduled collection (%s)', (driver) => {
  let api: TestApi;
  let gh: FakeGithub;

  beforeAll(async () => {
    gh = await startFakeGithub(
      {
        repos: {
          'sched-org/sched-repo': {
            nameWithOwner: 'sched-org/sched-repo',
            stargazerCount: 321,
            forkCount: 12,
            owner: { __typename: 'User', login: 'sched-org' },
            commits: [],
            releases: [],
            issues: [],
          },
        },
        members: {},
      },
      TOKEN,
    );
    api = await startTestApi(driver, {
      env: {
        GITHUB_TOKEN: TOKEN,
        GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
        GITHUB_API_URL: gh.url,
        // The schedule says "not due" at debug level: the test counts those lines.
        LOG_LEVEL: 'debug',
      },
    });
  }, 600_000);
  afterAll(async () => {
    await api?.close();
    await gh?.close();
  });

  it('starts one full run when due, stores its values, and no second one within the period', async () => {
    const [project] = await api.handle.db
      .insert(projects)
      .values({ slug: 'scheduled', name: 'Scheduled', category: 'system' })
      .returning({ id: projects.id });
    // An empty database: the indicators the GitHub collector measures here must exist.
    const keys = ['github_stars', 'github_forks', 'commits_12m', 'releases_12m', 'contributors_12m'];
    await api.handle.db.insert(indicators).values(keys.map((key) => ({ key, name: key })));
    await api.handle.db
      .insert(projectSources)
      .values({ projectId: project?.id ?? 0, kind: 'github', identifier: 'sched-org/sched-repo' });

    // Two serving processes on one database, both checking every 50 ms.
    const lines: string[] = [];
    const servers = await Promise.all(
      [0, 1].map(() =>
        createApiServer(api.deps, {
          log: (line) => lines.push(line),
          exactHost: true,
          collectEvery: { months: 1 },
          collectCheckEveryMs: 50,
        }),
      ),
    );
    try {
      const run = await eventually(async () => {
        const [row] = await api.handle.db.select().from(collectionRuns);
        return row?.status === 'completed' ? row : undefined;
      }, 'the scheduled run to complete');
      expect(run).toMatchObject({
        projects: [],
        sources: ['github', 'huggingface', 'pypi', 'openalex', 'depsdev'],
        requestedBy: 'system:collection schedule',
      });
      // Stars, forks, commits, releases and contributors (no commit: 0); organization diversity and
      // the two issue indicators have no data (findings that do not count as failed).
      expect(run.counts.github).toEqual({ added: 5, unchanged: 0, failed: 0 });
      const stars = await api.handle.db
        .select({ value: evidence.value, status: evidence.status, runId: evidenceProvenance.runId })
        .from(evidence)
        .innerJoin(evidenceProvenance, eq(evidenceProvenance.evidenceId, evidence.id))
        .where(eq(evidence.indicatorKey, 'github_stars'));
      expect(stars).toEqual([{ value: 321, status: 'pending', runId: run.id }]);

      // Both processes go on checking and find it not due: still one run.
      const notDue = () => lines.filter((l) => l.includes('scheduled collection not due')).length;
      const seen = notDue();
      await eventually(async () => (notDue() >= seen + 6 ? true : undefined), 'more checks');
      expect(await api.handle.db.select({ id: collectionRuns.id }).from(collectionRuns)).toHaveLength(1);
      expect(lines.filter((l) => l.includes('scheduled collection started'))).toHaveLength(1);
    } finally {
      await Promise.all(servers.map((s) => s.close(1_000)));
    }
  }, 120_000);

  it('waits for an unfinished full run instead of starting another, and warns about it', async () => {
    // A run a killed process left running, created long ago.
    const [stale] = await api.handle.db
      .insert(collectionRuns)
      .values({
        status: 'running',
        sources: ['github', 'huggingface', 'pypi', 'openalex', 'depsdev'],
        projects: [],
        requestedBy: 'someone',
        createdAt: new Date('2020-01-01T00:00:00Z'),
      })
      .returning({ id: collectionRuns.id });
    await api.handle.db.delete(collectionRuns).where(eq(collectionRuns.status, 'completed'));
    const lines: string[] = [];
    const server = await createApiServer(api.deps, {
      log: (line) => lines.push(line),
      exactHost: true,
      collectEvery: { ms: 3_600_000 },
      collectCheckEveryMs: 50,
    });
    try {
      await eventually(
        async () =>
          lines.filter((l) => l.includes('scheduled collection waits for an unfinished run')).length >= 3
            ? true
            : undefined,
        'the schedule to notice the unfinished run',
      );
      const runs = await api.handle.db.select({ id: collectionRuns.id }).from(collectionRuns);
      expect(runs).toEqual([{ id: stale?.id }]);
      expect(lines.find((l) => l.includes('waits for an unfinished run'))).toContain(`"runId":${stale?.id}`);
    } finally {
      await server.close(1_000);
    }
  }, 120_000);
});
