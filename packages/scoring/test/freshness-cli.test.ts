/**
 * `ranking-score` with freshness windows, run as a real process through its bin on temporary
 * files: `--cutoff` sets the window, the JSON output carries imputed / stale / ageDays, the CSV
 * output keeps its columns, and the errors name the option or the JSON path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../src/index';

vi.setConfig({ testTimeout: 60_000 });

const bin = fileURLToPath(new URL('../bin/ranking-score.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ranking-score-freshness-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const methodology = write(
  'windowed.json',
  JSON.stringify({
    id: 'windowed',
    version: '1',
    title: 'Windowed',
    indicators: [
      { key: 'a', name: 'A', window: 'P1M' },
      { key: 'b', name: 'B' },
    ],
    dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }, { indicator: 'b' }] }],
  }),
);
const observations = write(
  'observations.csv',
  [
    'id,project,indicator,value,observed_at',
    '1,p,a,10,2026-03-15',
    '2,q,a,30,2026-02-28',
    '3,r,a,50,2026-02-27',
    '4,p,b,0,2026-03-31',
    '5,q,b,2,2026-03-31',
    '6,r,b,4,2026-03-31',
    '7,s,b,8,2026-03-31',
    '',
  ].join('\n'),
);

describe('ranking-score --cutoff with a windowed methodology (JSON)', () => {
  const result = run('--methodology', methodology, '--observations', observations, '--cutoff', '2026-03-31');
  const out = JSON.parse(result.stdout || '{}');
  const entries: Array<{
    project: string;
    score: number;
    rank: number;
    indicators: Record<string, unknown>;
  }> = out.dimensions?.[0]?.entries ?? [];
  const entry = (project: string) => entries.find((e) => e.project === project);

  it('exits 0 and scores with the stale value dropped (hand-worked)', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Window: 2026-03-31 − P1M = 2026-02-28 (clamped). r's a (2026-02-27) is dropped: a over p 10,
    // q 30 → 0, 1; r and s get 0 (missing: zero). b over 0, 2, 4, 8 → 0, 0.25, 0.5, 1.
    // Scores ½a + ½b × 100: q 62.5, s 50, r 25, p 0.
    expect(entries.map((e) => [e.project, e.rank])).toEqual([
      ['q', 1],
      ['s', 2],
      ['r', 3],
      ['p', 4],
    ]);
    expect(entry('q')?.score).toBeCloseTo(62.5, 12);
    expect(entry('s')?.score).toBeCloseTo(50, 12);
    expect(entry('r')?.score).toBeCloseTo(25, 12);
  });

  it('reports imputed, stale and ageDays per indicator', () => {
    expect(entry('r')?.indicators.a).toEqual({
      raw: null,
      normalized: 0,
      contribution: 0,
      imputed: true,
      stale: true,
      ageDays: null,
    });
    // On the boundary: 2026-02-28 → 2026-03-31 is 31 days.
    expect(entry('q')?.indicators.a).toMatchObject({ raw: 30, imputed: false, stale: false, ageDays: 31 });
    expect(entry('p')?.indicators.a).toMatchObject({ raw: 10, imputed: false, stale: false, ageDays: 16 });
    expect(entry('s')?.indicators.a).toMatchObject({ raw: null, imputed: true, stale: false, ageDays: null });
    // b has no window: a measured 0 observed on the cutoff is not imputed, its age is 0.
    expect(entry('p')?.indicators.b).toMatchObject({
      raw: 0,
      normalized: 0,
      imputed: false,
      stale: false,
      ageDays: 0,
    });
  });
});

describe('ranking-score --format csv with a windowed methodology', () => {
  it('keeps the CSV columns; the stale value is an empty raw cell', () => {
    const result = run(
      '--methodology',
      methodology,
      '--observations',
      observations,
      '--cutoff',
      '2026-03-31',
      '--format',
      'csv',
    );
    expect(result.code).toBe(0);
    const records = parseCsv(result.stdout).map((r) => r.fields);
    expect(records[0]).toEqual([
      'dimension',
      'project',
      'rank',
      'score',
      'indicator',
      'raw',
      'normalized',
      'contribution',
    ]);
    expect(records.find((f) => f[1] === 'r' && f[4] === 'a')).toEqual([
      'd',
      'r',
      '3',
      '25',
      'a',
      '',
      '0',
      '0',
    ]);
  });
});

describe('ranking-score — freshness errors', () => {
  it('a windowed methodology without --cutoff: exit 2, the option named, nothing on stdout', () => {
    const result = run('--methodology', methodology, '--observations', observations);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ranking-score: --cutoff YYYY-MM-DD is required: .*indicator "a".*P1M/);
  });

  it('a malformed window: exit 2 with the file, the JSON path and the accepted form', () => {
    const bad = write(
      'bad-window.json',
      JSON.stringify({
        id: 'bad',
        version: '1',
        title: 'Bad',
        indicators: [
          { key: 'a', name: 'A', window: '12 months' },
          { key: 'b', name: 'B', stale: 'flag' },
        ],
        dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }, { indicator: 'b' }] }],
      }),
    );
    const result = run('--methodology', bad, '--observations', observations, '--cutoff', '2026-03-31');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$\\.indicators\\[0\\]\\.window: must be an ISO 8601 duration .*"P12M".*not the string "12 months"$`,
      ),
    );
    expect(lines[1]).toBe(
      `${bad}: $.indicators[1].stale: needs a "window": stale says what happens to values observed before cutoff − window`,
    );
  });
});
