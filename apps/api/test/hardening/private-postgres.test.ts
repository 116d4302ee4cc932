/**
 * Finding PostgreSQL's server binaries for the private instances of faults.test.ts and
 * integrity.test.ts, on installations made up in a temporary directory: a pg_config script that
 * reports a directory, and Debian-style /usr/lib/postgresql/<version>/bin trees.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPostgresBin, privatePostgresPlan, privatePostgresUnavailable } from './private-postgres';

let dir: string;

/** A server installation at `<versionsDir>/<version>/bin`; `withServer: false` has psql only (a client package). */
function install(version: string, withServer = true): string {
  const bin = join(dir, 'lib', version, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of withServer ? ['initdb', 'pg_ctl', 'psql'] : ['psql']) {
    writeFileSync(join(bin, tool), '#!/bin/sh\n');
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

function pgConfigReporting(bindir: string): string {
  const file = join(dir, 'pg_config');
  writeFileSync(file, `#!/bin/sh\n[ "$1" = --bindir ] && echo ${bindir}\n`);
  chmodSync(file, 0o755);
  return file;
}

const search = (pgConfig = join(dir, 'no-pg_config')) => ({ pgConfig, versionsDir: join(dir, 'lib') });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-bin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('findPostgresBin(search)', () => {
  it('takes what `pg_config --bindir` reports when initdb and pg_ctl are there', () => {
    install('15');
    const custom = join(dir, 'opt/pgsql/bin');
    mkdirSync(custom, { recursive: true });
    for (const tool of ['initdb', 'pg_ctl']) writeFileSync(join(custom, tool), '');
    expect(findPostgresBin(search(pgConfigReporting(custom)))).toBe(custom);
  });

  it('without pg_config: the newest installed version, in numeric order (17 > 16 > 9.6)', () => {
    install('9.6');
    install('16');
    const newest = install('17');
    install('13');
    expect(findPostgresBin(search())).toBe(newest);
  });

  it('skips versions without a server (client-only packages) and non-version entries', () => {
    const server = install('15');
    install('16', false);
    mkdirSync(join(dir, 'lib', 'common'), { recursive: true });
    expect(findPostgresBin(search())).toBe(server);
  });

  it('falls back to the versions when pg_config points at a directory without a server', () => {
    const clientOnly = install('17', false);
    const server = install('15');
    expect(findPostgresBin(search(pgConfigReporting(clientOnly)))).toBe(server);
  });

  it('finds nothing when nothing is installed, and says where it looked', () => {
    expect(findPostgresBin(search())).toBeUndefined();
    expect(privatePostgresUnavailable(search())).toBe(
      `no PostgreSQL server binaries (initdb, pg_ctl): not in \`${join(dir, 'no-pg_config')} --bindir\` nor in ${join(dir, 'lib')}/*/bin`,
    );
  });
});

describe('privatePostgresPlan(unavailable, env)', () => {
  it('runs when the binaries are there, fails under CI without them, skips (loudly) elsewhere', () => {
    expect(privatePostgresPlan(null, { CI: 'true' })).toBe('run');
    expect(privatePostgresPlan('no binaries', { CI: 'true' })).toBe('fail');
    expect(privatePostgresPlan('no binaries', { CI: '1' })).toBe('fail');
    expect(privatePostgresPlan('no binaries', {})).toBe('skip');
    expect(privatePostgresPlan('no binaries', { CI: 'false' })).toBe('skip');
  });
});
