/**
 * GitHub: repository facts through the GraphQL API (aliases batch `githubBatchSize` repositories
 * per request), organization public members through REST (GraphQL has no public-membership field).
 * Without a token only stars and forks are collected, through the REST API's anonymous quota.
 */
import { z } from 'zod';
import { BOT_LIST_VERSION } from '../bots';
import {
  bodySnippet,
  type HttpClient,
  HttpError,
  type HttpResponse,
  httpClientFor,
  parseJson,
} from '../http/client';
import { nextLink } from '../http/link-header';
import { quotaExhaustedWaitMs } from '../http/rate-limit';
import { errorFinding, makeFinding, makeObservation } from '../provenance';
import type {
  CollectContext,
  CollectedItem,
  Collector,
  ProjectSources,
  ResponseRecord,
  SourceIdentifier,
} from '../types';
import { historyPagesQuery, releasePagesQuery, repositoryFactsQuery } from './queries';
import {
  type CommitAuthor,
  distinctContributors,
  firstResponseHours,
  type IssueSample,
  isBotAuthor,
  isInsideOrganization,
  median,
  type PrimaryOrganization,
} from './stats';

const meta = { source: 'github', version: `1.0.0+bots.${BOT_LIST_VERSION}` } as const;
const REPO_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const MAX_MEMBER_PAGES = 30;

// ---- response shapes (the fields read; GitHub's schema in @octokit/graphql-schema) ----------------
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const commitAuthor = z.object({
  email: z.string().nullable(),
  name: z.string().nullable(),
  user: z.object({ login: z.string(), company: z.string().nullable() }).nullable(),
});
const historyConnection = z.object({
  totalCount: z.number().int(),
  pageInfo,
  nodes: z.array(z.object({ author: commitAuthor.nullable() }).nullable()),
});
const releaseConnection = z.object({
  totalCount: z.number().int(),
  pageInfo,
  nodes: z.array(
    z.object({ createdAt: z.string(), publishedAt: z.string().nullable(), isDraft: z.boolean() }).nullable(),
  ),
});
const historyHolder = z.object({
  defaultBranchRef: z
    .object({ target: z.object({ history: historyConnection.optional() }).nullable() })
    .nullable(),
});
const repositoryFacts = historyHolder.extend({
  nameWithOwner: z.string(),
  stargazerCount: z.number().int(),
  forkCount: z.number().int(),
  owner: z.object({
    __typename: z.string(),
    login: z.string(),
    name: z.string().nullable().optional(),
    websiteUrl: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
  }),
  releases: releaseConnection,
});
const actor = z.object({ __typename: z.string(), login: z.string() }).nullable();
const issueCount = z.object({ issueCount: z.number().int() });
const issueSample = z.object({
  nodes: z.array(
    z
      .object({
        createdAt: z.string(),
        author: actor,
        comments: z.object({ nodes: z.array(z.object({ createdAt: z.string(), author: actor }).nullable()) }),
      })
      .nullable(),
  ),
});
const envelope = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        type: z.string().optional(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
});
type Envelope = z.infer<typeof envelope>;
const restRepository = z.object({
  full_name: z.string(),
  stargazers_count: z.number().int(),
  forks_count: z.number().int(),
});
const publicMembers = z.array(z.object({ login: z.string() }));

// ---- per-repository results -----------------------------------------------------------------------
interface RepoRef {
  identifier: SourceIdentifier;
  owner: string;
  name: string;
  key: string;
}

interface RepoResult {
  nameWithOwner: string;
  stars: number;
  forks: number;
  owner: z.infer<typeof repositoryFacts>['owner'];
  commitsTotal: number;
  authors: CommitAuthor[];
  historyCursor: string | null;
  historyPages: number;
  historyError?: string;
  releasesInWindow: number;
  releasesCursor: string | null;
  releasesError?: string;
  issuesOpened?: number;
  issuesClosed?: number;
  sample?: IssueSample[];
  searchError?: string;
  facts: HttpResponse;
  historyResponses: HttpResponse[];
  releaseResponses: HttpResponse[];
}

