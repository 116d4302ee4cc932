/**
 * The `ranking` CLI parses its command line strictly: a misspelt or unknown flag, a flag without
 * its value, a missing or extra positional is exit 2 with the reason and that command's usage line
 * on stderr — before any database is opened, so nothing is written. Real CLI processes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRanking } from './cli-process';

let dir: string;
let base: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ranking-args-'));
  base = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'test',
    AUTH_SECRET: 'args-test-secret-args-test-secret-0123456789',
    RANKING_PASSWORD: 'a-long-enough-password',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ranking: a wrong command line is refused before anything is opened', () => {
  it('exit 2, the reason and the usage line on stderr, no database touched', async () => {
    // A directory that does not exist: any command that opened the database would create it.
    const untouched = join(dir, 'never-opened');
    const env = { ...base, PGLITE_DIR: untouched };
    const cases: { args: string[]; reason: RegExp; usage: string }[] = [
      {
        args: ['edition', 'compute', '2026', '--revison', '2'],
        reason: /Unknown option '--revison'/,
        usage: 'Usage: ranking edition compute YEAR [--revision N]',
      },
      {
        args: ['edition', 'compute', '2026', '--revision'],
        reason: /'--revision <value>' argument missing/,
        usage: 'Usage: ranking edition compute YEAR [--revision N]',
      },
      {
        args: ['edition', 'create', '2026', '2027'],
        reason: /Unexpected argument "2027"/,
        usage: 'Usage: ranking edition create YEAR',
      },
      {
        args: ['export', '2026'],
        reason: /Missing DIR/,
        usage: 'Usage: ranking export YEAR DIR [--revision N]',
      },
      {
        args: ['apikey', 'create', 'partner', '--scope', 'read'],
        reason: /Unknown option '--scope'/,
        usage: 'Usage: ranking apikey create NAME [--scopes a,b]',
      },
      {
        args: ['user', 'add', 'ops@example.org', '--role', 'admin', '--nmae', 'Ops'],
        reason: /Unknown option '--nmae'/,
        usage: 'Usage: ranking user add EMAIL --role ROLE [--name NAME]',
      },
      {
        args: ['user', 'add', 'ops@example.org', '--role', '--name', 'Ops'],
        reason: /'--role' argument is ambiguous/,
        usage: 'Usage: ranking user add EMAIL --role ROLE [--name NAME]',
      },
      { args: ['migrate', '--force'], reason: /Unknown option '--force'/, usage: 'Usage: ranking migrate' },
      { args: ['serve', '--port', '5000'], reason: /Unknown option '--port'/, usage: 'Usage: ranking serve' },
      {
        args: ['audit', 'verify', 'now'],
        reason: /Unexpected argument "now"/,
        usage: 'Usage: ranking audit verify',
      },
      {
        args: ['seed', '--synthetic'],
        reason: /'--synthetic <value>' argument missing/,
        usage: 'Usage: ranking seed [--synthetic N] [--seed S]',
      },
      {
        args: ['verify', '2026', '--dri', 'out'],
        reason: /Unknown option '--dri'/,
        usage: 'Usage: ranking verify [YEAR] [--revision N] [--dir DIR]',
      },
      {
        args: ['import', 'evidence', 'a.csv', '--approve=yes'],
        reason: /'--approve' does not take an argument/,
        usage: 'Usage: ranking import evidence FILE.csv [--dry-run] [--approve]',
      },
      {
        args: ['edition', 'recompute', '2026'],
        reason: /Unknown edition action "recompute"/,
        usage: 'ranking edition publish YEAR',
      },
    ];
    const runs = await Promise.all(cases.map(({ args }) => runRanking(args, env)));
    cases.forEach(({ args, reason, usage }, i) => {
      const run = runs[i];
      const label = `ranking ${args.join(' ')}`;
      expect(run?.code, `${label}: ${run?.stderr}`).toBe(2);
      expect(run?.stderr, label).toMatch(reason);
      expect(run?.stderr, label).toContain(usage);
      expect(run?.stdout, label).toBe('');
    });
    expect(existsSync(untouched)).toBe(false);

    const help = await runRanking(['import', 'evidence', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ranking import evidence FILE.csv [--dry-run] [--approve]');
    expect(existsSync(untouched)).toBe(false);
  }, 600_000);

  it('a misspelt --dry-run imports nothing: the evidence count is unchanged', async () => {
    const env = { ...base, PGLITE_DIR: join(dir, 'pglite') };
    const seeded = await runRanking(['seed', '--synthetic', '2'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const evidenceCount = async () => {
      const handle = await openDatabase({ dataDir: env.PGLITE_DIR });
      try {
        const result = await handle.db.execute<{ n: number; slug: string }>(
          sql`select (select count(*)::int from evidence) as n, (select slug from projects order by id limit 1) as slug`,
        );
        const row = (result as unknown as { rows: { n: number; slug: string }[] }).rows[0];
        return { n: Number(row?.n), slug: row?.slug ?? '' };
      } finally {
        await handle.close();
      }
    };
    const before = await evidenceCount();
    expect(before.n).toBeGreaterThan(0);
    const file = join(dir, 'one.csv');
    writeFileSync(
      file,
      `project,indicator,value,observed_at,source_url\n${before.slug},github_stars,4242,2026-01-02,https://example.org/args-test\n`,
    );
    const typo = await runRanking(['import', 'evidence', file, '--dryrun'], env);
    expect(typo.code, typo.stdout).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--dryrun'");
    expect(typo.stderr).toContain('Usage: ranking import evidence FILE.csv [--dry-run] [--approve]');
    expect((await evidenceCount()).n).toBe(before.n);
    // Spelt right, it is a dry run: still nothing written.
    const dry = await runRanking(['import', 'evidence', file, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: would add 1 evidence value');
    expect((await evidenceCount()).n).toBe(before.n);
  }, 600_000);
});
