/**
 * The collectors' upstreams for the admin's end-to-end tests: the local fakes of
 * @ranking/collectors/testing (GitHub GraphQL + REST executing GitHub's published schema, Hugging Face
 * Hub, pypistats, OpenAlex, deps.dev; the same servers the collectors' and the API's tests use) on
 * 127.0.0.1 with a small fixture. Run as its own process by global-setup.ts:
 * `tsx e2e/upstream-fakes.ts OUT.json GITHUB_TOKEN`; writes `{ github, hub, pypistats, openalex,
 * depsdev, control }` (base URLs) to OUT.json once every server listens, then serves until killed.
 *
 * The Hub is reached through a gate: after `POST {control}/hold` its requests wait until
 * `POST {control}/release`, so a scenario can watch a run in the RUNNING state and then let it end,
 * without depending on how fast anything is.
 *
 * The fixture: the Hub knows `deepseek-ai/DeepSeek-V3` (and two models derived from it); GitHub knows
 * `vllm-project/vllm` but not `deepseek-ai/DeepSeek-V3`, so collecting the demo's `deepseek-v3`
 * project (both identifiers, from the catalog) stores Hub values and records a GitHub not-found finding.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startFakeDepsdev,
  startFakeGithub,
  startFakeHub,
  startFakeOpenalex,
  startFakePypistats,
} from '@ranking/collectors/testing';

const [outFile, token] = process.argv.slice(2);
if (!outFile || !token) {
  console.error('usage: tsx e2e/upstream-fakes.ts OUT.json GITHUB_TOKEN');
  process.exit(2);
}

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString();

const github = await startFakeGithub(
  {
    repos: {
      'vllm-project/vllm': {
        nameWithOwner: 'vllm-project/vllm',
        stargazerCount: 4242,
        forkCount: 777,
        owner: {
          __typename: 'Organization',
          login: 'vllm-project',
          name: 'vLLM',
          websiteUrl: null,
          email: null,
        },
        commits: [
          {
            date: day(10),
            author: { email: 'a@example.org', name: 'A', user: { login: 'a', company: null } },
          },
        ],
        releases: [{ createdAt: day(30), publishedAt: day(30), isDraft: false }],
        issues: [],
      },
    },
    members: { 'vllm-project': [['a']] },
  },
  token,
);
const hub = await startFakeHub({
  models: [
    { id: 'deepseek-ai/DeepSeek-V3', downloads: 812_345, downloadsAllTime: 9_876_543, likes: 4_321 },
    {
      id: 'example/DeepSeek-V3-finetune',
      downloads: 10,
      downloadsAllTime: 20,
      likes: 1,
      baseModels: ['finetune:deepseek-ai/DeepSeek-V3'],
    },
    {
      id: 'example/DeepSeek-V3-GGUF',
      downloads: 30,
      downloadsAllTime: 40,
      likes: 2,
      baseModels: ['quantized:deepseek-ai/DeepSeek-V3'],
    },
  ],
  datasets: [],
  renamed: {},
});
const listen = async (server: ReturnType<typeof createServer>) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

// The gate in front of the Hub, and its switch.
let held = false;
let waiting: (() => void)[] = [];
const gate = createServer((req: IncomingMessage, res: ServerResponse) => {
  const forward = async () => {
    const answer = await fetch(`${hub.url}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers: { accept: req.headers.accept ?? '*/*' },
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
        headers[name] = value;
    });
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
  const go = () => {
    forward().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  };
  if (held) waiting.push(go);
  else go();
});
const gateUrl = await listen(gate);
const control = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/hold') held = true;
  else if (req.method === 'POST' && req.url === '/release') {
    held = false;
    const released = waiting;
    waiting = [];
    for (const go of released) go();
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ held, waiting: waiting.length }));
});
const controlUrl = await listen(control);

const pypistats = await startFakePypistats({ packages: {} });
const openalex = await startFakeOpenalex({ works: {} });
const depsdev = await startFakeDepsdev({ packages: {} });

// Written whole, then renamed: the reader never sees half a file.
writeFileSync(
  `${outFile}.tmp`,
  JSON.stringify({
    github: github.url,
    hub: gateUrl,
    control: controlUrl,
    pypistats: pypistats.url,
    openalex: openalex.url,
    depsdev: depsdev.url,
  }),
);
renameSync(`${outFile}.tmp`, outFile);
console.log(
  `upstream fakes listening: GitHub ${github.url}, Hub ${hub.url} (gate ${gateUrl}, control ${controlUrl})`,
);
