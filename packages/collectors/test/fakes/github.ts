/**
 * A GitHub API on 127.0.0.1: the GraphQL endpoint is an executable schema built from GitHub's
 * published SDL (@octokit/graphql-schema), so every document the collector sends is parsed and
 * validated against the real schema; resolvers serve the fixture below. REST: `GET /orgs/{org}/public_members`
 * (simple-user objects, Link pagination) and `GET /repos/{owner}/{repo}` (full-repository subset),
 * as documented at https://docs.github.com/en/rest.
 * Errors follow GitHub's GraphQL shape: `{ type: "NOT_FOUND", path: ["r0"], message }`.
 */
import type { ServerResponse } from 'node:http';
import { schema as octokitSchema } from '@octokit/graphql-schema';
import { buildSchema, GraphQLError, type GraphQLSchema, graphql } from 'graphql';
import { type FakeServer, type ManualClock, type SeenRequest, sendJson, startServer } from '../helpers';

let built: GraphQLSchema | undefined;
function githubSchema(): GraphQLSchema {
  built ??= buildSchema(octokitSchema.idl, { assumeValidSDL: true });
  return built;
}

export interface FixtureAuthor {
  email: string | null;
  name: string | null;
  user: { login: string; company: string | null } | null;
}
export interface FixtureCommit {
  date: string;
  author: FixtureAuthor;
}
export interface FixtureActor {
  __typename: 'User' | 'Bot';
  login: string;
}
export interface FixtureIssue {
  createdAt: string;
  closed: boolean;
  author: FixtureActor | null;
  comments: { createdAt: string; author: FixtureActor | null }[];
}
export interface FixtureRepo {
  nameWithOwner: string;
  stargazerCount: number;
  forkCount: number;
  owner: {
    __typename: 'Organization' | 'User';
    login: string;
    name?: string | null;
    websiteUrl?: string | null;
    email?: string | null;
  };
  commits: FixtureCommit[];
  releases: { createdAt: string; publishedAt: string | null; isDraft: boolean }[];
  issues: FixtureIssue[];
}

export interface GithubFixture {
  /** Keyed by the lower-case name asked for (a renamed repository is listed under its old name too). */
  repos: Record<string, FixtureRepo>;
  /** Public members per organization login, in pages. */
  members: Record<string, string[][]>;
}

function connection<T>(items: T[], first: number, after: string | null | undefined) {
  const start = after ? Number(Buffer.from(after, 'base64').toString('utf8').replace('cursor:', '')) : 0;
  const page = items.slice(start, start + first);
  const end = start + page.length;
  return {
    totalCount: items.length,
    nodes: page,
    pageInfo: {
      hasNextPage: end < items.length,
      endCursor: page.length > 0 ? Buffer.from(`cursor:${end}`).toString('base64') : null,
    },
  };
}

/** The qualifiers the collector uses: repo:, is:issue, is:closed, created:>=D, created:A..B. */
function searchIssues(fixture: GithubFixture, query: string): FixtureIssue[] {
  const terms = query.split(/\s+/);
  const repoName = terms
    .find((t) => t.startsWith('repo:'))
    ?.slice(5)
    .toLowerCase();
  const repo = repoName ? fixture.repos[repoName] : undefined;
  if (!repo || !terms.includes('is:issue')) return [];
  let issues = [...repo.issues];
  if (terms.includes('is:closed')) issues = issues.filter((i) => i.closed);
  const created = terms.find((t) => t.startsWith('created:'))?.slice(8);
  if (created?.startsWith('>=')) {
    const from = Date.parse(created.slice(2));
    issues = issues.filter((i) => Date.parse(i.createdAt) >= from);
  } else if (created?.includes('..')) {
    const [a = '', b = ''] = created.split('..');
    // GitHub's date ranges include the whole last day.
    issues = issues.filter(
      (i) => Date.parse(i.createdAt) >= Date.parse(a) && Date.parse(i.createdAt) < Date.parse(b) + 86_400_000,
    );
  }
  if (terms.includes('sort:created-desc'))
    issues.sort((x, y) => Date.parse(y.createdAt) - Date.parse(x.createdAt));
  return issues;
}

function repositoryValue(repo: FixtureRepo) {
  return {
    nameWithOwner: repo.nameWithOwner,
    stargazerCount: repo.stargazerCount,
    forkCount: repo.forkCount,
    owner: { name: null, websiteUrl: null, email: null, ...repo.owner },
    defaultBranchRef: {
      target: {
        __typename: 'Commit',
        history: (args: { since?: string; first?: number; after?: string }) => {
          const since = args.since ? Date.parse(args.since) : 0;
          const commits = repo.commits.filter((c) => Date.parse(c.date) >= since);
          return connection(commits, args.first ?? 100, args.after);
        },
      },
    },
    releases: (args: { first?: number; after?: string }) => {
      const sorted = [...repo.releases].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      return connection(sorted, args.first ?? 100, args.after);
    },
  };
}

