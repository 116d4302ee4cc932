/**
 * Starts the real API on a fresh database (a temporary PGlite directory, or TEST_DATABASE_URL) with
 * the demo data, and the production build of the admin app, on free ports.
 */

import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ADMIN_DIR,
  freePort,
  REPO_ROOT,
  runToEnd,
  type ServerState,
  saveState,
  startInSession,
  stopGroups,
  waitForHttp,
} from './servers';

/** The token the fake GitHub accepts (its GraphQL API refuses requests without one, as GitHub does). */
const E2E_GITHUB_TOKEN = 'ghp_e2eUpstreamFakeToken0123456789';

/** Waits for a server to write `file` (its URLs); throws with its log if it exits or the deadline passes. */
async function waitForFile(
  file: string,
  timeoutMs: number,
  child: ChildProcess,
  logFile: string,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return readFileSync(file, 'utf8');
    if (child.exitCode !== null)
      throw new Error(
        `the upstream fakes exited (${child.exitCode}):\n${readFileSync(logFile, 'utf8').slice(-4000)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the upstream fakes did not start within ${timeoutMs} ms`);
}

export default async function globalSetup(): Promise<void> {
  mkdirSync(path.join(ADMIN_DIR, 'test-results'), { recursive: true });
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'ranking-e2e-'));
  const [apiPort, adminPort, linksPort] = [await freePort(), await freePort(), await freePort()];
  // The pages evidence links point to in the link-health scenarios, and a stand-in Wayback Machine.
  const linksUrl = `http://127.0.0.1:${linksPort}`;
  // E2E_API_URL + E2E_AUTH_SECRET: use an API that is already running (faster local iterations).
  const externalApi = process.env.E2E_API_URL;
  const authSecret = externalApi ? (process.env.E2E_AUTH_SECRET ?? '') : randomBytes(32).toString('hex');
  const apiUrl = externalApi ?? `http://127.0.0.1:${apiPort}/graphql`;
  const adminUrl = `http://localhost:${adminPort}`;
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(apiPort),
    AUTH_SECRET: authSecret,
    ADMIN_URL: adminUrl,
    // Every page of every scenario comes from one browser on one address: the per-address limit
    // for anonymous callers (tested in the API's own suites) would only make the scenarios wait.
    ANONYMOUS_RATE_LIMIT: '0',
    // API key usage reaches the admin's API keys page at the next flush: soon, in the scenarios.
    API_KEY_USAGE_FLUSH_MS: '300',
    // Approving evidence checks its link and looks up an archived copy (off by default under
    // NODE_ENV=test): the link-health scenarios approve links to the local fixture server, which the
    // address rule would refuse without LINK_CHECK_ALLOW_PRIVATE.
    LINK_ARCHIVE_ON_APPROVAL: 'true',
    LINK_CHECK_ALLOW_PRIVATE: '1',
    WAYBACK_AVAILABILITY_URL: `${linksUrl}/wayback/available`,
    WAYBACK_URL: linksUrl,
    // The webhooks scenario's receiver listens on 127.0.0.1 (refused without WEBHOOK_ALLOW_PRIVATE);
    // the collection run it triggers asks the fixture server's 404 paths for Hugging Face data.
    WEBHOOK_ALLOW_PRIVATE: '1',
    WEBHOOK_BACKOFF_BASE_MS: '200',
    HF_ENDPOINT: `${linksUrl}/gone`,
  };
  if (process.env.TEST_DATABASE_URL) apiEnv.DATABASE_URL = process.env.TEST_DATABASE_URL;
  else {
    delete apiEnv.DATABASE_URL;
    apiEnv.PGLITE_DIR = path.join(tempDir, 'pglite');
  }
  const cli = path.join(REPO_ROOT, 'apps/api/bin/ranking.js');
  const pgids: number[] = [];
  const state: ServerState = { pgids, tempDir, apiUrl, adminUrl };

  // The collectors' upstreams (e2e/upstream-fakes.ts): collection runs started in the scenarios talk
  // to these, never to the public services.
  const upstreamsFile = path.join(tempDir, 'upstreams.json');
  const upstreamsLog = path.join(ADMIN_DIR, 'test-results', 'upstreams.log');
  const upstreams = startInSession(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ADMIN_DIR, 'e2e/upstream-fakes.ts'),
      upstreamsFile,
      E2E_GITHUB_TOKEN,
    ],
    { cwd: ADMIN_DIR, env: process.env, logFile: upstreamsLog },
  );
  if (upstreams.pid) pgids.push(upstreams.pid);
  saveState(state);
  const urls = await waitForFile(upstreamsFile, 60_000, upstreams, upstreamsLog);
  const upstreamUrls = JSON.parse(urls) as Record<
    'github' | 'hub' | 'control' | 'pypistats' | 'openalex' | 'depsdev',
    string
  >;
  Object.assign(apiEnv, {
    GITHUB_TOKEN: E2E_GITHUB_TOKEN,
    GITHUB_GRAPHQL_URL: `${upstreamUrls.github}/graphql`,
    GITHUB_API_URL: upstreamUrls.github,
    HF_ENDPOINT: upstreamUrls.hub,
    PYPISTATS_URL: upstreamUrls.pypistats,
    OPENALEX_URL: upstreamUrls.openalex,
    DEPSDEV_URL: upstreamUrls.depsdev,
  });

  const adminEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    API_URL: apiUrl,
    AUTH_SECRET: authSecret,
    NEXTAUTH_URL: adminUrl,
  };
  if (!existsSync(path.join(ADMIN_DIR, '.next', 'BUILD_ID')) || process.env.E2E_REBUILD === '1') {
    runToEnd(process.execPath, [path.join(REPO_ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ADMIN_DIR,
      env: adminEnv,
    });
  }

  const apiLog = path.join(ADMIN_DIR, 'test-results', 'api.log');
  const adminLog = path.join(ADMIN_DIR, 'test-results', 'admin.log');
  const links = startInSession(
    process.execPath,
    [path.join(ADMIN_DIR, 'e2e/link-fixture-server.mjs'), String(linksPort)],
    { cwd: ADMIN_DIR, env: process.env, logFile: path.join(ADMIN_DIR, 'test-results', 'links.log') },
  );
  if (links.pid) pgids.push(links.pid);
  state.pgids = pgids;
  saveState(state);
  if (!externalApi) {
    // `ranking start`: migrate, seed the demo (users, catalog, editions 2024–2026) on first run, serve.
    const api = startInSession(process.execPath, [cli, 'start'], {
      cwd: REPO_ROOT,
      env: apiEnv,
      logFile: apiLog,
    });
    if (api.pid) pgids.push(api.pid);
    state.pgids = pgids;
    saveState(state);
    try {
      await waitForHttp(`http://127.0.0.1:${apiPort}/readyz`, 900_000, api, apiLog);
    } catch (error) {
      stopGroups(pgids);
      throw error;
    }
  }
  const admin = startInSession(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(adminPort)],
    { cwd: ADMIN_DIR, env: adminEnv, logFile: adminLog },
  );
  if (admin.pid) pgids.push(admin.pid);
  state.pgids = pgids;
  saveState(state);
  try {
    await waitForHttp(`${adminUrl}/signin`, 120_000, admin, adminLog);
  } catch (error) {
    stopGroups(pgids);
    throw error;
  }
  process.env.ADMIN_URL = adminUrl;
  process.env.API_URL = apiUrl;
  process.env.E2E_LINKS_URL = linksUrl;
  process.env.E2E_UPSTREAMS_CONTROL = upstreamUrls.control;
  // The specs that sign what the API would email (contest links: contest-link.spec.ts).
  process.env.E2E_AUTH_SECRET = authSecret;
}
