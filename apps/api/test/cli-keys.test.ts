/**
 * `ranking keys documents add|list|remove` as an operator runs it: the compiled CLI as a child
 * process on a fresh database (a PGlite directory, or a new database on TEST_DATABASE_URL's server).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDrivers } from '@ranking/schema/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRanking } from './cli-process';

describe.each(testDrivers())('ranking keys documents (%s)', (driver) => {
  let env: Record<string, string>;
  let dir: string;
  let cleanup: () => Promise<void> = async () => {};
  const ranking = (...args: string[]) => runRanking(args, env, undefined, 240_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ranking-keys-'));
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      AUTH_SECRET: 'cli-test-secret-cli-test-secret-0123456789',
    };
    if (driver === 'pglite') {
      env = { ...base, PGLITE_DIR: join(dir, 'pglite') };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const server = process.env.TEST_DATABASE_URL ?? '';
      const name = `test_cli_keys_${randomBytes(5).toString('hex')}`;
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      env = { ...base, DATABASE_URL: url.toString() };
      cleanup = async () => {
        rmSync(dir, { recursive: true, force: true });
        const dropper = postgres(server, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      };
    }
  });
  afterAll(async () => cleanup());

  it('adds a document from a file (printing its SHA-256), lists and removes it; refuses bad arguments with exit 2 and the usage line', async () => {
    const key = await ranking('apikey', 'create', 'partner');
    expect(key.code, key.stderr).toBe(0);
    const file = join(dir, 'years.graphql');
    const text = 'query PartnerYears {\n  editions {\n    year\n  }\n}\n';
    writeFileSync(file, text);
    const hash = createHash('sha256').update(text).digest('hex');

    const added = await ranking('keys', 'documents', 'add', '--key', '1', file, '--name', 'Years');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toBe(hash);

    const listed = await ranking('keys', 'documents', 'list', '--key', '1');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${hash}  \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  Years\\n$`));

    // Strict flags: exit 2 with the usage, nothing opened.
    const unknown = await ranking('keys', 'documents', 'list', '--key', '1', '--all');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--all'");
    expect(unknown.stderr).toContain('Usage: ranking keys documents list --key KEY_ID');
    const noKey = await ranking('keys', 'documents', 'add', file);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key');
    const action = await ranking('keys', 'documents', 'rename');
    expect(action.code).toBe(2);
    expect(action.stderr).toContain(
      'Usage: ranking keys documents add --key KEY_ID FILE.graphql [--name NAME]',
    );
    const notGraphQL = join(dir, 'bad.graphql');
    writeFileSync(notGraphQL, 'query { nothing }\n');
    const invalid = await ranking('keys', 'documents', 'add', '--key', '1', notGraphQL);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/line 1, column \d+: .*nothing/);

    const removed = await ranking('keys', 'documents', 'remove', '--key', '1', '--hash', hash);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed "Years" (${hash}) from key 1.`);
    // Removed: removing it again finds nothing.
    const again = await ranking('keys', 'documents', 'remove', '--key', '1', '--hash', hash);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Trusted document not found');
  }, 900_000);
});
