/**
 * `npm run bench -w @ranking/collectors`: does a collection run use the allowance an upstream grants,
 * or is the code the bottleneck? Writes bench/RESULTS.md (BENCHMARKS.md includes it).
 *
 * GitHub runs over PROJECTS projects (default 10,000), the Hub over HUB_PROJECTS (default 2,000) against the local fakes that the tests
 * use (test/fakes: the GitHub GraphQL endpoint executes the real published schema), behind a
 * throttling proxy that grants a fixed allowance — QUOTA requests per fixed window of WINDOW_S
 * seconds, windows aligned on whole seconds — and announces it the way the real service does:
 * GitHub's `x-ratelimit-limit / -remaining / -reset` headers, the IETF `RateLimit` /
 * `RateLimit-Policy` fields for the Hugging Face Hub; a request over the allowance is answered 429
 * with `Retry-After`, as both services do. Measured: requests granted per second over the run
 * against what the fixed windows the run touched could grant (target ≥ 90 %), requests refused, repositories per GitHub GraphQL request
 * (target ≥ 25), and the process's peak RSS at the end of each run (`process.resourceUsage`).
 *
 * The allowances are scaled up from the real ones so a run takes minutes instead of hours; what a
 * full run costs at the documented limits is worked out from the measured requests per project.
 */
import { writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type CollectContext,
  type Collector,
  collectorConfig,
  githubCollector,
  huggingfaceCollector,
  type ProjectSources,
  systemClock,
} from '../src/index';
import { type FixtureRepo, startFakeGithub } from '../test/fakes/github';
import { type HubRepo, startFakeHub } from '../test/fakes/registries';
import type { FakeServer } from '../test/helpers';
import { benchLinks, linksMarkdown } from './links';

const PROJECTS = Number(process.env.PROJECTS ?? 10_000);
const WINDOW_S = Number(process.env.WINDOW_S ?? 10);
/** The allowances, scaled up from GitHub's 5,000 an hour (1.4/s) and the Hub's anonymous 500 per 300 s (1.7/s). */
const GITHUB_PER_S = Number(process.env.GITHUB_PER_S ?? 2);
const HUB_PER_S = Number(process.env.HUB_PER_S ?? 100);
/** Hub projects: five requests each, so 2,000 keep the run under two minutes at 100/s. */
const HUB_PROJECTS = Number(process.env.HUB_PROJECTS ?? 2_000);

type Style = 'github' | 'ietf';

interface Throttle {
  url: string;
  granted: number[];
  refused: number;
  close(): Promise<void>;
}

/** A proxy in front of `upstream` granting `quota` requests per `windowS`-second fixed window. */
async function startThrottle(
  upstream: string,
  quota: number,
  windowS: number,
  style: Style,
): Promise<Throttle> {
  const target = new URL(upstream);
  const granted: number[] = [];
  let refused = 0;
  let windowStart = 0;
  let used = 0;
  const headers = (now: number): Record<string, string> => {
    const resetAt = windowStart + windowS * 1000;
    const remaining = Math.max(0, quota - used);
    const resetS = Math.max(0, Math.ceil((resetAt - now) / 1000));
    return style === 'github'
      ? {
          'x-ratelimit-limit': String(quota),
          'x-ratelimit-remaining': String(remaining),
          'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
          'x-ratelimit-used': String(used),
        }
      : {
          ratelimit: `"api";r=${remaining};t=${resetS}`,
          'ratelimit-policy': `"fixed window";"api";q=${quota};w=${windowS}`,
        };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const now = Date.now();
    // Windows start on whole seconds, as GitHub's epoch-second reset times do.
    const start = Math.floor(now / 1000 / windowS) * windowS * 1000;
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
    if (used >= quota) {
      refused += 1;
      const h = headers(now);
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(Math.max(1, Math.ceil((windowStart + windowS * 1000 - now) / 1000))),
        ...h,
      });
      res.end(JSON.stringify({ message: 'API rate limit exceeded' }));
      return;
    }
    used += 1;
    granted.push(now);
    const h = headers(now);
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        // The proxy's allowance replaces whatever the fake announces.
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers))
          if (value !== undefined && !/^(x-ratelimit-|ratelimit)/.test(name)) out[name] = value;
        res.writeHead(answer.statusCode ?? 502, { ...out, ...h });
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    granted,
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Row {
  source: string;
  projects: number;
  allowancePerS: number;
  seconds: number;
  grantedPerS: number;
  share: number;
  refused: number;
  requestsPerProject: number;
  observations: number;
  findings: number;
  peakRssMiB: number;
  batch?: number;
}