export interface FakeGithub extends FakeServer {
  /** Validation errors of documents the collector sent (must stay empty). */
  invalidDocuments: string[];
  /** Answers to send before the normal ones (rate limits, failures), consumed in order. */
  interrupts: ((req: SeenRequest, res: ServerResponse) => boolean)[];
}

export async function startFakeGithub(
  fixture: GithubFixture,
  token: string,
  clock?: ManualClock,
): Promise<FakeGithub> {
  const invalidDocuments: string[] = [];
  const interrupts: FakeGithub['interrupts'] = [];
  const server = await startServer(async (req, res) => {
    const interrupt = interrupts[0];
    if (interrupt?.(req, res)) {
      interrupts.shift();
      return;
    }
    const authorized = req.headers.authorization === `Bearer ${token}`;
    const url = new URL(req.url, 'http://x');
    const limits = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': '1900000000',
    };

    if (req.method === 'POST' && url.pathname === '/graphql') {
      if (!authorized) {
        sendJson(res, 401, {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url:
            'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
        });
        return;
      }
      const { query, variables } = JSON.parse(req.body) as {
        query: string;
        variables: Record<string, unknown>;
      };
      const root = {
        rateLimit: {
          cost: 1,
          limit: 5000,
          nodeCount: 0,
          remaining: 4999,
          resetAt: '2030-01-01T00:00:00Z',
          used: 1,
        },
        repository: (args: { owner: string; name: string }) => {
          const repo = fixture.repos[`${args.owner}/${args.name}`.toLowerCase()];
          if (!repo) {
            throw new GraphQLError(
              `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`,
              {
                extensions: { type: 'NOT_FOUND' },
              },
            );
          }
          return repositoryValue(repo);
        },
        search: (args: { query: string; first?: number }) => {
          const issues = searchIssues(fixture, args.query);
          return {
            issueCount: issues.length,
            nodes: issues.slice(0, args.first ?? 10).map((issue) => ({
              __typename: 'Issue',
              createdAt: issue.createdAt,
              author: issue.author,
              comments: (args2: { first?: number }) => ({
                nodes: issue.comments.slice(0, args2.first ?? 100),
              }),
            })),
          };
        },
      };
      const result = await graphql({
        schema: githubSchema(),
        source: query,
        rootValue: root,
        variableValues: variables,
      });
      if (!result.data) invalidDocuments.push(...(result.errors ?? []).map((e) => e.message));
      sendJson(
        res,
        200,
        {
          data: result.data ?? null,
          ...(result.errors
            ? {
                errors: result.errors.map((e) => ({
                  ...(e.extensions?.type ? { type: e.extensions.type } : {}),
                  path: e.path,
                  locations: e.locations,
                  message: e.message,
                })),
              }
            : {}),
        },
        limits,
      );
      return;
    }

    const members = url.pathname.match(/^\/orgs\/([^/]+)\/public_members$/);
    if (req.method === 'GET' && members) {
      const pages = fixture.members[decodeURIComponent(members[1] ?? '')];
      if (!pages) {
        sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        return;
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      const logins = pages[page - 1] ?? [];
      const headers: Record<string, string> = { ...limits, etag: `"members-${members[1]}-${page}"` };
      if (page < pages.length) {
        const next = new URL(`${server.url}${url.pathname}`);
        next.searchParams.set('per_page', url.searchParams.get('per_page') ?? '30');
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next}>; rel="next", <${server.url}${url.pathname}?page=${pages.length}>; rel="last"`;
      }
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      sendJson(
        res,
        200,
        logins.map((login, i) => ({ login, id: i + 1, type: 'User', site_admin: false })),
        headers,
      );
      return;
    }

    const rest = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)$/);
    if (req.method === 'GET' && rest) {
      const repo = fixture.repos[`${rest[1]}/${rest[2]}`.toLowerCase()];
      if (!repo) {
        sendJson(res, 404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
        });
        return;
      }
      sendJson(
        res,
        200,
        {
          full_name: repo.nameWithOwner,
          html_url: `https://github.com/${repo.nameWithOwner}`,
          stargazers_count: repo.stargazerCount,
          forks_count: repo.forkCount,
        },
        limits,
      );
      return;
    }
    sendJson(res, 404, { message: 'Not Found' });
  }, clock);
  return Object.assign(server, { invalidDocuments, interrupts });
}
