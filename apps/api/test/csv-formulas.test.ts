/**
 * CSV formula injection: text that a spreadsheet would run (`=`, `+`, `-`, `@`, tab, carriage return
 * first) is written with a leading `'` and quoted in every CSV the platform writes; numbers are not
 * text and stay as they are; every reader takes the quote off again, so an export with such names is
 * still re-scored byte for byte (`ranking-score`, `ranking verify --dir`), and an import stores a note
 * exactly as written (PostgreSQL's COPY feed is not neutralised).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evidence, organizations, projects } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDemoEdition } from '../src/cli/demo';
import { createSystemContext } from '../src/context';
import { exportEdition } from '../src/modules/bulk/export-service';
import { importEvidence } from '../src/modules/bulk/import-service';
import { RANKING_BIN } from './cli-process';
import { startTestApi, type TestApi } from './helpers';

const SCORE_BIN = fileURLToPath(new URL('../../../packages/scoring/bin/ranking-score.js', import.meta.url));

/** Each dangerous first character, on a project of the demo catalogue. */
const RENAMES: [slug: string, name: string][] = [
  ['vllm', '=HYPERLINK("https://attacker.example","vLLM")'],
  ['llama-cpp', '+1+cmd|" /C calc"!A0'],
  ['sglang', '-2+3'],
  ['ollama', '@SUM(1+1)*cmd|" /C calc"!A0'],
  ['deepseek-v3', '\tDeepSeek-V3'],
  ['qwen3', '\rQwen3'],
];
const NOTES = ['=1+1', '+1+1', '-1+1', '@SUM(A1)'];

function run(
  bin: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.each(testDrivers())('CSV formula injection (%s)', (driver) => {
  let api: TestApi;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-12-01T12:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'ranking-formulas-'));
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an import stores notes exactly as written, and reads a neutralised cell as its text', async () => {
    const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const rows = NOTES.flatMap((note, i) => [
      `vllm,github_stars,${70_000 + i},2026-11-0${i + 1},https://github.com/vllm-project/vllm/n${i},github,${quoted(note)}`,
      `vllm,github_forks,${9_000 + i},2026-11-0${i + 1},https://github.com/vllm-project/vllm/q${i},github,${quoted(`'${note}`)}`,
    ]);
    const text = `project,indicator,value,observed_at,source_url,source_kind,note\n${rows.join('\n')}\n`;
    const report = await importEvidence(
      createSystemContext(api.deps),
      (async function* () {
        yield Buffer.from(text);
      })(),
      { approve: false },
    );
    expect(report.status, JSON.stringify(report.problems)).not.toBe('refused');
    const stored = await api.handle.db
      .select({ note: evidence.note, url: evidence.sourceUrl })
      .from(evidence)
      .where(like(evidence.sourceUrl, 'https://github.com/vllm-project/vllm/%'));
    const byUrl = new Map(stored.map((r) => [r.url.replace(/.*\//, ''), r.note]));
    NOTES.forEach((note, i) => {
      expect(byUrl.get(`n${i}`)).toBe(note);
      expect(byUrl.get(`q${i}`)).toBe(note);
    });
  }, 60_000);

  it('an export neutralises every such name and still re-scores byte for byte', async () => {
    for (const [slug, name] of RENAMES) {
      await api.handle.db.update(projects).set({ name }).where(eq(projects.slug, slug));
    }
    await api.handle.db
      .update(organizations)
      .set({ name: '=cmd|" /C calc"!A0' })
      .where(eq(organizations.slug, 'ggml'));
    const ctx = createSystemContext(api.deps);
    const edition = await publishDemoEdition(ctx, { year: 2027, cutoff: '2026-11-30' });
    const { manifest } = await exportEdition(ctx, edition, dir);

    const projectsCsv = readFileSync(join(dir, 'projects.csv'), 'utf8');
    for (const [slug, name] of RENAMES) {
      // the one cell: a quote in front, quoted, inner quotes doubled
      expect(projectsCsv).toContain(`\n${slug},"'${name.replaceAll('"', '""')}",`);
    }
    // No cell of any CSV starts a formula: every line's cells start with a letter, a digit, a quote,
    // a number's sign followed by a digit, or are empty.
    for (const file of ['projects.csv', 'evidence.csv', 'results.csv']) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(/(?:^|,)([=+\-@\t\r])(.?)/gm)) {
        const [, first, next] = match;
        expect(first === '-' && /\d/.test(next ?? ''), `${file}: ${JSON.stringify(match[0])}`).toBe(true);
      }
    }

    const rescored = await run(
      SCORE_BIN,
      [
        '--methodology',
        'methodology.json',
        '--observations',
        'evidence.csv',
        '--projects',
        'projects.csv',
        '--cutoff',
        manifest.cutoff,
        '--format',
        'csv',
      ],
      dir,
    );
    expect(rescored.stderr).toBe('');
    expect(rescored.stdout).toBe(readFileSync(join(dir, 'results.csv'), 'utf8'));
    const verified = await run(RANKING_BIN, ['verify', '--dir', dir], dir);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 300_000);
});