async function measure(
  source: string,
  collector: Collector,
  targets: ProjectSources[],
  upstream: FakeServer,
  throttle: Throttle,
  quota: number,
  ctx: CollectContext,
): Promise<Row> {
  const before = upstream.requests.length;
  let observations = 0;
  let findings = 0;
  const started = Date.now();
  for await (const item of collector.collect(targets, ctx)) {
    if (item.type === 'observation') observations += 1;
    else findings += 1;
  }
  const seconds = (Date.now() - started) / 1000;
  // The sustained rate: what was granted against what the windows the run touched could grant.
  const windowMs = WINDOW_S * 1000;
  const first = throttle.granted[0] ?? started;
  const last = throttle.granted.at(-1) ?? first;
  const windows = Math.floor(last / windowMs) - Math.floor(first / windowMs) + 1;
  const grantedPerS = throttle.granted.length / (windows * WINDOW_S);
  const allowancePerS = quota / WINDOW_S;
  return {
    source,
    projects: targets.length,
    allowancePerS,
    seconds,
    grantedPerS,
    share: grantedPerS / allowancePerS,
    refused: throttle.refused,
    requestsPerProject: (upstream.requests.length - before) / targets.length,
    observations,
    findings,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

const context = (config: Parameters<typeof collectorConfig>[0]): CollectContext => ({
  config: collectorConfig({ maxRateLimitRetries: 1_000, ...config }),
  clock: systemClock,
  log: () => {},
});

async function benchGithub(): Promise<Row> {
  const repos: Record<string, FixtureRepo> = {};
  const targets: ProjectSources[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const name = `owner${i}/repo${i}`;
    repos[name] = {
      nameWithOwner: name,
      stargazerCount: 1000 + i,
      forkCount: 100 + (i % 97),
      owner: { __typename: 'User', login: `owner${i}` },
      commits: [
        { date: '2026-01-15T00:00:00Z', author: { email: `a${i}@example.org`, name: 'A', user: null } },
      ],
      releases: [{ createdAt: '2026-01-20T00:00:00Z', publishedAt: '2026-01-20T00:00:00Z', isDraft: false }],
      issues: [
        {
          createdAt: '2026-06-01T00:00:00Z',
          closed: true,
          author: { __typename: 'User', login: `reporter${i}` },
          comments: [
            { createdAt: '2026-06-01T05:00:00Z', author: { __typename: 'User', login: `owner${i}` } },
          ],
        },
      ],
    };
    targets.push({ project: `p${i}`, sources: [{ kind: 'github', identifier: name }] });
  }
  const token = 'ghp_benchToken0123456789';
  const fake = await startFakeGithub({ repos, members: {} }, token);
  const quota = GITHUB_PER_S * WINDOW_S;
  const graphql = await startThrottle(fake.url, quota, WINDOW_S, 'github');
  try {
    const row = await measure(
      'GitHub (GraphQL)',
      githubCollector,
      targets,
      fake,
      graphql,
      quota,
      context({
        githubGraphqlUrl: `${graphql.url}/graphql`,
        githubApiUrl: graphql.url,
        githubToken: token,
      }),
    );
    const graphqlRequests = fake.requests.filter((r) => r.url.startsWith('/graphql'));
    const batches = graphqlRequests
      .map((r) => (r.body.match(/\brepository\(/g) ?? []).length)
      .filter((n) => n > 0);
    row.batch = batches.length > 0 ? Math.max(...batches) : 0;
    return row;
  } finally {
    await graphql.close();
    await fake.close();
  }
}

async function benchHub(): Promise<Row> {
  const models: HubRepo[] = [];
  const targets: ProjectSources[] = [];
  for (let i = 0; i < HUB_PROJECTS; i++) {
    models.push({ id: `org${i}/model${i}`, downloads: 10 * i, downloadsAllTime: 100 * i, likes: i % 50 });
    targets.push({
      project: `p${i}`,
      sources: [{ kind: 'huggingface_model', identifier: `org${i}/model${i}` }],
    });
  }
  const fake = await startFakeHub({ models, datasets: [], renamed: {} });
  const quota = HUB_PER_S * WINDOW_S;
  const hub = await startThrottle(fake.url, quota, WINDOW_S, 'ietf');
  try {
    return await measure(
      'Hugging Face Hub',
      huggingfaceCollector,
      targets,
      fake,
      hub,
      quota,
      context({ hfEndpoint: hub.url }),
    );
  } finally {
    await hub.close();
    await fake.close();
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Hours a run of `projects` projects takes at `perHour` requests an hour, from the measured requests per project. */
const hoursAt = (row: Row, projects: number, perHour: number) =>
  (row.requestsPerProject * projects) / perHour;

const rows = [await benchGithub(), await benchHub()];
/** 100 hosts × 1,000 links, 200 ms apart: the limits allow about 200 s. */
const links = await benchLinks(
  Number(process.env.LINKS ?? 100_000),
  Number(process.env.LINK_HOSTS ?? 100),
  Number(process.env.LINK_DELAY_MS ?? 200),
);
const [github, hub] = rows as [Row, Row];
const lines = [
  '# Collection against a fixed allowance',
  '',
  `Command: \`npm run bench -w @ranking/collectors\` (packages/collectors/bench/run.ts). Run at ${new Date().toISOString()}, one run each; fixed windows of ${WINDOW_S} s; allowances scaled up from GitHub's 5,000 requests an hour (1.4/s) and the Hub's 500 per 300 s (1.7/s) so that a run takes minutes. Each collector runs against the test fakes behind a throttling proxy that grants the allowance below, announces it with the service's own headers and answers 429 with Retry-After past it.`,
  '',
  '| source | projects | allowance (requests/s) | granted (requests/s) | share of the allowance (target ≥ 90 %) | refused (429) | requests per project | repositories per GraphQL request (target ≥ 25) | observations | findings | wall s | peak RSS MiB |',
  '| --- | --: | --: | --: | --- | --: | --: | --: | --: | --: | --: | --: |',
  ...rows.map(
    (r) =>
      `| ${r.source} | ${fmt(r.projects)} | ${fmt(r.allowancePerS)} | ${fmt(r.grantedPerS, 1)} | ${fmt(r.share * 100, 1)} % (${r.share >= 0.9 ? 'met' : 'not met'}) | ${fmt(r.refused)} | ${fmt(r.requestsPerProject, 2)} | ${r.batch === undefined ? '—' : `${r.batch} (${r.batch >= 25 ? 'met' : 'not met'})`} | ${fmt(r.observations)} | ${fmt(r.findings)} | ${fmt(r.seconds, 1)} | ${fmt(r.peakRssMiB)} |`,
  ),
  '',
  `Peak RSS is the bench process's (fakes, proxy and collector in one process) after each run, so the second row includes the first. At the documented limits, from the measured requests per project (these fixtures have one repository per project, one commit, one release and one issue; real repositories need more history and issue pages): GitHub's GraphQL API allows 5,000 points an hour per token — ${fmt(hoursAt(github, 13_500, 5_000), 1)} h for 13,500 projects at one point per request; the Hugging Face Hub's API 500 requests per 5-minute window without a token and 1,000 with a free account's (huggingface.co/docs/hub/rate-limits) — ${fmt(hoursAt(hub, 13_500, 6_000), 1)} h or ${fmt(hoursAt(hub, 13_500, 12_000), 1)} h for 13,500 projects.`,
  '',
];
lines.push(...linksMarkdown(links), '');
writeFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), lines.join('\n'));
console.log(lines.join('\n'));
