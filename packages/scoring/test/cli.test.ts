/**
 * The `ranking-score` CLI (packages/scoring/README.md), run as a real process via its bin on temporary files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../src/index';

vi.setConfig({ testTimeout: 60_000 });

const bin = fileURLToPath(new URL('../bin/ranking-score.js', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ranking-score-'));
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

const methodology = join(fixtures, 'methodology.json');
const observations = join(fixtures, 'observations.csv');
const projects = join(fixtures, 'projects.csv');

describe('ranking-score — JSON output', () => {
  const result = run(
    '--methodology',
    methodology,
    '--observations',
    observations,
    '--projects',
    projects,
    '--cutoff',
    '2025-12-31',
  );
  const out = JSON.parse(result.stdout);

  it('exits 0 with nothing on stderr', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('has exactly the documented shape', () => {
    expect(Object.keys(out)).toEqual(['methodology', 'dimensions', 'shares']);
    expect(out.methodology).toEqual({ id: 'fixture', version: '2026.1' });
    expect(out.dimensions.map((d: { key: string }) => d.key)).toEqual(['model', 'system']);
    const dimension = out.dimensions[0];
    expect(Object.keys(dimension)).toEqual(['key', 'entries']);
    const entry = dimension.entries[0];
    expect(Object.keys(entry)).toEqual(['project', 'score', 'rank', 'nodes', 'indicators']);
    // The contract's three keys, then the freshness flags (additive; see test/freshness-cli.test.ts).
    expect(Object.keys(entry.indicators.downloads)).toEqual([
      'raw',
      'normalized',
      'contribution',
      'imputed',
      'stale',
      'ageDays',
    ]);
  });

  it('orders entries by rank and scores like the library (reference values of the fixture)', () => {
    expect(
      out.dimensions[0].entries.map((e: { project: string; rank: number }) => [e.project, e.rank]),
    ).toEqual([
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 3],
    ]);
    expect(out.dimensions[0].entries[0].score).toBeCloseTo(96.15839978871362, 12);
    expect(out.dimensions[1].entries[1].score).toBeCloseTo(72.75008016865128, 12);
  });

  it('includes shares by country and organization', () => {
    expect(out.shares.country.dimensions[1].shares[0]).toEqual({
      group: 'US',
      scoreShare: 1,
      projects: 2,
      topCount: 2,
    });
    expect(out.shares.organization.by).toBe('organization');
  });
});

describe('ranking-score — options', () => {
  it('without --projects every project is in every dimension, with no country', () => {
    const out = JSON.parse(run('--methodology', methodology, '--observations', observations).stdout);
    expect(out.dimensions[0].entries).toHaveLength(6);
    expect(out.shares.country.overall.map((r: { group: string }) => r.group)).toEqual(['unknown']);
  });

  it('--sensitivity N --seed S adds rank intervals, identical for the same seed', () => {
    const args = [
      '--methodology',
      methodology,
      '--observations',
      observations,
      '--projects',
      projects,
      '--sensitivity',
      '200',
      '--seed',
      'abc',
    ];
    const first = run(...args);
    const second = run(...args);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const out = JSON.parse(first.stdout);
    expect(out.sensitivity).toMatchObject({ samples: 200, seed: 'abc', delta: 0.25 });
    expect(Object.keys(out.sensitivity.dimensions)).toEqual(['model', 'system']);
    expect(Object.keys(out.sensitivity.dimensions.model[0])).toEqual([
      'project',
      'nominalRank',
      'medianRank',
      'p05Rank',
      'p95Rank',
    ]);
  });

  it('reads a YAML methodology', () => {
    const yaml = write(
      'm.yaml',
      'id: y\nversion: "1"\ntitle: Y\nindicators:\n  - { key: downloads, name: D }\n  - { key: stars, name: S }\n  - { key: contributors, name: C }\n  - { key: license_openness, name: L }\n  - { key: response_hours, name: R }\n  - { key: citations, name: Ci }\n  - { key: elo, name: E }\ndimensions:\n  - { key: all, name: All, children: [{ indicator: downloads }] }\n',
    );
    const result = run('--methodology', yaml, '--observations', observations);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).methodology).toEqual({ id: 'y', version: '1' });
  });

  it('--help prints the usage and exits 0', () => {
    const result = run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ranking-score --methodology FILE --observations FILE/);
  });
});

describe('ranking-score --format csv', () => {
  const result = run(
    '--methodology',
    methodology,
    '--observations',
    observations,
    '--projects',
    projects,
    '--format',
    'csv',
  );
  const records = parseCsv(result.stdout);

  it('writes the long format: one row per dimension × project × indicator', () => {
    expect(result.code).toBe(0);
    expect(records[0]?.fields).toEqual([
      'dimension',
      'project',
      'rank',
      'score',
      'indicator',
      'raw',
      'normalized',
      'contribution',
    ]);
    // model: 3 projects × 7 indicators; system: 3 projects × 3 indicators
    expect(records).toHaveLength(1 + 21 + 9);
  });

  it('leaves null cells empty and agrees with the JSON output', () => {
    const json = JSON.parse(
      run('--methodology', methodology, '--observations', observations, '--projects', projects).stdout,
    );
    const betaHours = records.find((r) => r.fields[1] === 'beta' && r.fields[4] === 'response_hours');
    expect(betaHours?.fields.slice(5)).toEqual(['', '', '0']);
    const alphaDownloads = records.find((r) => r.fields[1] === 'alpha' && r.fields[4] === 'downloads');
    expect(Number(alphaDownloads?.fields[7])).toBe(
      json.dimensions[0].entries[0].indicators.downloads.contribution,
    );
  });
});

describe('ranking-score — errors: stderr with file and line or JSON path, exit code 2, nothing on stdout', () => {
  const expectFailure = (result: ReturnType<typeof run>, pattern: RegExp) => {
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
  };

  it('a non-numeric value: FILE:LINE', () => {
    const bad = write('bad-value.csv', 'project,indicator,value\nalpha,downloads,12\nalpha,stars,lots\n');
    expectFailure(
      run('--methodology', methodology, '--observations', bad),
      new RegExp(`^${bad}:3: non-numeric value "lots"`),
    );
  });

  it('an unknown indicator: FILE:LINE naming it', () => {
    const bad = write('unknown.csv', 'project,indicator,value\nalpha,downloads,12\n\nalpha,hf_likes,3\n');
    expectFailure(
      run('--methodology', methodology, '--observations', bad),
      new RegExp(`^${bad}:4: unknown indicator "hf_likes"`),
    );
  });

  it('log of a non-positive value: the line of the evidence behind it', () => {
    const logMethodology = write(
      'log.json',
      JSON.stringify({
        id: 'l',
        version: '1',
        title: 'L',
        indicators: [{ key: 'size_tokens', name: 'Size', transform: 'log' }],
        dimensions: [{ key: 'data', name: 'Data', children: [{ indicator: 'size_tokens' }] }],
      }),
    );
    const bad = write('log.csv', 'project,indicator,value\na,size_tokens,100\nb,size_tokens,0\n');
    expectFailure(
      run('--methodology', logMethodology, '--observations', bad),
      new RegExp(`^${bad}:3: project "b", indicator "size_tokens".*log is undefined at 0`),
    );
  });

  it('an invalid methodology: FILE: $.json.path for every issue', () => {
    const bad = write(
      'bad-methodology.json',
      JSON.stringify({
        id: 'b',
        version: '1',
        title: 'B',
        indicators: [{ key: 'x', name: 'X', winsorize: 0.6 }],
        dimensions: [
          { key: 'd', name: 'D', children: [{ indicator: 'x', weight: -1 }, { indicator: 'nope' }] },
        ],
      }),
    );
    const result = run('--methodology', bad, '--observations', observations);
    expectFailure(
      result,
      new RegExp(`^${bad}: \\$\\.indicators\\[0\\]\\.winsorize: must be in \\[0, 0.5\\)`),
    );
    expect(result.stderr.trim().split('\n')).toEqual([
      `${bad}: $.indicators[0].winsorize: must be in [0, 0.5), not 0.6`,
      `${bad}: $.dimensions[0].children[0].weight: must be ≥ 0, not -1`,
      `${bad}: $.dimensions[0].children[1].indicator: unknown indicator "nope"`,
    ]);
  });

  it('duplicate JSON keys in the methodology: the path', () => {
    const text = readFileSync(methodology, 'utf8').replace('"scale": 100,', '"scale": 100,\n  "scale": 10,');
    const bad = write('dup.json', text);
    expectFailure(
      run('--methodology', bad, '--observations', observations),
      new RegExp(`^${bad}: \\$\\.scale: duplicate key "scale"`),
    );
  });

  it('a JSON syntax error: FILE:LINE', () => {
    const bad = write('syntax.json', '{\n  "id": "x",\n  oops\n}');
    expectFailure(run('--methodology', bad, '--observations', observations), new RegExp(`^${bad}:3: `));
  });

  it('a missing column, a ragged row, a bad date, a duplicate id', () => {
    expectFailure(
      run('--methodology', methodology, '--observations', write('nocol.csv', 'project,value\na,1\n')),
      /nocol\.csv:1: missing column "indicator"/,
    );
    expectFailure(
      run(
        '--methodology',
        methodology,
        '--observations',
        write('ragged.csv', 'project,indicator,value\nalpha,stars,1,extra\n'),
      ),
      /ragged\.csv:2: expected 3 fields, found 4/,
    );
    expectFailure(
      run(
        '--methodology',
        methodology,
        '--observations',
        write('date.csv', 'project,indicator,value,observed_at\nalpha,stars,1,2025-13-01\n'),
      ),
      /date\.csv:2: observed_at must be a YYYY-MM-DD date/,
    );
    expectFailure(
      run(
        '--methodology',
        methodology,
        '--observations',
        write('dupid.csv', 'project,indicator,value,id\nalpha,stars,1,e1\nbeta,stars,2,e1\n'),
      ),
      /dupid\.csv:3: duplicate id "e1" \(first at line 2\)/,
    );
  });

  it('an observation for a project missing from --projects: FILE:LINE', () => {
    const few = write(
      'few-projects.csv',
      'project,name,category,organization,country\nalpha,Alpha,model,,\n',
    );
    expectFailure(
      run('--methodology', methodology, '--observations', observations, '--projects', few),
      new RegExp(`^${observations}:11: unknown project "beta"`),
    );
  });

  it('a missing file, a bad option, a bad cutoff, --sensitivity without --seed', () => {
    expectFailure(
      run('--methodology', join(dir, 'nope.json'), '--observations', observations),
      /nope\.json: no such file \(ENOENT\)/,
    );
    expectFailure(
      run('--methodology', methodology, '--observations', observations, '--frobnicate'),
      /^ranking-score: .*frobnicate/,
    );
    expectFailure(
      run('--methodology', methodology, '--observations', observations, '--cutoff', '2025-02-30'),
      /--cutoff must be a YYYY-MM-DD date/,
    );
    expectFailure(
      run('--methodology', methodology, '--observations', observations, '--sensitivity', '10'),
      /--sensitivity needs --seed/,
    );
    expectFailure(run('--observations', observations), /--methodology FILE is required/);
  });
});

describe('ranking-score --format csv with slugs that would start a spreadsheet formula', () => {
  // (Tab and carriage return would be trimmed off a slug by the reader; csv.test.ts covers them.)
  const slugs = ['=cmd', '+cmd', '-cmd', '@cmd'];
  const quoted = (slug: string) => `"${slug}"`;
  const obs = write(
    'formula-observations.csv',
    `project,indicator,value\n${slugs.map((s, i) => `${quoted(s)},downloads,${(i + 1) * 1000}`).join('\n')}\n`,
  );
  const result = run('--methodology', methodology, '--observations', obs, '--format', 'csv');

  it('neutralises every such cell and reads back the slugs', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = parseCsv(result.stdout).slice(1);
    expect(new Set(rows.map((r) => r.fields[1]))).toEqual(new Set(slugs));
    for (const slug of slugs) expect(result.stdout).toContain(`,"'${slug}",`);
    // Numbers stay numbers: no cell of the output but the neutralised ones starts with a quote.
    for (const line of result.stdout.split('\n').slice(1, -1)) {
      const cells = line.split(',');
      expect(
        cells.slice(2).every((c) => c === '' || /^-?[0-9]/.test(c) || /^[a-z_]+$/.test(c)),
        line,
      ).toBe(true);
    }
  });
});

describe('ranking-score — a wrong command line: exit 2, the reason and the usage on stderr, nothing scored', () => {
  const synopsis = 'Usage: ranking-score --methodology FILE --observations FILE';
  const cases: [string, string[], RegExp][] = [
    [
      'a misspelt flag',
      ['--methodology', methodology, '--observations', observations, '--fromat', 'csv'],
      /'--fromat'/,
    ],
    [
      'a flag without its value',
      ['--methodology', methodology, '--observations', observations, '--cutoff'],
      /'--cutoff <value>' argument missing/,
    ],
    [
      'a flag swallowing the next flag',
      ['--methodology', '--observations', observations],
      /'--methodology' argument is ambiguous/,
    ],
    [
      'a value given to a switch',
      ['--methodology', methodology, '--observations', observations, '--help=yes'],
      /'-h, --help' does not take an argument/,
    ],
    [
      'an extra positional',
      ['--methodology', methodology, '--observations', observations, 'extra.csv'],
      /Unexpected argument 'extra\.csv'/,
    ],
  ];
  for (const [what, args, reason] of cases) {
    it(what, () => {
      const result = run(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).toContain(synopsis);
    });
  }

  it('an input file error is not a usage error: no synopsis', () => {
    const result = run('--methodology', join(dir, 'nope.json'), '--observations', observations);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(synopsis);
  });
});
