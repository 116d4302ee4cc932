/**
 * Makes sure the end-to-end tests have a Chromium to drive before `playwright test` starts, so
 * `npm install && npm test` passes on a fresh machine: CHROMIUM_PATH when set (nothing is installed
 * then), else Debian's /usr/bin/chromium, else Playwright's own build. When neither is there it
 * installs one — Debian's package through apt-get when running as root, Playwright's build
 * (`playwright install chromium`) otherwise or when apt-get fails — and checks that it starts. If
 * nothing works it prints one line saying what is missing and exits 1: the browser tests never
 * vanish quietly. playwright.config.ts drives what `findBrowser` finds.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface BrowserEnvironment {
  /** CHROMIUM_PATH and PATH (where apt-get is looked up) are read from here. */
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  /** Debian's Chromium, where `apt-get install chromium` puts it. */
  systemPath: string;
  /** Where `playwright install chromium` puts Playwright's own build. */
  playwrightPath: string;
  /** The command that installs Playwright's build: [command, ...arguments]. */
  playwrightInstall: readonly string[];
  /** Progress lines (installing…); the final verdict is the return value. */
  log: (line: string) => void;
}

export type EnsureResult = { ok: true; path: string; installed: boolean } | { ok: false; message: string };

/** The environment of this process: the real paths and Playwright's own installer. */
export function currentEnvironment(): BrowserEnvironment {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    systemPath: SYSTEM_CHROMIUM,
    playwrightPath: chromium.executablePath(),
    playwrightInstall: [process.execPath, cli, 'install', 'chromium'],
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to drive among those present now: CHROMIUM_PATH when set (even if missing), else the first found. */
export function findBrowser(environment: BrowserEnvironment): string | undefined {
  const configured = environment.env.CHROMIUM_PATH;
  if (configured) return isExecutableFile(configured) ? configured : undefined;
  return [environment.systemPath, environment.playwrightPath].find(isExecutableFile);
}

/** Runs a command with its output captured; on failure, returns the last line it printed. */
function run(command: readonly string[], env: NodeJS.ProcessEnv): { ok: boolean; detail: string } {
  const [file = '', ...args] = command;
  const result = spawnSync(file, args, { env, encoding: 'utf8', timeout: 15 * 60_000 });
  if (result.error) return { ok: false, detail: result.error.message };
  const lastLine =
    `${result.stderr ?? ''}\n${result.stdout ?? ''}`
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ?? '';
  return { ok: result.status === 0, detail: lastLine || `exit ${result.status ?? result.signal}` };
}

/** Why `file --version` fails, or undefined when the browser starts. */
function startFailure(file: string, env: NodeJS.ProcessEnv): string | undefined {
  const started = run([file, '--version'], env);
  return started.ok ? undefined : `${file} does not start (${started.detail})`;
}

function verdict(file: string, installed: boolean, env: NodeJS.ProcessEnv): EnsureResult {
  const failure = startFailure(file, env);
  return failure ? { ok: false, message: `ensure-browser: ${failure}` } : { ok: true, path: file, installed };
}

export function ensureBrowser(environment: BrowserEnvironment): EnsureResult {
  const { env, log } = environment;
  if (env.CHROMIUM_PATH) {
    return isExecutableFile(env.CHROMIUM_PATH)
      ? verdict(env.CHROMIUM_PATH, false, env)
      : {
          ok: false,
          message: `ensure-browser: CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`,
        };
  }
  const present = findBrowser(environment);
  if (present) return verdict(present, false, env);

  const attempts: string[] = [];
  if (environment.isRoot) {
    log(`ensure-browser: ${environment.systemPath} is missing; installing Debian's chromium (apt-get)…`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = run(['apt-get', 'update'], aptEnv);
    const install = update.ok ? run(['apt-get', 'install', '-y', 'chromium'], aptEnv) : update;
    if (install.ok && isExecutableFile(environment.systemPath))
      return verdict(environment.systemPath, true, env);
    attempts.push(
      install.ok
        ? `apt-get installed chromium but ${environment.systemPath} is still missing`
        : `apt-get ${update.ok ? 'install -y chromium' : 'update'} failed (${install.detail})`,
    );
  }
  log('ensure-browser: no Chromium found; installing Playwright’s own (playwright install chromium)…');
  const playwright = run(environment.playwrightInstall, env);
  if (playwright.ok && isExecutableFile(environment.playwrightPath))
    return verdict(environment.playwrightPath, true, env);
  attempts.push(
    playwright.ok
      ? `playwright install chromium left no ${environment.playwrightPath}`
      : `playwright install chromium failed (${playwright.detail})`,
  );
  return {
    ok: false,
    message: `ensure-browser: no Chromium for the end-to-end tests: ${environment.systemPath} is missing, CHROMIUM_PATH is not set, ${attempts.join('; ')}`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = ensureBrowser(currentEnvironment());
  if (result.ok) {
    if (result.installed) process.stderr.write(`ensure-browser: installed ${result.path}\n`);
  } else {
    process.stderr.write(`${result.message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(1);
  }
}
