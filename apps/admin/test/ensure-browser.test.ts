/**
 * The browser provisioning that runs before `playwright test` (scripts/ensure-browser.ts), on a
 * machine made up in a temporary directory: the paths where Chromium would be are missing, and
 * `apt-get` / Playwright's installer are small scripts on PATH that record how they were called
 * and create the browser (or fail, as they would offline). The real /usr/bin/chromium is untouched.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserEnvironment, ensureBrowser } from '../scripts/ensure-browser';

const ADMIN_DIR = path.resolve(import.meta.dirname, '..');
const FAKE_CHROMIUM = '#!/bin/sh\necho "Chromium 1.0 (fake)"\n';

let dir: string;
let logLines: string[];

function writeScript(file: string, body: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A fake apt-get on PATH: records "DEBIAN_FRONTEND args…"; `install` creates `creates` (unless failing). */
function fakeAptGet(creates: string, fail = false): void {
  writeScript(
    path.join(dir, 'bin', 'apt-get'),
    [
      `echo "$DEBIAN_FRONTEND $*" >> ${dir}/apt-get.calls`,
      fail ? 'echo "E: Unable to locate package chromium" >&2; exit 100' : '',
      `if [ "$1" = install ]; then mkdir -p ${path.dirname(creates)}; printf '${FAKE_CHROMIUM}' > ${creates}; chmod +x ${creates}; fi`,
    ].join('\n'),
  );
}

function environment(overrides: Partial<BrowserEnvironment> = {}): BrowserEnvironment {
  return {
    env: { NODE_ENV: 'test', PATH: `${dir}/bin:${process.env.PATH ?? '/usr/bin:/bin'}` },
    isRoot: true,
    systemPath: path.join(dir, 'usr/bin/chromium'),
    playwrightPath: path.join(dir, 'ms-playwright/chrome'),
    // As offline: Playwright's download fails.
    playwrightInstall: [
      writeScript(
        path.join(dir, 'playwright-offline'),
        'echo "getaddrinfo EAI_AGAIN cdn.playwright.dev" >&2; exit 1',
      ),
    ],
    log: (line) => logLines.push(line),
    ...overrides,
  };
}

const aptCalls = () =>
  existsSync(path.join(dir, 'apt-get.calls'))
    ? readFileSync(path.join(dir, 'apt-get.calls'), 'utf8').trim().split('\n')
    : [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ensure-browser-'));
  logLines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureBrowser(environment)', () => {
  it('as root without Chromium: apt-get update, then apt-get install -y chromium, non-interactive', () => {
    const env = environment();
    fakeAptGet(env.systemPath);
    const result = ensureBrowser(env);
    expect(result).toEqual({ ok: true, path: env.systemPath, installed: true });
    expect(aptCalls()).toEqual(['noninteractive update', 'noninteractive install -y chromium']);
    expect(existsSync(env.systemPath)).toBe(true);
  });

  it('installs nothing when Debian’s Chromium is already there', () => {
    const env = environment();
    writeScript(env.systemPath, 'echo "Chromium 1.0 (present)"');
    fakeAptGet(env.systemPath);
    expect(ensureBrowser(env)).toEqual({ ok: true, path: env.systemPath, installed: false });
    expect(aptCalls()).toEqual([]);
  });

  it('without root: Playwright’s own Chromium, and no apt-get', () => {
    const env = environment({ isRoot: false });
    fakeAptGet(env.systemPath);
    const installer = writeScript(
      path.join(dir, 'playwright-install'),
      `echo "$*" > ${dir}/playwright.calls; mkdir -p ${path.dirname(env.playwrightPath)}; printf '${FAKE_CHROMIUM}' > ${env.playwrightPath}; chmod +x ${env.playwrightPath}`,
    );
    const result = ensureBrowser({ ...env, playwrightInstall: [installer, 'install', 'chromium'] });
    expect(result).toEqual({ ok: true, path: env.playwrightPath, installed: true });
    expect(readFileSync(path.join(dir, 'playwright.calls'), 'utf8').trim()).toBe('install chromium');
    expect(aptCalls()).toEqual([]);
  });

  it('without root and no way to install: fails with one line naming what is missing', () => {
    const env = environment({ isRoot: false });
    const result = ensureBrowser(env);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(`${env.systemPath} is missing`);
    expect(message).toContain(
      'playwright install chromium failed (getaddrinfo EAI_AGAIN cdn.playwright.dev)',
    );
  });

  it('as root when apt-get fails and Playwright cannot download: names both failures', () => {
    const env = environment();
    fakeAptGet(env.systemPath, true);
    const result = ensureBrowser(env);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('apt-get update failed (E: Unable to locate package chromium)');
    expect(message).toContain('playwright install chromium failed');
  });

  it('honours CHROMIUM_PATH: used when it exists, an error naming it when not, never an install', () => {
    const env = environment();
    fakeAptGet(env.systemPath);
    const custom = writeScript(path.join(dir, 'opt/chrome'), 'echo "Chrome 2.0"');
    expect(ensureBrowser({ ...env, env: { ...env.env, CHROMIUM_PATH: custom } })).toEqual({
      ok: true,
      path: custom,
      installed: false,
    });
    const missing = path.join(dir, 'nowhere/chrome');
    expect(ensureBrowser({ ...env, env: { ...env.env, CHROMIUM_PATH: missing } })).toEqual({
      ok: false,
      message: `ensure-browser: CHROMIUM_PATH=${missing} is not an executable file`,
    });
    expect(aptCalls()).toEqual([]);
  });

  it('fails when the browser is there but does not start', () => {
    const env = environment();
    writeScript(env.systemPath, 'echo "error while loading shared libraries: libnss3.so" >&2; exit 127');
    const result = ensureBrowser(env);
    expect(result).toEqual({
      ok: false,
      message: `ensure-browser: ${env.systemPath} does not start (error while loading shared libraries: libnss3.so)`,
    });
  });
});

describe('scripts/ensure-browser.ts as run by `npm test`', () => {
  const runScript = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-browser.ts'], {
      cwd: ADMIN_DIR,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exits 1 with one line on stderr when CHROMIUM_PATH points nowhere', () => {
    const missing = path.join(dir, 'nowhere/chrome');
    const result = runScript({ CHROMIUM_PATH: missing });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`ensure-browser: CHROMIUM_PATH=${missing} is not an executable file\n`);
  });

  it('exits 0 silently when CHROMIUM_PATH is a browser that starts', () => {
    const custom = writeScript(path.join(dir, 'opt/chrome'), 'echo "Chrome 2.0"');
    const result = runScript({ CHROMIUM_PATH: custom });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