type RepoOutcome =
  | { ok: true; result: RepoResult }
  | { ok: false; kind: 'not_found' | 'error'; message: string; requestUrl?: string; status?: number };

function parseRepo(identifier: SourceIdentifier): RepoRef | undefined {
  const raw = identifier.identifier
    .trim()
    .replace(/^https?:\/\/(www\.)?github\.com\//i, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '');
  if (!REPO_NAME.test(raw)) return undefined;
  const [owner = '', name = ''] = raw.split('/');
  return { identifier, owner, name, key: raw.toLowerCase() };
}

function minusOneYear(now: Date): Date {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function shapeError(response: HttpResponse, path: string, error: z.ZodError): HttpError {
  const issue = error.issues[0];
  const at = `${path}${(issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
  return new HttpError(
    'unexpected_shape',
    response.requestUrl,
    `${response.requestUrl} answered with an unexpected shape at ${at}: ${issue?.message ?? 'invalid'}`,
    response.responseStatus,
  );
}

function pick<T>(
  response: HttpResponse,
  data: Record<string, unknown>,
  alias: string,
  schema: z.ZodType<T>,
): T | null {
  const value = data[alias];
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw shapeError(response, `$.data.${alias}`, parsed.error);
  return parsed.data;
}

function aliasError(env: Envelope, alias: string) {
  return env.errors?.find((e) => e.path?.[0] === alias);
}

class GithubRun {
  private readonly client: HttpClient;
  private readonly since: Date;
  private readonly until: Date;
  private readonly members = new Map<string, Promise<{ logins: Set<string>; responses: HttpResponse[] }>>();

  constructor(
    private readonly ctx: CollectContext,
    private readonly token: string,
  ) {
    this.client = httpClientFor(ctx);
    const now = ctx.clock.now();
    this.since = minusOneYear(now);
    this.until = new Date(now.getTime() - ctx.config.githubResponseCapHours * 3_600_000);
  }

  private async graphql(
    query: string,
    variables: Record<string, string>,
  ): Promise<{ response: HttpResponse; env: Envelope }> {
    const { config, signal } = this.ctx;
    for (let attempt = 0; ; attempt++) {
      const response = await this.client.request({
        url: config.githubGraphqlUrl,
        method: 'POST',
        body: JSON.stringify({ query, variables }),
        token: this.token,
        source: 'github',
      });
      if (response.responseStatus === 401) {
        throw new HttpError(
          'status',
          response.requestUrl,
          'GitHub refused the token (401): check GITHUB_TOKEN',
          401,
        );
      }
      if (response.responseStatus !== 200) {
        throw new HttpError(
          'status',
          response.requestUrl,
          this.client.redact(
            `POST ${response.requestUrl} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
          ),
          response.responseStatus,
        );
      }
      const env = parseJson(response, envelope);
      const limited = env.errors?.some((e) => e.type === 'RATE_LIMITED');
      if (!limited) return { response, env };
      if (attempt >= config.maxRateLimitRetries) {
        throw new HttpError(
          'rate_limited',
          response.requestUrl,
          'GitHub GraphQL API: rate limit exhausted',
          200,
        );
      }
      // The HTTP layer already holds the host until x-ratelimit-reset when the headers say so.
      if (quotaExhaustedWaitMs(response.headers, this.ctx.clock.now()) === undefined) {
        await this.ctx.clock.sleep(60_000, signal);
      }
    }
  }

  /** Facts of every repository of a batch, `githubBatchSize` per GraphQL request. */
  async fetchRepositories(refs: RepoRef[]): Promise<Map<string, RepoOutcome>> {
    const outcomes = new Map<string, RepoOutcome>();
    const { githubBatchSize, githubIssueSample } = this.ctx.config;
    for (let start = 0; start < refs.length; start += githubBatchSize) {
      const chunk = refs.slice(start, start + githubBatchSize);
      const variables: Record<string, string> = { since: this.since.toISOString() };
      chunk.forEach((ref, i) => {
        const repo = `repo:${ref.owner}/${ref.name} is:issue`;
        variables[`o${i}`] = ref.owner;
        variables[`n${i}`] = ref.name;
        variables[`qa${i}`] = `${repo} created:>=${day(this.since)}`;
        variables[`qc${i}`] = `${repo} is:closed created:>=${day(this.since)}`;
        variables[`qs${i}`] = `${repo} created:${day(this.since)}..${day(this.until)} sort:created-desc`;
      });
      try {
        const { response, env } = await this.graphql(
          repositoryFactsQuery(chunk.length, githubIssueSample),
          variables,
        );
        const data = env.data ?? {};
        if (!env.data) {
          const message = env.errors?.map((e) => e.message).join('; ') ?? 'no data';
          throw new HttpError(
            'status',
            response.requestUrl,
            `GitHub GraphQL API: ${message}`,
            response.responseStatus,
          );
        }
        chunk.forEach((ref, i) => {
          outcomes.set(ref.key, this.readRepository(response, env, data, i, ref));
        });
      } catch (error) {
        if (this.ctx.signal?.aborted) throw this.ctx.signal.reason;
        const message = error instanceof Error ? this.client.redact(error.message) : String(error);
        const http = error instanceof HttpError ? error : undefined;
        for (const ref of chunk) {
          outcomes.set(ref.key, {
            ok: false,
            kind: 'error',
            message,
            ...(http ? { requestUrl: http.url } : {}),
            ...(http?.status !== undefined ? { status: http.status } : {}),
          });
        }
      }
    }
    const ok = [...outcomes.values()].flatMap((o) => (o.ok ? [o.result] : []));
    await this.followHistory(ok);
    await this.followReleases(ok);
    return outcomes;
  }

  private readRepository(
    response: HttpResponse,
    env: Envelope,
    data: Record<string, unknown>,
    i: number,
    ref: RepoRef,
  ): RepoOutcome {
    const repoError = aliasError(env, `r${i}`);
    const repo = pick(response, data, `r${i}`, repositoryFacts);
    if (!repo) {
      const notFound = repoError?.type === 'NOT_FOUND' || !repoError;
      return {
        ok: false,
        kind: notFound ? 'not_found' : 'error',
        message: repoError
          ? `GitHub: ${repoError.message}`
          : `GitHub has no repository ${ref.owner}/${ref.name}`,
        requestUrl: response.requestUrl,
        status: response.responseStatus,
      };
    }
    const history = repo.defaultBranchRef?.target?.history;
    const result: RepoResult = {
      nameWithOwner: repo.nameWithOwner,
      stars: repo.stargazerCount,
      forks: repo.forkCount,
      owner: repo.owner,
      commitsTotal: history?.totalCount ?? 0,
      authors: (history?.nodes ?? []).flatMap((n) => (n?.author ? [n.author] : [])),
      historyCursor: history?.pageInfo.hasNextPage ? history.pageInfo.endCursor : null,
      historyPages: 1,
      releasesInWindow: 0,
      releasesCursor: null,
      facts: response,
      historyResponses: [],
      releaseResponses: [],
    };
    this.countReleases(result, repo.releases);
    const opened = pick(response, data, `a${i}`, issueCount);
    const closed = pick(response, data, `c${i}`, issueCount);
    const sample = pick(response, data, `s${i}`, issueSample);
    const searchError = aliasError(env, `a${i}`) ?? aliasError(env, `c${i}`) ?? aliasError(env, `s${i}`);
    if (opened && closed && sample && !searchError) {
      result.issuesOpened = opened.issueCount;
      result.issuesClosed = closed.issueCount;
      result.sample = sample.nodes.flatMap((n) =>
        n
          ? [
              {
                createdAt: n.createdAt,
                author: n.author ? { typename: n.author.__typename, login: n.author.login } : null,
                comments: n.comments.nodes.flatMap((c) =>
                  c
                    ? [
                        {
                          createdAt: c.createdAt,
                          author: c.author ? { typename: c.author.__typename, login: c.author.login } : null,
                        },
                      ]
                    : [],
                ),
              },
            ]
          : [],
      );
    } else {
      result.searchError = searchError
        ? `GitHub search: ${searchError.message}`
        : 'GitHub search returned no result';
    }
    return { ok: true, result };
  }

  private countReleases(result: RepoResult, page: z.infer<typeof releaseConnection>): void {
    const since = this.since.getTime();
    let reachedOlder = false;
    for (const release of page.nodes) {
      if (!release) continue;
      if (Date.parse(release.createdAt) < since) reachedOlder = true;
      if (!release.isDraft && release.publishedAt && Date.parse(release.publishedAt) >= since)
        result.releasesInWindow++;
    }
    result.releasesCursor = page.pageInfo.hasNextPage && !reachedOlder ? page.pageInfo.endCursor : null;
  }

  /** Reads further history pages, batched like the facts, until done or `githubMaxHistoryPages`. */
  private async followHistory(results: RepoResult[]): Promise<void> {
    const { githubBatchSize, githubMaxHistoryPages } = this.ctx.config;
    for (;;) {
      const pending = results.filter(
        (r) => r.historyCursor && !r.historyError && r.historyPages < githubMaxHistoryPages,
      );
      if (pending.length === 0) return;
      for (let start = 0; start < pending.length; start += githubBatchSize) {
        const chunk = pending.slice(start, start + githubBatchSize);
        const variables: Record<string, string> = { since: this.since.toISOString() };
        chunk.forEach((r, i) => {
          const [owner = '', name = ''] = r.nameWithOwner.split('/');
          variables[`o${i}`] = owner;
          variables[`n${i}`] = name;
          variables[`a${i}`] = r.historyCursor ?? '';
        });
        try {
          const { response, env } = await this.graphql(historyPagesQuery(chunk.length), variables);
          const data = env.data ?? {};
          chunk.forEach((r, i) => {
            const page = pick(response, data, `r${i}`, historyHolder)?.defaultBranchRef?.target?.history;
            r.historyResponses.push(response);
            r.historyPages++;
            if (!page) {
              r.historyError = aliasError(env, `r${i}`)?.message ?? 'GitHub returned no history page';
              return;
            }
            for (const node of page.nodes) if (node?.author) r.authors.push(node.author);
            r.historyCursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
          });
        } catch (error) {
          if (this.ctx.signal?.aborted) throw this.ctx.signal.reason;
          for (const r of chunk)
            r.historyError = this.client.redact(error instanceof Error ? error.message : String(error));
        }
      }
    }
  }

  private async followReleases(results: RepoResult[]): Promise<void> {
    const { githubBatchSize } = this.ctx.config;
    for (let guard = 0; guard < 50; guard++) {
      const pending = results.filter((r) => r.releasesCursor);
      if (pending.length === 0) return;
      for (let start = 0; start < pending.length; start += githubBatchSize) {
        const chunk = pending.slice(start, start + githubBatchSize);
        const variables: Record<string, string> = {};
        chunk.forEach((r, i) => {
          const [owner = '', name = ''] = r.nameWithOwner.split('/');
          variables[`o${i}`] = owner;
          variables[`n${i}`] = name;
          variables[`a${i}`] = r.releasesCursor ?? '';
        });
        try {
          const { response, env } = await this.graphql(releasePagesQuery(chunk.length), variables);
          const data = env.data ?? {};
          chunk.forEach((r, i) => {
            const page = pick(response, data, `r${i}`, z.object({ releases: releaseConnection }))?.releases;
            r.releaseResponses.push(response);
            if (page) this.countReleases(r, page);
            else {
              r.releasesCursor = null;
              r.releasesError = aliasError(env, `r${i}`)?.message ?? 'GitHub returned no release page';
            }
          });
        } catch (error) {
          if (this.ctx.signal?.aborted) throw this.ctx.signal.reason;
          for (const r of chunk) {
            r.releasesCursor = null;
            r.releasesError = this.client.redact(error instanceof Error ? error.message : String(error));
          }
        }
      }
    }
  }

  /** Public members of an organization (REST, Link-paginated, revalidated with ETags). */
  organizationMembers(login: string): Promise<{ logins: Set<string>; responses: HttpResponse[] }> {
    const key = login.toLowerCase();
    let pending = this.members.get(key);
    if (!pending) {
      pending = this.readMembers(login);
      this.members.set(key, pending);
    }
    return pending;
  }

  private async readMembers(login: string): Promise<{ logins: Set<string>; responses: HttpResponse[] }> {
    const logins = new Set<string>();
    const responses: HttpResponse[] = [];
    let url: string | undefined =
      `${this.ctx.config.githubApiUrl}/orgs/${encodeURIComponent(login)}/public_members?per_page=100`;
    for (let page = 0; url && page < MAX_MEMBER_PAGES; page++) {
      const response = await this.client.request({
        url,
        token: this.token,
        conditional: true,
        source: 'github',
        headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      });
      if (response.responseStatus === 404) break;
      if (response.responseStatus !== 200 && response.responseStatus !== 304) {
        throw new HttpError(
          'status',
          url,
          this.client.redact(
            `GET ${url} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
          ),
          response.responseStatus,
        );
      }
      responses.push(response);
      for (const member of parseJson(response, publicMembers)) logins.add(member.login.toLowerCase());
      url = nextLink(response.headers.get('link'));
    }
    return { logins, responses };
  }

  /** Observations and findings of one project from its repositories' results. */
  async *emit(
    project: string,
    refs: RepoRef[],
    outcomes: Map<string, RepoOutcome>,
  ): AsyncGenerator<CollectedItem> {
    const repos: RepoResult[] = [];
    const firstRef = refs[0];
    for (const ref of refs) {
      const outcome = outcomes.get(ref.key);
      if (!outcome) continue;
      if (!outcome.ok) {
        yield makeFinding(meta, project, ref.identifier, outcome.kind, outcome.message, {
          ...(outcome.requestUrl ? { requestUrl: outcome.requestUrl } : {}),
          ...(outcome.status !== undefined ? { responseStatus: outcome.status } : {}),
        });
        continue;
      }
      const result = outcome.result;
      if (result.nameWithOwner.toLowerCase() !== ref.key) {
        yield makeFinding(
          meta,
          project,
          ref.identifier,
          'renamed',
          `GitHub answers ${ref.owner}/${ref.name} as ${result.nameWithOwner}`,
          {
            renamedTo: result.nameWithOwner,
          },
        );
      }
      if (!repos.includes(result)) repos.push(result);
    }
    const first = repos[0];
    if (!first || !firstRef) return;
    const names = repos.map((r) => r.nameWithOwner);
    const sourceUrl = `https://github.com/${first.nameWithOwner}`;
    const facts = repos.map((r) => r.facts);
    const base = { project, sourceUrl, sourceKind: 'github' as const };
    const sinceText = day(this.since);
    const sum = (f: (r: RepoResult) => number) => repos.reduce((total, r) => total + f(r), 0);
    const refOf = (r: RepoResult) =>
      refs.find(
        (ref) => outcomes.get(ref.key)?.ok && (outcomes.get(ref.key) as { result: RepoResult }).result === r,
      )?.identifier ?? firstRef.identifier;

    yield makeObservation(
      meta,
      { ...base, indicator: 'github_stars', value: sum((r) => r.stars) },
      facts,
      names,
    );
    yield makeObservation(
      meta,
      { ...base, indicator: 'github_forks', value: sum((r) => r.forks) },
      facts,
      names,
    );
    yield makeObservation(
      meta,
      {
        ...base,
        indicator: 'commits_12m',
        value: sum((r) => r.commitsTotal),
        window: 'P12M',
        note: `Commits on the default branch since ${sinceText} (GitHub's history totalCount; bot commits included).`,
      },
      facts,
      names,
    );
    for (const r of repos.filter((r) => r.releasesError)) {
      yield makeFinding(
        meta,
        project,
        refOf(r),
        'error',
        `${r.nameWithOwner}: releases incomplete: ${r.releasesError}`,
        {
          indicator: 'releases_12m',
        },
      );
    }
    if (!repos.some((r) => r.releasesError))
      yield makeObservation(
        meta,
        {
          ...base,
          indicator: 'releases_12m',
          value: sum((r) => r.releasesInWindow),
          window: 'P12M',
          note: `Published (non-draft) releases since ${sinceText}.`,
        },
        [...facts, ...repos.flatMap((r) => r.releaseResponses)],
        names,
      );

    // Contributors and organization diversity read every commit author of the window.
    const failed = repos.filter((r) => r.historyError);
    for (const r of failed) {
      for (const indicator of ['contributors_12m', 'organization_diversity'] as const) {
        yield makeFinding(
          meta,
          project,
          refOf(r),
          'error',
          `${r.nameWithOwner}: commit history incomplete: ${r.historyError}`,
          { indicator },
        );
      }
    }
    if (failed.length === 0) {
      const truncated = repos.filter((r) => r.historyCursor);
      const historyResponses = [...facts, ...repos.flatMap((r) => r.historyResponses)];
      const authors = repos.flatMap((r) => r.authors);
      const people = distinctContributors(authors);
      const truncation =
        truncated.length > 0
          ? ` Lower bound: history read up to ${this.ctx.config.githubMaxHistoryPages * 100} commits for ${truncated.map((r) => r.nameWithOwner).join(', ')}.`
          : '';
      yield makeObservation(
        meta,
        {
          ...base,
          indicator: 'contributors_12m',
          value: people.size,
          window: 'P12M',
          note: `Distinct authors of default-branch commits since ${sinceText}, bots excluded (bot list ${BOT_LIST_VERSION}); identity is the GitHub login, else the e-mail.${truncation}`,
          details: { commitsRead: authors.length, botCommits: authors.filter(isBotAuthor).length },
        },
        historyResponses,
        names,
      );
      yield* this.organizationDiversity(
        project,
        refOf(first),
        first,
        authors,
        historyResponses,
        names,
        base,
        truncation,
      );
    }

    const searched = repos.filter((r) => r.issuesOpened !== undefined);
    for (const r of repos.filter((r) => r.searchError)) {
      for (const indicator of ['issue_close_rate', 'issue_first_response_hours'] as const) {
        yield makeFinding(meta, project, refOf(r), 'error', `${r.nameWithOwner}: ${r.searchError}`, {
          indicator,
        });
      }
    }
    if (searched.length > 0) {
      const searchFacts = searched.map((r) => r.facts);
      const opened = searched.reduce((t, r) => t + (r.issuesOpened ?? 0), 0);
      const closed = searched.reduce((t, r) => t + (r.issuesClosed ?? 0), 0);
      if (opened === 0) {
        yield makeFinding(
          meta,
          project,
          firstRef.identifier,
          'no_data',
          `no issue opened since ${sinceText}: the close rate is undefined`,
          {
            indicator: 'issue_close_rate',
          },
        );
      } else {
        yield makeObservation(
          meta,
          {
            ...base,
            indicator: 'issue_close_rate',
            value: closed / opened,
            window: 'P12M',
            note: `Share of the issues opened since ${sinceText} (pull requests excluded) that are closed now.`,
            details: { opened, closed },
          },
          searchFacts,
          names,
        );
      }
      const cap = this.ctx.config.githubResponseCapHours;
      const sample = searched.flatMap((r) => r.sample ?? []);
      const hours = sample.map((issue) => firstResponseHours(issue, cap));
      const value = median(hours);
      if (value === undefined) {
        yield makeFinding(
          meta,
          project,
          firstRef.identifier,
          'no_data',
          `no issue opened between ${sinceText} and ${day(this.until)}: the first-response time is undefined`,
          { indicator: 'issue_first_response_hours' },
        );
      } else {
        yield makeObservation(
          meta,
          {
            ...base,
            indicator: 'issue_first_response_hours',
            value,
            window: 'P12M',
            note: `Median hours to the first comment by someone other than the author and not a bot, over the ${this.ctx.config.githubIssueSample} latest issues per repository opened between ${sinceText} and ${day(this.until)}; unanswered issues count as ${cap} h.`,
            details: {
              issuesSampled: hours.length,
              unanswered: hours.filter((h) => h >= cap).length,
              capHours: cap,
            },
          },
          searchFacts,
          names,
        );
      }
    }
  }

  private async *organizationDiversity(
    project: string,
    identifier: SourceIdentifier,
    first: RepoResult,
    authors: CommitAuthor[],
    historyResponses: ResponseRecord[],
    names: string[],
    base: { project: string; sourceUrl: string; sourceKind: 'github' },
    truncation: string,
  ): AsyncGenerator<CollectedItem> {
    const owner = first.owner;
    let members: { logins: Set<string>; responses: HttpResponse[] } = { logins: new Set(), responses: [] };
    if (owner.__typename === 'Organization') {
      try {
        members = await this.organizationMembers(owner.login);
      } catch (error) {
        yield {
          ...errorFinding(meta, this.client, project, identifier, error, this.ctx.signal),
          indicator: 'organization_diversity',
        };
        return;
      }
    }
    const org: PrimaryOrganization = {
      type: owner.__typename,
      login: owner.login,
      name: owner.name ?? null,
      websiteUrl: owner.websiteUrl ?? null,
      email: owner.email ?? null,
      publicMembers: members.logins,
    };
    const people = authors.filter((a) => !isBotAuthor(a));
    if (people.length === 0) {
      yield makeFinding(
        meta,
        project,
        identifier,
        'no_data',
        'no commit by a person in the window: organization diversity is undefined',
        {
          indicator: 'organization_diversity',
        },
      );
      return;
    }
    const inside = people.filter((a) => isInsideOrganization(a, org)).length;
    yield makeObservation(
      meta,
      {
        ...base,
        indicator: 'organization_diversity',
        value: (people.length - inside) / people.length,
        window: 'P12M',
        note: `Share of non-bot default-branch commits of the window whose author is outside ${owner.login} (the first repository's owner): not a public member, no profile company naming it, no e-mail on its website or e-mail domain.${truncation}`,
        details: {
          organization: owner.login,
          commits: people.length,
          inside,
          outside: people.length - inside,
        },
      },
      [...historyResponses, ...members.responses],
      names,
    );
  }
}

/** Without a token: stars and forks from REST `GET /repos/{owner}/{repo}` (anonymous quota). */
async function* collectAnonymously(
  ctx: CollectContext,
  jobs: { project: string; refs: RepoRef[] }[],
): AsyncGenerator<CollectedItem> {
  const client = httpClientFor(ctx);
  for (const { project, refs } of jobs) {
    const found: { name: string; stars: number; forks: number; response: HttpResponse }[] = [];
    for (const ref of refs) {
      try {
        const url = `${ctx.config.githubApiUrl}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.name)}`;
        const response = await client.request({
          url,
          conditional: true,
          source: 'github',
          headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
        });
        if (response.responseStatus === 404) {
          yield makeFinding(
            meta,
            project,
            ref.identifier,
            'not_found',
            `GitHub has no repository ${ref.owner}/${ref.name}`,
            {
              requestUrl: url,
              responseStatus: 404,
            },
          );
          continue;
        }
        if (response.responseStatus !== 200 && response.responseStatus !== 304) {
          throw new HttpError(
            'status',
            url,
            `GET ${url} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
            response.responseStatus,
          );
        }
        const repo = parseJson(response, restRepository);
        if (repo.full_name.toLowerCase() !== ref.key) {
          yield makeFinding(
            meta,
            project,
            ref.identifier,
            'renamed',
            `GitHub answers ${ref.owner}/${ref.name} as ${repo.full_name}`,
            {
              renamedTo: repo.full_name,
            },
          );
        }
        found.push({ name: repo.full_name, stars: repo.stargazers_count, forks: repo.forks_count, response });
        yield makeFinding(
          meta,
          project,
          ref.identifier,
          'error',
          "GITHUB_TOKEN is not set: GitHub's GraphQL API needs a token, so only github_stars and github_forks were collected (REST, anonymous quota)",
        );
      } catch (error) {
        yield errorFinding(meta, client, project, ref.identifier, error, ctx.signal);
      }
    }
    const first = found[0];
    if (!first) continue;
    const base = { project, sourceUrl: `https://github.com/${first.name}`, sourceKind: 'github' as const };
    const responses = found.map((f) => f.response);
    const names = found.map((f) => f.name);
    yield makeObservation(
      meta,
      { ...base, indicator: 'github_stars', value: found.reduce((t, f) => t + f.stars, 0) },
      responses,
      names,
    );
    yield makeObservation(
      meta,
      { ...base, indicator: 'github_forks', value: found.reduce((t, f) => t + f.forks, 0) },
      responses,
      names,
    );
  }
}

export const githubCollector: Collector = {
  source: meta.source,
  version: meta.version,
  identifierKinds: ['github'],
  indicators: [
    'github_stars',
    'github_forks',
    'commits_12m',
    'releases_12m',
    'contributors_12m',
    'issue_close_rate',
    'issue_first_response_hours',
    'organization_diversity',
  ],
  async *collect(targets: readonly ProjectSources[], ctx: CollectContext): AsyncGenerator<CollectedItem> {
    const jobs: { project: string; refs: RepoRef[] }[] = [];
    for (const target of targets) {
      const refs: RepoRef[] = [];
      for (const identifier of target.sources) {
        if (identifier.kind !== 'github') continue;
        const ref = parseRepo(identifier);
        if (ref) refs.push(ref);
        else
          yield makeFinding(
            meta,
            target.project,
            identifier,
            'error',
            `not a GitHub repository name (OWNER/REPO): ${JSON.stringify(identifier.identifier)}`,
          );
      }
      if (refs.length > 0) jobs.push({ project: target.project, refs });
    }
    if (jobs.length === 0) return;

    const token = ctx.config.githubToken;
    if (!token) {
      ctx.log({
        level: 'warn',
        source: 'github',
        message:
          "GITHUB_TOKEN is not set: GitHub's GraphQL API needs one; collecting stars and forks only, through REST's anonymous quota (60 requests per hour)",
      });
      yield* collectAnonymously(ctx, jobs);
      return;
    }

    const run = new GithubRun(ctx, token);
    // Projects are processed in batches of about `githubBatchSize` repositories, so values stream out.
    let batch: typeof jobs = [];
    let size = 0;
    const flush = async function* (current: typeof jobs): AsyncGenerator<CollectedItem> {
      const unique = new Map<string, RepoRef>();
      for (const job of current)
        for (const ref of job.refs) if (!unique.has(ref.key)) unique.set(ref.key, ref);
      const outcomes = await run.fetchRepositories([...unique.values()]);
      for (const job of current) yield* run.emit(job.project, job.refs, outcomes);
    };
    for (const job of jobs) {
      batch.push(job);
      size += job.refs.length;
      if (size >= ctx.config.githubBatchSize) {
        yield* flush(batch);
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) yield* flush(batch);
  },
};
