#!/usr/bin/env node
/**
 * `npm start` for the admin app: builds once if there is no production build yet, then serves it on
 * PORT (default 3000). NEXTAUTH_URL defaults to the local address; the sign-in page lists the demo
 * accounts unless NODE_ENV is production (or SHOW_DEMO_ACCOUNTS says otherwise).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const port = process.env.PORT || '3000';
const env = {
  ...process.env,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  // The local demo (the API seeds its demo accounts outside production): the sign-in page may list
  // them although this is a production build (src/app/signin/demo-accounts.ts).
  SHOW_DEMO_ACCOUNTS: process.env.SHOW_DEMO_ACCOUNTS ?? (process.env.NODE_ENV === 'production' ? '0' : '1'),
};

if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
  console.log('admin: no production build yet, running next build…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: appDir, env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, 'start', '-p', port], {
  cwd: appDir,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
