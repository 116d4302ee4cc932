import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubCollector } from '../src/index';
import { type FakeGithub, type FixtureCommit, type GithubFixture, startFakeGithub } from './fakes/github';
import {
  collectAll,
  findings,
  ManualClock,
  observationOf,
  observations,
  sendJson,
  testContext,
} from './helpers';

const TOKEN = 'ghp_fixtureToken0123456789';
// The clock stands at 2026-03-01: the window starts 2025-03-01, the first-response sample ends
// 720 h earlier, on 2026-01-30.
const NOW = '2026-03-01T00:00:00Z';

const person = (
  login: string | null,
  email: string,
  company: string | null = null,
  name = login ?? email,
) => ({
  email,
  name,
  user: login ? { login, company } : null,
});

const commits: FixtureCommit[] = [
  // 200 commits by alice, a public member of acme (found on the first page of members).
  ...Array.from({ length: 200 }, (_, i) => ({
    date: new Date(Date.parse('2025-04-01T00:00:00Z') + i * 3_600_000).toISOString(),
    author: person('alice', 'alice@users.noreply.github.com'),
  })),
  { date: '2025-05-01T00:00:00Z', author: person('bob', 'bob@gmail.com', '@acme') }, // inside: company names @acme
  { date: '2025-05-02T00:00:00Z', author: person(null, 'carol@research.acme.ai', null, 'Carol') }, // inside: subdomain of acme.ai
  { date: '2025-05-03T00:00:00Z', author: person('dave', 'dave@example.org', 'Independent') }, // outside
  { date: '2025-05-04T00:00:00Z', author: person('dave', 'dave@example.org', 'Independent') }, // outside
  { date: '2025-05-05T00:00:00Z', author: person('frank', 'frank@example.com') }, // inside: member, second page
  { date: '2025-05-06T00:00:00Z', author: person(null, 'eve@example.net', null, 'Eve') }, // outside
  {
    date: '2025-05-07T00:00:00Z',
    author: person(null, '49699333+dependabot[bot]@users.noreply.github.com', null, 'dependabot[bot]'),
  }, // bot
  { date: '2025-05-08T00:00:00Z', author: person('facebook-github-bot', 'bot@fb.com') }, // listed bot account
  { date: '2025-02-01T00:00:00Z', author: person('grace', 'grace@example.com') }, // before the window
];

const user = (login: string) => ({ __typename: 'User' as const, login });
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

const fixture: GithubFixture = {
  repos: {
    'acme/engine': {
      nameWithOwner: 'acme/engine',
      stargazerCount: 1200,
      forkCount: 300,
      owner: {
        __typename: 'Organization',
        login: 'acme',
        name: 'ACME Labs',
        websiteUrl: 'https://www.acme.ai',
        email: null,
      },
      commits,
      releases: [
        { createdAt: '2025-06-01T00:00:00Z', publishedAt: '2025-06-01T00:00:00Z', isDraft: false },
        { createdAt: '2025-12-01T00:00:00Z', publishedAt: null, isDraft: true },
        { createdAt: '2024-12-01T00:00:00Z', publishedAt: '2024-12-01T00:00:00Z', isDraft: false },
      ],
      issues: [
        {
          // Own comment and a bot's skipped: the answer is alice's, after 5 h.
          createdAt: '2025-04-01T00:00:00Z',
          closed: true,
          author: user('zed'),
          comments: [
            { createdAt: hours('2025-04-01T00:00:00Z', 1), author: user('zed') },
            {
              createdAt: hours('2025-04-01T00:00:00Z', 2),
              author: { __typename: 'Bot', login: 'github-actions' },
            },
            { createdAt: hours('2025-04-01T00:00:00Z', 5), author: user('alice') },
          ],
        },
        { createdAt: '2025-05-01T00:00:00Z', closed: false, author: user('yan'), comments: [] }, // unanswered: 720 h
        {
          createdAt: '2025-06-01T00:00:00Z',
          closed: true,
          author: user('xia'),
          comments: [{ createdAt: hours('2025-06-01T00:00:00Z', 30), author: user('alice') }],
        },
        { createdAt: '2026-02-20T00:00:00Z', closed: false, author: user('wu'), comments: [] }, // too young to sample
        { createdAt: '2024-12-01T00:00:00Z', closed: true, author: user('old'), comments: [] }, // before the window
      ],
    },
    'acme/old-name': {
      nameWithOwner: 'acme/new-name',
      stargazerCount: 10,
      forkCount: 1,
      owner: {
        __typename: 'Organization',
        login: 'acme',
        name: 'ACME Labs',
        websiteUrl: 'https://www.acme.ai',
      },
      commits: [],
      releases: [],
      issues: [],
    },
  },
  members: { acme: [['alice'], ['frank']] },
};

let gh: FakeGithub;
const clock = new ManualClock(NOW);

beforeAll(async () => {
  gh = await startFakeGithub(fixture, TOKEN, clock);
});
afterAll(() => gh.close());

const config = () => ({ githubGraphqlUrl: `${gh.url}/graphql`, githubApiUrl: gh.url, githubToken: TOKEN });

describe('githubCollector', () => {
  it('collects every indicator of a repository from GraphQL pages and REST members', async () => {
    const ctx = testContext(config(), {}, NOW);
    const items = await collectAll(
      githubCollector.collect(
        [
          { project: 'engine', sources: [{ kind: 'github', identifier: 'acme/engine' }] },
          { project: 'renamed', sources: [{ kind: 'github', identifier: 'acme/old-name' }] },
          { project: 'ghost', sources: [{ kind: 'github', identifier: 'acme/missing' }] },
        ],
        ctx,
      ),
    );
    expect(gh.invalidDocuments).toEqual([]);

    expect(observationOf(items, 'engine', 'github_stars').value).toBe(1200);
    expect(observationOf(items, 'engine', 'github_forks').value).toBe(300);
    // 200 by alice + 8 named commits in the window (grace's is older).
    expect(observationOf(items, 'engine', 'commits_12m').value).toBe(208);
    // The 2024 release is older, the 2025-12 one a draft.
    expect(observationOf(items, 'engine', 'releases_12m').value).toBe(1);
    // alice, bob, carol, dave, frank, eve; the two bot commits are not people.
    const contributors = observationOf(items, 'engine', 'contributors_12m');
    expect(contributors.value).toBe(6);
    expect(contributors.details).toEqual({ commitsRead: 208, botCommits: 2 });
    // 4 issues opened since 2025-03-01, 2 of them closed.
    expect(observationOf(items, 'engine', 'issue_close_rate').value).toBe(0.5);
    // Sample [5 h, 720 h (unanswered), 30 h] -> median 30.
    const response = observationOf(items, 'engine', 'issue_first_response_hours');
    expect(response.value).toBe(30);
    expect(response.details).toEqual({ issuesSampled: 3, unanswered: 1, capHours: 720 });
    // 206 commits by people; inside acme: alice x200, bob, carol, frank; outside: dave x2 and eve.
    const diversity = observationOf(items, 'engine', 'organization_diversity');
    expect(diversity.value).toBeCloseTo(3 / 206, 12);
    expect(diversity.details).toEqual({ organization: 'acme', commits: 206, inside: 203, outside: 3 });

    const stars = observationOf(items, 'engine', 'github_stars');
    expect(stars.sourceUrl).toBe('https://github.com/acme/engine');
    expect(stars.sourceKind).toBe('github');
    expect(stars.observedAt).toBe('2026-03-01');
    expect(stars.provenance).toMatchObject({
      collector: 'github',
      requestUrl: `${gh.url}/graphql`,
      requestMethod: 'POST',
      responseStatus: 200,
      repositories: ['acme/engine'],
    });
    expect(stars.provenance.responseSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      JSON.parse(Buffer.from(stars.provenance.responseBody).toString('utf8')).data.r0.stargazerCount,
    ).toBe(1200);
    // Three history pages (100 + 100 + 8 commits) are all in the contributors' provenance.
    expect(
      contributors.provenance.responses?.filter((r) => r.requestBody?.includes('CommitHistoryPages')),
    ).toHaveLength(2);

    // Renamed: values under the new name plus a finding; missing: a finding and nothing else.
    expect(observationOf(items, 'renamed', 'github_stars').sourceUrl).toBe(
      'https://github.com/acme/new-name',
    );
    expect(
      findings(items)
        .filter((f) => f.project === 'renamed')
        .map((f) => [f.kind, f.indicator ?? null]),
    ).toEqual([
      ['renamed', null],
      ['no_data', 'organization_diversity'],
      ['no_data', 'issue_close_rate'],
      ['no_data', 'issue_first_response_hours'],
    ]);
    expect(observationOf(items, 'renamed', 'contributors_12m').value).toBe(0);
    expect(observations(items).filter((o) => o.project === 'ghost')).toEqual([]);
    expect(findings(items).filter((f) => f.project === 'ghost')).toMatchObject([
      { kind: 'not_found', identifier: { kind: 'github', identifier: 'acme/missing' } },
    ]);
  });

  it('batches at least 25 repositories into one GraphQL request with aliases', async () => {
    const ctx = testContext(config(), {}, NOW);
    const before = gh.requests.length;
    const targets = Array.from({ length: 30 }, (_, i) => ({
      project: `p${i}`,
      sources: [{ kind: 'github' as const, identifier: `acme/missing-${i}` }],
    }));
    const items = await collectAll(githubCollector.collect(targets, ctx));
    const facts = gh.requests.slice(before).filter((r) => r.body.includes('query RepositoryFacts'));
    const aliases = facts.map((r) => (r.body.match(/r\d+: repository\(/g) ?? []).length);
    expect(aliases).toEqual([25, 5]);
    expect(findings(items).filter((f) => f.kind === 'not_found')).toHaveLength(30);
  });

  it("waits out GitHub's secondary rate limit (403 with retry-after) before retrying", async () => {
    const ctx = testContext(config(), {}, NOW);
    gh.interrupts.push((req, res) => {
      if (req.method !== 'POST') return false;
      sendJson(
        res,
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
        { 'retry-after': '60' },
      );
      return true;
    });
    const before = gh.requests.length;
    const items = await collectAll(
      githubCollector.collect(
        [{ project: 'engine', sources: [{ kind: 'github', identifier: 'acme/engine' }] }],
        ctx,
      ),
    );
    expect(observationOf(items, 'engine', 'github_stars').value).toBe(1200);
    const [limited, retried] = gh.requests.slice(before);
    expect(retried?.at).toBeDefined();
    expect(ctx.clock.now().getTime() - Date.parse(NOW)).toBeGreaterThanOrEqual(60_000);
    expect(ctx.logs.some((l) => l.level === 'warn' && l.status === 403 && l.waitMs === 60_000)).toBe(true);
    expect(limited?.body).toBe(retried?.body);
  });

  it('waits until x-ratelimit-reset when the primary quota is exhausted', async () => {
    const ctx = testContext(config(), {}, NOW);
    const reset = Date.parse(NOW) / 1000 + 120;
    gh.interrupts.push((req, res) => {
      if (req.method !== 'POST') return false;
      sendJson(
        res,
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      );
      return true;
    });
    const items = await collectAll(
      githubCollector.collect(
        [{ project: 'engine', sources: [{ kind: 'github', identifier: 'acme/engine' }] }],
        ctx,
      ),
    );
    expect(observationOf(items, 'engine', 'github_forks').value).toBe(300);
    expect(ctx.clock.now().getTime()).toBeGreaterThanOrEqual(reset * 1000);
  });

  it('without a token: stars and forks through anonymous REST, one warning, a finding per repository', async () => {
    const ctx = testContext({ githubGraphqlUrl: `${gh.url}/graphql`, githubApiUrl: gh.url }, {}, NOW);
    const before = gh.requests.length;
    const items = await collectAll(
      githubCollector.collect(
        [
          { project: 'engine', sources: [{ kind: 'github', identifier: 'https://github.com/acme/engine' }] },
          { project: 'ghost', sources: [{ kind: 'github', identifier: 'acme/missing' }] },
        ],
        ctx,
      ),
    );
    expect(observationOf(items, 'engine', 'github_stars').value).toBe(1200);
    expect(observationOf(items, 'engine', 'github_forks').value).toBe(300);
    expect(observations(items)).toHaveLength(2);
    expect(ctx.logs.filter((l) => l.message.includes('GITHUB_TOKEN'))).toHaveLength(1);
    expect(findings(items).map((f) => [f.project, f.kind])).toEqual([
      ['engine', 'error'],
      ['ghost', 'not_found'],
    ]);
    const sent = gh.requests.slice(before);
    expect(sent.every((r) => r.method === 'GET' && r.headers.authorization === undefined)).toBe(true);
  });

  it('revalidates organization members with If-None-Match and reuses the stored page on 304', async () => {
    const stored = new Map<string, { etag: string; body: Uint8Array }>();
    const cache = {
      get: (url: string) => stored.get(url),
      put: (url: string, e: { etag: string; body: Uint8Array }) => void stored.set(url, e),
    };
    const targets = [
      { project: 'engine', sources: [{ kind: 'github' as const, identifier: 'acme/engine' }] },
    ];
    await collectAll(githubCollector.collect(targets, testContext(config(), { cache }, NOW)));
    expect(stored.size).toBe(2);
    const items = await collectAll(githubCollector.collect(targets, testContext(config(), { cache }, NOW)));
    const diversity = observationOf(items, 'engine', 'organization_diversity');
    // Same members as before (frank is on the revalidated second page), so the same value.
    expect(diversity.details).toMatchObject({ inside: 203, outside: 3 });
    const memberResponses =
      diversity.provenance.responses?.filter((r) => r.requestUrl.includes('/public_members')) ?? [];
    expect(memberResponses.map((r) => r.responseStatus)).toEqual([304, 304]);
  });
});
